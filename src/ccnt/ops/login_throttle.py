"""Login throttling with django-axes, for the admin's and the readers' login forms.

After ``AXES_FAILURE_LIMIT`` failed logins for one username from one address, that pair is
locked out for ``AXES_COOLOFF_TIME`` (the login answers 429); a successful login resets the
count. An admin lifts a lock early with ``ccnt axes_reset_username NAME`` or in the admin
(*Access attempts*, superusers).
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend


class AxesBackend(AxesStandaloneBackend):
    """axes' backend, except that an ``authenticate()`` without a request (a management command,
    the test client's ``login()``) is no web login to throttle: it passes to the next backend
    instead of raising."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def username(request, credentials) -> str:
    """The username as the forms compare it (emails are case-insensitive and stripped), so that
    ``Admin`` and ``admin `` count against the same lock."""
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = request.POST.get("username", "")
    return str(value or "").strip().lower()
