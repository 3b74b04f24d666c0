"""Limits on the emails a stranger can make the site send: password-reset requests per email
address and per client address, and the "you already have an account" email per address.

Fixed one-hour windows counted in the shared cache (Redis or the database cache), as the API's
limits, so they hold across server processes. The email address is counted whether or not it has
an account, so the limit tells nobody who is registered. Rejected: django-axes for this (it counts
failed logins; a reset request is no login and never "fails").
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from ccnt.ops.cache import counters

WINDOW = 3600  # seconds


def client_address(request) -> str:
    """The client's address as the API's limits see it (``CCNT_NUM_PROXIES`` decides)."""
    return BaseThrottle().get_ident(request)


def _hit(scope: str, ident: str, limit: int) -> bool:
    """Count one event for ``ident``; True while the count is within ``limit`` this window."""
    key = f"ccnt.accounts.{scope}:{hashlib.sha256(ident.encode()).hexdigest()[:32]}"
    cache = counters()
    if cache.add(key, 1, WINDOW):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW)
        count = 1
    return count <= limit


def allow_reset(request, email: str) -> bool:
    """One password-reset request from this client for this address: within the limits?"""
    by_client = _hit("reset-client", client_address(request), settings.CCNT_PASSWORD_RESET_PER_CLIENT)
    by_email = _hit("reset-email", email.strip().lower(), settings.CCNT_PASSWORD_RESET_PER_EMAIL)
    return by_client and by_email


def allow_account_email(email: str) -> bool:
    """One "you already have an account" email to this address: within the limit?"""
    return _hit("exists-email", email.strip().lower(), settings.CCNT_PASSWORD_RESET_PER_EMAIL)
