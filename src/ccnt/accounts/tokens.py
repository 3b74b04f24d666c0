"""Signed, time-limited email confirmation tokens (no table): the user id and the email address
they were sent to, signed with the secret key. A token stops working once the account is active
or when its email address has changed."""

from __future__ import annotations

from django.conf import settings
from django.core import signing

SALT = "ccnt.accounts.confirm"


def make_token(user) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=SALT, compress=True)


def read_token(token: str):
    """The inactive user the token was made for, or None (bad, expired, already used)."""
    from django.contrib.auth.models import User

    try:
        data = signing.loads(token, salt=SALT, max_age=settings.CCNT_CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("u")).first()
    if user is None or user.email != data.get("e"):
        return None
    return user
