"""The site's own address, as the links in the account emails use it.

Invariant: both the views and the forms import it at the top. The rejected alternative kept it in
``views.py``, which imports the forms — so ``PasswordResetRequestForm.save`` had to import the views
inside the method to reach it.
"""

from __future__ import annotations

from django.conf import settings


def base_url(request) -> str:
    """The scheme and host the request came in on, else ``CCNT_SITE_URL`` (a job with no request)."""
    return request.build_absolute_uri("/").rstrip("/") if request else settings.CCNT_SITE_URL
