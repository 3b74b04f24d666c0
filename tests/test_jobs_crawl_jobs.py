"""``ccnt crawl --enqueue`` as jobs, in-process (no broker): the crawl job fetches the loopback
site and queues one ingest job per page; running an ingest job again stores nothing twice."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from ccnt.ingest.models import Source
from ccnt.jobs.models import Outbox
from ccnt.jobs.tasks import crawl_source, ingest_document
from ccnt.tracker.models import Policy, PolicyVersion

from ._jobs_harness import serve_site, site_config
from .ingest_fixtures import Site, allow_loopback_network

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # slow: each crawl is a Scrapy child process


@pytest.fixture
def archive_dir(settings, tmp_path):
    settings.ARCHIVE_DIR = tmp_path / "archive"
    return settings.ARCHIVE_DIR


def test_it_crawls_through_jobs_and_a_repeated_job_duplicates_nothing(archive_dir, tmp_path, monkeypatch,
                                                                      django_capture_on_commit_callbacks):
    allow_loopback_network(monkeypatch)
    with Site() as site:
        urls = serve_site(site, 3)
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("crawl", "--config", str(site_config(site, tmp_path / "s.toml")), "--enqueue", stdout=out)
        assert "queued a crawl of loopback-site" in out.getvalue()
        policies = Policy.objects.filter(source_url__startswith=site.base)
        assert sorted(policies.values_list("source_url", flat=True)) == sorted(urls)
        assert set(Outbox.objects.values_list("task", flat=True)) == {"ccnt.crawl_source", "ccnt.ingest_document"}
        assert not Outbox.objects.filter(sent_at__isnull=True).exists()

        # the same ingest job again (a redelivery): found by URL, nothing new
        job = Outbox.objects.filter(task="ccnt.ingest_document").first()
        result = ingest_document.apply(args=job.args, kwargs=job.kwargs).get()
        assert result["status"] == "duplicate"
        # the crawl again: incremental, every page known, no new job and no new policy
        source = Source.objects.get(slug="loopback-site")
        with django_capture_on_commit_callbacks(execute=True):
            counts = crawl_source.apply(args=[source.pk], kwargs={"allowed_networks": ["127.0.0.0/8"]}).get()
        assert counts["queued"] == 0
        assert policies.count() == 3 and PolicyVersion.objects.filter(policy__in=policies).count() == 3
