"""Rate limits: anonymous clients are limited by address with counters in the shared cache
(Redis, so the limits hold across server processes; without it each process's memory), tokens
by token (Redis, or the database cache); tokens get a
higher limit; bad and revoked tokens are refused; a forged X-Forwarded-For does not help."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid

import pytest
from django.test import Client

from ccnt.api.models import ApiToken

REDIS = ("127.0.0.1", 6379)


@pytest.fixture
def fresh_counters(settings):
    """The configured cache with a key prefix of its own, so counters start at zero."""
    caches = {alias: dict(config) for alias, config in settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = "test-" + uuid.uuid4().hex[:8]
    settings.CACHES = caches
    return caches["default"]


def redis_up() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_cache(settings):
    if not redis_up():
        if os.environ.get("CI") == "true":
            pytest.fail("Redis is not reachable at 127.0.0.1:6379 (required under CI=true)")
        pytest.skip("no Redis at 127.0.0.1:6379")
    config = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/15",
              "KEY_PREFIX": "ccnt-test-" + uuid.uuid4().hex[:8]}
    settings.CACHES = {"default": config}
    return config


def test_it_limits_anonymous_clients_with_a_json_429(db, settings, fresh_counters):
    settings.CCNT_API_ANON_RATE = "5/min"
    client = Client()
    statuses = [client.get("/api/v1/indicators/").status_code for _ in range(5)]
    assert statuses == [200] * 5
    refused = client.get("/api/v1/indicators/")
    assert refused.status_code == 429 and refused["Retry-After"]
    body = refused.json()
    assert body["status"] == 429 and "throttled" in body["detail"].lower()
    assert refused["X-Data-License"]
    forged = client.get("/api/v1/indicators/", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert forged.status_code == 429
    other = client.get("/api/v1/indicators/", REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 200


def test_it_gives_tokens_a_higher_limit(db, settings, fresh_counters):
    settings.CCNT_API_ANON_RATE = "2/min"
    settings.CCNT_API_TOKEN_RATE = "8/min"
    _token, key = ApiToken.create_with_key(name="test user")
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    assert [client.get("/api/v1/reports/").status_code for _ in range(8)] == [200] * 8
    assert client.get("/api/v1/reports/").status_code == 429
    own, own_key = ApiToken.create_with_key(name="partner", rate="12/min")
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {own_key}")
    assert [bearer.get("/api/v1/reports/").status_code for _ in range(12)] == [200] * 12
    own.refresh_from_db()
    assert own.last_used_at is not None


def test_it_refuses_bad_and_revoked_tokens(db, settings, fresh_counters):
    token, key = ApiToken.create_with_key(name="old")
    for header in ("Token nope", "Token", "Basic abc", "Token " + "x" * 500, "Token 碳碳"):
        response = Client(HTTP_AUTHORIZATION=header).get("/api/v1/")
        assert response.status_code == 401, header
        assert response.json()["detail"] and response["WWW-Authenticate"]
    token.revoke()
    response = Client(HTTP_AUTHORIZATION=f"Token {key}").get("/api/v1/")
    assert response.status_code == 401 and "revoked" in response.json()["detail"]


def test_it_stores_only_a_hash_of_the_key(db):
    token, key = ApiToken.create_with_key(name="hashing")
    assert key not in (token.key_hash, token.key_prefix) and key.startswith(token.key_prefix)


@pytest.mark.slow  # a second Python process
def test_it_shares_counters_across_processes_through_redis(db, settings, redis_cache):
    """Another process using the same Redis sees this process's requests: the limit holds."""
    settings.CCNT_API_ANON_RATE = "4/min"
    client = Client()
    assert [client.get("/api/v1/reports/").status_code for _ in range(3)] == [200] * 3
    script = (
        "import django, os, sys; os.environ['DJANGO_SETTINGS_MODULE'] = 'ccnt.settings'; django.setup()\n"
        "from django.conf import settings\n"
        "from django.test import RequestFactory\n"
        "from rest_framework.request import Request\n"
        "from ccnt.api.throttles import AnonThrottle\n"
        "settings.CCNT_API_ANON_RATE = '4/min'\n"
        "throttle = AnonThrottle()\n"
        "request = Request(RequestFactory().get('/api/v1/reports/', REMOTE_ADDR='127.0.0.1'))\n"
        "request._request.user = None\n"
        "request.auth = None\n"
        "print(throttle.allow_request(request, None), throttle.allow_request(request, None))\n"
    )
    env = dict(os.environ, CCNT_REDIS_URL=redis_cache["LOCATION"])
    env.pop("DATABASE_URL", None)
    # the other process uses the same Redis database and key prefix
    prefix_patch = (f"from django.conf import settings as s; s.CACHES['default']['KEY_PREFIX'] = "
                    f"{redis_cache['KEY_PREFIX']!r}\n")
    lines = script.split("\n")
    lines.insert(1, prefix_patch)
    result = subprocess.run([sys.executable, "-c", "\n".join(lines)], env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split()[-2:] == ["True", "False"]  # 4th allowed, 5th refused
    assert client.get("/api/v1/reports/").status_code == 429
