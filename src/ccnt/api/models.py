"""API tokens: created in the admin, shown once, stored only as a hash, revocable."""

from __future__ import annotations

import hashlib
import secrets

from django.db import models
from django.utils import timezone

from .rates import validate_rate

PREFIX = "ccnt_"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    name = models.CharField("名称 Name", max_length=120, help_text="who uses it (organisation, project)")
    contact = models.EmailField("联系 Contact", blank=True)
    note = models.TextField(blank=True)
    key_prefix = models.CharField(max_length=16, editable=False, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    rate = models.CharField(
        "限额 Rate", max_length=32, blank=True, validators=[validate_rate],
        help_text="N/sec, N/min, N/hour or N/day with N ≥ 1, e.g. 1200/min; "
                  "empty = the token default (CCNT_API_TOKEN_RATE)",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField("撤销 Revoked", null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def issue_key(self) -> str:
        """Set a new random key and return it: the only time the key is seen in clear."""
        key = PREFIX + secrets.token_urlsafe(32)
        self.key_prefix = key[: len(PREFIX) + 6]
        self.key_hash = hash_key(key)
        return key

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])

    @classmethod
    def create_with_key(cls, **fields) -> tuple[ApiToken, str]:
        token = cls(**fields)
        key = token.issue_key()
        token.save()
        return token, key
