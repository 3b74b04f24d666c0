"""The ingest stage's own records: the sites it crawls (``Source``) and what each URL gave last
time (``FetchedUrl``). The originals themselves (``tracker.Document``) stay with the policies that
cite them.

Both tables keep the names they had when these models lived in the tracker app
(``tracker_source``, ``tracker_fetchedurl``): the move was a change of Django's state only
(``SeparateDatabaseAndState``), no table was copied or renamed. Rejected alternative: new
``ingest_*`` tables filled by a data migration, which copies every fetched URL and breaks the
foreign keys of ``tracker_document.source_id`` for the length of the copy.
"""

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

    class Meta:
        db_table = "tracker_source"  # the table it had in the tracker app: moved without a copy

    def __str__(self) -> str:
        return self.name


class FetchedUrl(models.Model):
    """What a URL gave last time: for incremental crawls (conditional requests, skip known pages)
    and to find the policy a URL already belongs to."""

    url_hash = models.CharField(max_length=64, unique=True)
    url = models.URLField(max_length=1000)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL)
    document = models.ForeignKey("tracker.Document", null=True, blank=True, on_delete=models.SET_NULL)
    policy = models.ForeignKey("tracker.Policy", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    etag = models.CharField(max_length=200, blank=True)
    last_modified = models.CharField(max_length=64, blank=True)
    first_fetched_at = models.DateTimeField(null=True, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "tracker_fetchedurl"  # the table it had in the tracker app: moved without a copy

    def __str__(self) -> str:
        return self.url
