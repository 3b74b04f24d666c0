"""Fetched originals and the sites they come from."""

from __future__ import annotations

from django.db import models


class Source(models.Model):
    """A crawlable site: where to start, how to crawl it, how often."""

    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    jurisdiction = models.ForeignKey("tracker.Jurisdiction", null=True, blank=True, on_delete=models.PROTECT)
    start_urls = models.JSONField(default=list, blank=True)
    crawler = models.CharField(max_length=32, default="portal")
    config = models.JSONField(default=dict, blank=True)
    schedule = models.CharField(max_length=64, blank=True, help_text="cron expression")
    enabled = models.BooleanField(default=True)
    last_crawled_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class Document(models.Model):
    """An original as fetched, stored content-addressed by sha256 and never changed."""

    sha256 = models.CharField(max_length=64, unique=True)
    url = models.URLField(max_length=1000, blank=True)
    media_type = models.CharField(max_length=128, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    archive_path = models.CharField(max_length=300, blank=True)
    filename = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL)

    def __str__(self) -> str:
        return self.filename or self.url or self.sha256[:12]
