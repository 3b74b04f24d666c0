"""``ccnt crawl`` and the ``ccnt.crawl_source`` job fetch through one path (``crawl.run.fetch_source``):
the same job handed to the Scrapy process, the same 304 bookkeeping, the same parse options. No
child process here: the fetch process is replaced by a manifest, so this runs in the fast suite."""

from __future__ import annotations

import pytest

from ccnt.ingest.crawl import run
from ccnt.ingest.models import FetchedUrl, Source
from ccnt.ingest.store import url_hash
from ccnt.jobs import crawl as jobs_crawl

pytestmark = pytest.mark.django_db

MANIFEST = [
    {"kind": "list", "url": "http://127.0.0.1:9/list", "known": 2},
    {"kind": "list", "url": "http://127.0.0.1:9/list2", "error": "HTTP 500"},
    {"kind": "detail", "url": "http://127.0.0.1:9/a.html", "unchanged": True},
]


@pytest.fixture
def source(settings, tmp_path):
    settings.ARCHIVE_DIR = tmp_path / "archive"
    return Source.objects.create(slug="one-path", name="one path", start_urls=["http://127.0.0.1:9/list"],
                                 crawler="portal", config={"slug": "one-path", "kind": "portal"})


@pytest.fixture
def jobs(monkeypatch):
    seen: list[dict] = []

    def fake_run_process(job: dict, timeout: float):
        seen.append(job)
        return [dict(row) for row in MANIFEST], {"pages": 3}

    monkeypatch.setattr(run, "run_process", fake_run_process)
    return seen


def test_it_hands_the_fetch_process_the_same_job_from_the_command_and_from_the_job(source, jobs):
    kwargs = {"since": "2024-01-01", "max_pages": 2, "allowed_networks": ("127.0.0.0/8",), "allow_loopback": True,
              "politeness": {"download_delay": 0.5}}
    run.crawl_source(source, **kwargs)
    jobs_crawl.fetch_and_queue(source, **kwargs)
    assert len(jobs) == 2 and jobs[0] == jobs[1]
    assert jobs[0]["allow_loopback"] is True  # the job's copy had lost it before the paths were one
    assert jobs[0]["config"]["since"] == "2024-01-01"
    assert jobs[0]["config"]["politeness"]["download_delay"] == 0.5


def test_it_counts_and_settles_a_fetch_alike_on_both_paths(source, jobs):
    url = "http://127.0.0.1:9/a.html"
    FetchedUrl.objects.create(source=source, url=url, url_hash=url_hash(url), http_status=200)
    result = run.crawl_source(source)
    assert (result.lists, result.unchanged, result.fetched, result.skipped_known) == (2, 1, 0, 2)
    assert [o.status for o in result.summary.outcomes] == ["failed", "duplicate"]
    first = Source.objects.get(pk=source.pk).last_crawled_at
    assert first is not None
    assert FetchedUrl.objects.get(source=source).fetched_at is not None  # the 304 counts as seen now
    counts = jobs_crawl.fetch_and_queue(source)
    assert counts == {"lists": 2, "queued": 0, "unchanged": 1, "list_errors": 1}
    assert Source.objects.get(pk=source.pk).last_crawled_at >= first


def test_it_parses_crawled_pages_with_the_configured_limits_on_both_paths(settings):
    settings.CCNT_PARSE_TIMEOUT = 7
    options = run.crawl_options(("127.0.0.0/8",), allow_loopback=True)
    assert options.limits.parse_timeout == 7
    assert options.allowed_networks == ("127.0.0.0/8",) and options.allow_loopback
