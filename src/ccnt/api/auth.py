"""Token authentication: ``Authorization: Token ccnt_…`` (or ``Bearer ccnt_…``).

No header means an anonymous client (lower rate limit). A header with an unknown, malformed or
revoked key is an error (401), never silently anonymous, so a client notices a revoked token.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from rest_framework import authentication, exceptions

from .models import ApiToken, hash_key

KEYWORDS = ("token", "bearer")
TOUCH_EVERY = timedelta(hours=1)


class ApiClient:
    """The request's user when a token authenticated it (no Django user is involved)."""

    is_authenticated = True
    is_anonymous = False
    is_staff = False
    is_active = True

    def __init__(self, token: ApiToken) -> None:
        self.token = token
        self.pk = self.id = None
        self.username = f"token:{token.key_prefix}"

    def __str__(self) -> str:
        return self.username


class ApiTokenAuthentication(authentication.BaseAuthentication):
    www_authenticate = 'Token realm="ccnt api"'

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        parts = header.split()
        if len(parts) != 2 or parts[0].lower() not in KEYWORDS:
            raise exceptions.AuthenticationFailed(
                "Malformed Authorization header: send 'Authorization: Token <key>'."
            )
        key = parts[1]
        if len(key) > 200 or not key.isascii():
            raise exceptions.AuthenticationFailed("Invalid API token.")
        token = ApiToken.objects.filter(key_hash=hash_key(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid API token.")
        if not token.is_active:
            raise exceptions.AuthenticationFailed("This API token has been revoked.")
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return ApiClient(token), token

    def authenticate_header(self, request) -> str:
        return self.www_authenticate
