"""Saved searches and the digests sent for them.

A saved search stores the query string of the search contract's filters (the same
``parse_filters`` / ``queryset`` as the pages, exports, feeds and the API), so a digest lists
exactly what the reader would see at ``/policies/?<querystring>``.

``DigestDelivery`` is one row per (saved search, period) — a day (``D2026-11-25``) or an ISO
week (``W2026-48``) — and the unique index is what makes a digest go out at most once: the row is
committed *before* the email is sent (see ``digests.py``).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Frequency(models.TextChoices):
    DAILY = "daily", _("每日 Daily")
    WEEKLY = "weekly", _("每周 Weekly")


class SavedSearch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(max_length=200)
    querystring = models.CharField(max_length=2000, blank=True, help_text="the search filters, as in /policies/?…")
    frequency = models.CharField(max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_sent_at = models.DateTimeField(null=True, blank=True, help_text="end of the window of the last digest sent")
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=new_token)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("保存的检索 Saved search")
        verbose_name_plural = _("保存的检索 Saved searches")

    def __str__(self) -> str:
        return self.name

    def params(self):
        from django.http import QueryDict

        from ccnt.search.query import parse_filters

        return parse_filters(QueryDict(self.querystring))


class DigestDelivery(models.Model):
    class Status(models.TextChoices):
        SENDING = "sending", "sending (claimed; not known to have left)"
        SENT = "sent", "sent"
        FAILED = "failed", "failed (the mail server refused; retried next run)"

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="deliveries")
    period = models.CharField(max_length=16)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.SENDING)
    window_start = models.DateTimeField()
    window_end = models.DateTimeField()
    policy_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["saved_search", "period"], name="one_digest_per_period")]
        verbose_name_plural = "digest deliveries"

    def __str__(self) -> str:
        return f"{self.saved_search} {self.period} {self.status}"
