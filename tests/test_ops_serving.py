"""Production serving: `/healthz` for a load balancer, one JSON log line per request,
`ccnt check --deploy` clean with the production environment, and `ccnt serve --prod` (gunicorn,
static files hashed, compressed and cached far into the future by WhiteNoise)."""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.test import Client, override_settings

from ccnt.ops.health import BROKER_TIMEOUT

from ._timing import assert_not_slower, wall_seconds

REPO = Path(__file__).resolve().parents[1]
ON_CI = os.environ.get("CI") == "true"


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def _prod_env(tmp: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CCNT_", "DJANGO_", "PYTEST"))}
    env.pop("DATABASE_URL", None)
    env.update({"CCNT_VAR_DIR": str(tmp), "CCNT_SECRET_KEY": secrets.token_urlsafe(60), "CCNT_HTTPS": "1",
                "CCNT_EMBEDDINGS": "0",
                "CCNT_ALLOWED_HOSTS": "ccnt.example.org,www.ccnt.example.org"}, **extra)
    return env


# --- /healthz -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_reports_each_check_without_a_session_or_a_known_host():
    response = Client().get("/healthz", HTTP_HOST="10.0.0.5:8000")  # a load balancer probes by address
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["search"] == "ok"
    assert body["broker"] in ("ok", "not configured")
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True)
def test_healthz_is_not_redirected_to_https():
    assert Client().get("/healthz").status_code == 200
    assert Client().get("/policies/").status_code == 301


@pytest.mark.django_db
def test_healthz_answers_503_naming_an_unreachable_broker_quickly(settings):
    import redis  # noqa: F401 - loaded once a process, not a cost of the check

    settings.CCNT_BROKER_URL = ""
    baseline, response = wall_seconds(lambda: Client().get("/healthz"))  # no broker to ask
    assert response.status_code == 200 and response.json()["broker"] == "not configured"
    settings.CCNT_BROKER_URL = "redis://127.0.0.1:1/0"
    took, response = wall_seconds(lambda: Client().get("/healthz"))
    # quickly: the dead broker costs at most the check's own timeouts (connect, then read)
    assert_not_slower(took, baseline, allowance=2 * BROKER_TIMEOUT, label="/healthz with a dead broker")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail" and body["failed"] == ["broker"]
    assert body["broker"].startswith("error:") and body["database"] == "ok"


@pytest.mark.django_db
def test_healthz_checks_a_live_redis_broker():
    if not _redis_up():
        if ON_CI:
            pytest.fail("CI=true: Redis is not running on 127.0.0.1:6379")
        pytest.skip("no Redis on 127.0.0.1:6379")
    with override_settings(CCNT_BROKER_URL="redis://127.0.0.1:6379/0"):
        body = Client().get("/healthz").json()
    assert body["broker"] == "ok"


@pytest.mark.django_db
def test_healthz_names_a_failing_database(monkeypatch):
    from ccnt.ops import health

    def broken() -> str:
        raise RuntimeError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = Client().get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["database", "search"]
    assert "connection refused" in body["database"]


@pytest.mark.django_db
def test_it_answers_503_from_healthz_when_the_index_is_empty_or_stale():
    from ccnt.search.models import PolicyIndex
    from ccnt.tracker.models import Policy

    assert Policy.objects.public().exists()
    PolicyIndex.objects.filter(pk=PolicyIndex.objects.order_by("pk").values("pk")[:1]).delete()
    response = Client().get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["search"] and "index stale" in body["search"]
    PolicyIndex.objects.all().delete()
    body = Client().get("/healthz").json()
    assert body["failed"] == ["search"] and "index empty" in body["search"]


@pytest.mark.django_db
def test_it_answers_livez_without_the_database(django_assert_num_queries, monkeypatch):
    from django.db import connection

    def down(*args, **kwargs):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(connection, "cursor", down)
    with django_assert_num_queries(0):
        response = Client().get("/livez", HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert Client().get("/healthz").status_code == 503


# --- JSON request logs --------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_request_is_one_json_line_with_status_and_duration(caplog):
    with caplog.at_level(logging.INFO, logger="ccnt.request"):
        Client().get("/policies/?q=储能&token=secret")
        Client().get("/no-such-page/")
    records = [r for r in caplog.records if r.name == "ccnt.request"]
    assert len(records) == 2
    first, second = (json.loads(r.getMessage()) for r in records)
    assert first["method"] == "GET" and first["path"] == "/policies/" and first["status"] == 200
    assert isinstance(first["duration_ms"], float) and first["duration_ms"] >= 0
    assert "secret" not in records[0].getMessage()  # no query string in the log
    assert second["status"] == 404


def test_the_json_formatter_prints_one_object_a_line():
    from ccnt.ops.logs import JsonFormatter

    record = logging.LogRecord("ccnt.x", logging.WARNING, __file__, 1, "多行\n消息 %s", ("a",), None)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert json.loads(line)["message"] == "多行\n消息 a" and json.loads(line)["level"] == "warning"


# --- settings -----------------------------------------------------------------------------------


def test_check_deploy_is_clean_with_the_production_environment(tmp_path):
    result = subprocess.run([sys.executable, "-m", "ccnt.cli", "check", "--deploy", "--fail-level", "WARNING"],
                            env=_prod_env(tmp_path), cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr.upper()


def test_production_mode_refuses_to_start_without_a_secret_key(tmp_path):
    env = _prod_env(tmp_path, CCNT_PRODUCTION="1")
    env.pop("CCNT_SECRET_KEY")
    result = subprocess.run([sys.executable, "-c", "import ccnt.settings"], env=env, cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "CCNT_SECRET_KEY" in result.stderr
    code = "import ccnt.settings as s; print(s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.DEBUG, " \
           "s.STORAGES['staticfiles']['BACKEND'])"
    ok = subprocess.run([sys.executable, "-c", code], env=_prod_env(tmp_path, CCNT_PRODUCTION="1"), cwd=REPO,
                        capture_output=True, text=True, timeout=60)
    assert ok.stdout.split() == ["True", "31536000", "False", "whitenoise.storage.CompressedManifestStaticFilesStorage"]


# --- ccnt serve --prod --------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


@pytest.mark.slow  # collectstatic and gunicorn in a subprocess
def test_serve_prod_runs_gunicorn_with_compressed_far_future_static_files_and_json_logs(tmp_path):
    env = _prod_env(tmp_path, CCNT_HTTPS="", CCNT_ALLOWED_HOSTS="127.0.0.1")
    subprocess.run([sys.executable, "-m", "ccnt.cli", "migrate", "-v0"], env=env, cwd=REPO, check=True, timeout=300)
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+")
    server = subprocess.Popen([sys.executable, "-m", "ccnt.cli", "serve", "--prod", "--bind", f"127.0.0.1:{port}",
                               "--workers", "2"], env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240  # collectstatic compresses every file first
        while True:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            try:
                status, _, body = _get(base + "/healthz")
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.5)
        assert status == 200 and json.loads(body)["database"] == "ok"
        status, headers, page = _get(base + "/")
        assert status == 200 and headers["server"].startswith("gunicorn")
        assert "text/html" in headers["content-type"]
        hashed = re.search(rb'/static/vendor/echarts/echarts\.min\.[0-9a-f]{12}\.js', page)
        css = re.search(rb'/static/[^"]+\.[0-9a-f]{12}\.css', page)
        assert hashed and css, "static URLs are not hashed"
        status, headers, body = _get(base + hashed.group().decode(), **{"Accept-Encoding": "br, gzip"})
        assert status == 200
        assert headers.get("content-encoding") in ("br", "gzip")
        assert "max-age=315360000" in headers["cache-control"] and "immutable" in headers["cache-control"]
        assert int(headers["content-length"]) < 400_000  # echarts.min.js is ~1 MB uncompressed
        status, headers, _ = _get(base + css.group().decode())
        assert status == 200 and "max-age=315360000" in headers["cache-control"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    log.seek(0)
    lines = [json.loads(line) for line in log.read().splitlines() if line.startswith("{")]
    requests = [line for line in lines if "duration_ms" in line and "method" in line]
    assert {"method": "GET", "path": "/", "status": 200} in [
        {k: r[k] for k in ("method", "path", "status")} for r in requests]
    assert all(isinstance(r["duration_ms"], (int, float)) for r in requests)
