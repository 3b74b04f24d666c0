"""After a publish a worker renders the pages it renewed into the shared cache, so the first
reader does not pay for them; without a broker and Redis (where the job would run in the
curator's request and fill one process's cache) nothing is queued."""

from __future__ import annotations

import pytest
from django.test import Client

from ccnt.jobs.models import Outbox
from ccnt.jobs.tasks import warm_pages
from ccnt.ops.pagecache import pages_after_publish
from ccnt.tracker import publishing

from ._search_helpers import make_policy

pytestmark = pytest.mark.django_db


def _warm_jobs() -> list[list]:
    return [row.args[0] for row in Outbox.objects.filter(task="ccnt.warm_pages")]


def test_it_queues_no_warming_without_a_broker_and_a_shared_cache(settings):
    settings.CCNT_BROKER_URL, settings.CCNT_REDIS_URL = "", ""
    publishing.publish(make_policy("某市氖能方案", "氖能。", adcode="320500", state="needs_review"))
    assert _warm_jobs() == []


def test_it_queues_the_renewed_pages_with_a_broker_and_redis(settings):
    settings.CCNT_BROKER_URL, settings.CCNT_REDIS_URL = "redis://127.0.0.1:1/0", "redis://127.0.0.1:1/1"
    policy = make_policy("某市氖能方案", "氖能。", adcode="320500", state="needs_review")
    publishing.publish(policy)
    assert _warm_jobs() == [["/", "/matrix/", f"/policies/{policy.pk}/", "/regions/320000/", "/regions/320500/"]]


def test_the_job_leaves_those_pages_cached_for_the_next_reader():
    policy = make_policy("某市氖能方案", "氖能。", adcode="320500", state="needs_review")
    publishing.publish(policy)
    paths = pages_after_publish(policy)
    assert warm_pages(paths) == len(paths)
    assert [Client().get(path)["X-Page-Cache"] for path in paths] == ["hit"] * len(paths)
