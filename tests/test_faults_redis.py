"""Redis stopped: the pages and the API keep serving (the cache and the rate limits fail open,
quickly), and jobs enqueued meanwhile wait in the outbox and are relayed when Redis is back.

A private redis-server on a free loopback port; skipped when redis-server is not installed."""

from __future__ import annotations

import shutil

import pytest
from django.core.cache import caches

from ._faults_helpers import PrivateRedis
from ._timing import assert_not_slower, wall_seconds

pytestmark = [pytest.mark.django_db, pytest.mark.slow,
              pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")]

SOCKET_TIMEOUT = 1.0  # seconds the cache waits on Redis (the fixture's setting)
PAGES = ["/", "/policies/?q=储能", "/policies/?q=储能&format=json", "/api/v1/policies/", "/regions/320000/"]


@pytest.fixture
def redis_server(tmp_path):
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_cache(settings, redis_server):
    settings.CACHES = {"default": {"BACKEND": "ccnt.ops.cache.FailOpenRedisCache", "LOCATION": redis_server.url,
                                   "KEY_PREFIX": "ccnt-fault", "OPTIONS": {"socket_connect_timeout": 0.5,
                                                                           "socket_timeout": SOCKET_TIMEOUT}}}
    settings.CCNT_API_ANON_RATE = "1000/min"
    yield redis_server
    caches["default"].close()


def test_pages_keep_serving_while_redis_is_down(client, redis_cache):
    up = {}  # the baseline: each page rendered with a live but empty cache
    for url in PAGES:
        up[url], response = wall_seconds(lambda url=url: client.get(url))
        assert response.status_code == 200, url
    redis_cache.stop()
    timings = {}
    for url in PAGES:
        timings[url], response = wall_seconds(lambda url=url: client.get(url))
        assert response.status_code == 200, (url, response.status_code)
    print("Redis down:", {u: f"{t * 1000:.0f} ms (up {up[u] * 1000:.0f} ms)" for u, t in timings.items()})
    # no long stall per request on a dead cache: at most the cache's own socket timeout more
    for url in PAGES:
        assert_not_slower(timings[url], up[url], allowance=SOCKET_TIMEOUT, label=f"{url} with Redis down")
    redis_cache.start()
    assert client.get("/api/v1/policies/").status_code == 200
    assert caches["default"].get("anything") is None


def test_the_rate_limit_holds_again_once_redis_is_back(client, redis_cache, settings):
    settings.CCNT_API_ANON_RATE = "3/min"
    redis_cache.stop()
    assert all(client.get("/api/v1/indicators/").status_code == 200 for _ in range(5))  # fails open
    redis_cache.start()
    codes = [client.get("/api/v1/indicators/").status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[-1] == 429


def test_jobs_wait_in_the_outbox_and_are_relayed_when_redis_returns(redis_server, settings):
    import redis
    from celery import Celery
    from django.db import transaction

    from ccnt.jobs import outbox
    from ccnt.jobs.models import Outbox

    app = Celery("ccnt-fault", broker=redis_server.url, set_as_current=False)
    app.conf.update(broker_connection_timeout=1, broker_connection_retry=False, broker_connection_max_retries=0,
                    broker_transport_options={"socket_connect_timeout": 0.5, "max_retries": 0},
                    task_default_queue="ccnt")
    redis_server.stop()
    with transaction.atomic():
        row = outbox.enqueue("ccnt.relay_outbox")
    took, result = wall_seconds(lambda: outbox.relay([row.pk], app=app))
    print(f"relay with Redis down: {took:.2f} s, failed {result.failed}")
    row.refresh_from_db()
    assert row.sent_at is None and row.attempts >= 1 and row.last_error
    assert outbox.pending_count() >= 1

    redis_server.start()
    Outbox.objects.filter(pk=row.pk).update(claimed_until=None)
    result = outbox.relay([row.pk], app=app)
    row.refresh_from_db()
    assert result.sent == [row.pk] and row.sent_at is not None
    client = redis.Redis.from_url(redis_server.url)
    assert client.llen("ccnt") == 1  # the task message waits on the queue for a worker
    app.close()


def test_the_settings_use_the_fail_open_cache_for_redis():
    import subprocess
    import sys

    from django.conf import settings

    code = "import ccnt.settings as s; print(s.CACHES['default']['BACKEND'])"
    env = {"PATH": "/usr/bin:/bin", "CCNT_VAR_DIR": settings.VAR_DIR.as_posix(), "CCNT_REDIS_URL": "redis://127.0.0.1:1/0"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "ccnt.ops.cache.FailOpenRedisCache"
