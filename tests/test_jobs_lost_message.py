"""A message a worker took off the Redis queue and died with, before recording it as
unacknowledged, is not lost: the outbox publishes it again and the crawl lands whole, once.

A Celery worker on Redis takes a message with ``BRPOP`` and records it (the ``unacked`` hash) with a
second command; killed between the two, it takes the message with it and no visibility timeout
brings it back (tests/test_jobs_worker_killed.py lost a page that way under load). The test leaves
exactly that state — the crawl's message taken off the queue, no record of it anywhere in Redis —
then starts a worker and the scheduler, as in production: the scheduler's relay finds the outbox
row sent and never done once ``REDELIVER_FACTOR`` visibility timeouts (here 2 × 8 s) have passed,
and publishes it again. The visibility timeout is the harness's default, as in the worker-killed
test: deployments in one Redis database share kombu's ``unacked`` hash, and a worker restores every
message in it older than its own timeout — a shorter one here re-ran the other test's crawl when
both ran at once (``-n 2``).
"""

from __future__ import annotations

import os
import signal

import pytest
from django.db import connection

from ._jobs_harness import Deployment, require_redis, serve_site, site_config, wait_for
from .ingest_fixtures import Site

pytestmark = pytest.mark.slow
PAGES = 4


@pytest.mark.django_db
def test_it_lands_a_crawl_whose_message_a_dying_worker_took_unrecorded(tmp_path):
    require_redis()
    postgres_url = os.environ.get("DATABASE_URL") if connection.vendor == "postgresql" else None
    with Site() as site, Deployment(tmp_path, postgres_url=postgres_url) as deployment:
        urls = serve_site(site, PAGES)
        config = site_config(site, tmp_path / "site.toml")
        queued = deployment.ccnt("crawl", "--config", str(config), "--enqueue")
        assert queued.returncode == 0, queued.stderr
        message = deployment.take_unrecorded()
        assert message["headers"]["task"] == "ccnt.crawl_source"
        assert deployment.queued() == 0 and deployment.unacked() == 0  # Redis holds nothing of it now
        assert deployment.sql("SELECT count(*) FROM jobs_outbox WHERE sent_at IS NULL")[0][0] == 0  # sent, as far as the outbox knows

        worker = deployment.start_worker("w1")
        scheduler = deployment.start_scheduler(relay_seconds=1)
        landed = lambda: deployment.sql(  # noqa: E731
            "SELECT source_url, count(*) FROM tracker_policy WHERE source_url LIKE %s GROUP BY source_url",
            (site.base + "/%",))
        # success is every page stored and every outbox row's task finished; the deadline only
        # bounds a failure (the lost crawl needs 16 s to count as lost, then a relay and a worker)
        done = wait_for(lambda: len(landed()) == PAGES and deployment.not_done() == 0, timeout=120)
        assert done, (f"landed {len(landed())} of {PAGES}, {deployment.not_done()} outbox row(s) not done\n"
                      f"{deployment.log(worker)}\n{deployment.log(scheduler)}")
        rows = landed()
        assert sorted(url for url, _ in rows) == sorted(urls)
        assert all(n == 1 for _, n in rows), rows
        assert "lost on the way" in deployment.log(worker, tail=200000) + deployment.log(scheduler, tail=200000)
        deployment.kill(scheduler, signal.SIGTERM)
        deployment.kill(worker, signal.SIGTERM)
