"""Signed, time-limited email confirmation tokens (no table): the user id and the email address
they were sent to, signed with the secret key. A token stops working once the account is active
or when its email address has changed."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

SALT = "ccnt.accounts.confirm"


def _password_mark(user) -> str:
    # only the latest registration's link works: registering again sets a new password
    return salted_hmac(SALT, user.password).hexdigest()[:16]


def make_token(user) -> str:
    return signing.dumps({"u": user.pk, "e": user.email, "p": _password_mark(user)}, salt=SALT, compress=True)


def read_token(token: str):
    """The inactive user the token was made for, or None (bad, expired, already used)."""
    from django.contrib.auth.models import User

    try:
        data = signing.loads(token, salt=SALT, max_age=settings.CCNT_CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("u")).first()
    if user is None or user.email != data.get("e") or data.get("p") != _password_mark(user):
        return None
    return user
