"""What the feeds and the data releases need beyond the tracker's own tables.

``PolicyEvent``: when a policy became public, when its published text changed (a new version)
and when it was withdrawn — written by signals on every save of a policy, so the feeds can list
"new" and "updated" entries in the order the public saw them.

``DataRelease``: one dated bulk download (``ccnt dump``) with its size, checksum, row counts and
the changelog of corrections since the previous release.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class PolicyEvent(models.Model):
    class Kind(models.TextChoices):
        PUBLISHED = "published", "新发布 Published"
        UPDATED = "updated", "已更新 Text updated"
        WITHDRAWN = "withdrawn", "已撤回 Withdrawn"

    policy = models.ForeignKey("tracker.Policy", on_delete=models.CASCADE, related_name="feed_events")
    version = models.ForeignKey("tracker.PolicyVersion", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["kind", "-at", "-id"], name="feeds_event_kind_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.kind} {self.policy_id}"


class DataRelease(models.Model):
    name = models.CharField(max_length=32, unique=True, help_text="YYYY-MM-DD, with -2, -3 … on the same day")
    created_at = models.DateTimeField(default=timezone.now)
    filename = models.CharField(max_length=200)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    counts = models.JSONField(default=dict)
    changelog = models.JSONField(default=dict, help_text="new, updated, withdrawn, corrections since the last release")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"data release {self.name}"
