from __future__ import annotations

from django.db import models


class Report(models.Model):
    """A monthly report: generated content, curators' edits, frozen when published."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿 Draft"
        PUBLISHED = "published", "已发布 Published"

    month = models.DateField(unique=True, help_text="the first day of the month")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    about = models.TextField(blank=True)
    content = models.JSONField(default=dict, blank=True)
    curator_edits = models.JSONField(default=dict, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"零碳录月报 {self.month:%Y-%m}"
