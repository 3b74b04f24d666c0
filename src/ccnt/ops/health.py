"""``/healthz`` (readiness) and ``/livez`` (liveness) for a load balancer or an orchestrator.

``/healthz``: 200 with ``{"status": "ok", "database": "ok", "search": "ok", "broker": "ok" | "not
configured"}`` or 503 with ``"status": "fail"``, ``"failed": [names]`` and the reason in the failing
entry. The search check also compares the number of public policies with the index's rows (one
statement, one snapshot): an empty or stale index is not ready, since search and lists would
answer wrongly. No authentication, no session, no template: a few milliseconds when everything is up.

``/livez``: 200 ``{"status": "ok"}`` without touching the database, the cache or the broker — the
process answers requests. Rejected: one endpoint for both, which gets a server restarted (liveness)
because PostgreSQL is down, or keeps traffic on a server whose index is empty (readiness).
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection
from django.http import JsonResponse

BROKER_TIMEOUT = 0.5  # seconds: a load balancer's probe must not hang on a dead broker


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


class NotReady(Exception):
    """A check found the service up but not able to answer correctly."""


def check_search() -> str:
    from ccnt.search.index import counts

    public, indexed = counts()  # the tables are there and readable
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # the FTS5 table the queries match through
            cursor.execute("SELECT rowid FROM search_fts LIMIT 1")
            cursor.fetchall()
    if public and not indexed:
        raise NotReady(f"index empty: {public} public policies, 0 indexed")
    if public != indexed:
        raise NotReady(f"index stale: {public} public policies, {indexed} indexed")
    return "ok"


def broker_url() -> str:
    return settings.CCNT_BROKER_URL


def check_broker() -> str:
    url = broker_url()
    if not url:
        return "not configured"
    scheme = urlsplit(url).scheme
    if scheme not in ("redis", "rediss", "unix"):  # RabbitMQ and others: one connection through kombu
        from kombu import Connection

        with Connection(url, connect_timeout=BROKER_TIMEOUT) as conn:
            conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT)
        return "ok"
    import redis

    client = redis.Redis.from_url(url, socket_timeout=BROKER_TIMEOUT, socket_connect_timeout=BROKER_TIMEOUT)
    try:
        client.ping()
    finally:
        client.close()
    return "ok"


CHECKS = {"database": check_database, "search": check_search, "broker": check_broker}


def run_checks() -> tuple[bool, dict]:
    started = time.perf_counter()
    result: dict = {}
    failed: list[str] = []
    for name, check in CHECKS.items():
        if name == "search" and "database" in failed:
            result[name] = "error: database unavailable"
            failed.append(name)
            continue
        try:
            result[name] = check()
        except NotReady as error:
            result[name] = f"error: {error}"
            failed.append(name)
        except Exception as error:  # noqa: BLE001 - any failure is the answer, never a 500
            result[name] = f"error: {type(error).__name__}: {str(error)[:200]}"
            failed.append(name)
    ok = not failed
    body = {"status": "ok" if ok else "fail", **result}
    if failed:
        body["failed"] = failed
    body["duration_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return ok, body


def healthz(request) -> JsonResponse:
    ok, body = run_checks()
    response = JsonResponse(body, status=200 if ok else 503, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return response


def livez(request) -> JsonResponse:
    """Liveness: the process answers. No database, cache or broker access."""
    response = JsonResponse({"status": "ok"})
    response["Cache-Control"] = "no-store"
    return response
