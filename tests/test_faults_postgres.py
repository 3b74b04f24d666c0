"""PostgreSQL restarted under a running server: requests fail cleanly while it is down (a plain
500 page, a 503 from /healthz — no traceback) and succeed again by themselves once it is back,
without restarting ccnt.

Uses a private throwaway PostgreSQL (initdb into a temporary folder, a free loopback port), never
the machine's shared cluster; the server is gunicorn with ccnt.wsgi, as in production."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ._faults_helpers import PrivatePostgres, free_port, wait_port

REPO = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.skipif(not PrivatePostgres.available(), reason="PostgreSQL 15 binaries are not installed"),
              pytest.mark.slow]
URLS = ["/", "/policies/", "/policies/?q=储能&format=json", "/api/v1/policies/", "/reports/"]


def get(port: int, path: str) -> tuple[int, str]:
    url = f"http://127.0.0.1:{port}{urllib.request.quote(path, safe='/?=&')}"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


@pytest.fixture
def pg():
    server = PrivatePostgres()
    server.init()
    yield server
    server.destroy()


def test_the_site_recovers_by_itself_after_a_postgres_restart(pg, tmp_path):
    env = {**os.environ, "DATABASE_URL": pg.url, "CCNT_VAR_DIR": str(tmp_path / "var"),
           "CCNT_SECRET_KEY": secrets.token_urlsafe(60), "CCNT_ALLOWED_HOSTS": "127.0.0.1", "CCNT_LOG_LEVEL": "ERROR",
           # as in production: connections kept between requests, checked before reuse
           "CCNT_DB_CONN_MAX_AGE": "60", "CCNT_API_ANON_RATE": "1000000/min"}
    for name in ("CCNT_DEBUG", "CCNT_REDIS_URL", "CCNT_BROKER_URL", "CCNT_HTTPS"):
        env.pop(name, None)
    (tmp_path / "var").mkdir()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ccnt.cli", "migrate", "-v0"], env=env, cwd=REPO, check=True, timeout=120)
    migrated = time.perf_counter() - started
    port = free_port()
    log = tmp_path / "server.log"  # a file, never an unread pipe: the error tracebacks would fill it and block
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "ccnt.wsgi:application", "--bind", f"127.0.0.1:{port}",
                               "--workers", "1", "--threads", "4", "--timeout", "30", "--log-level", "error"],
                              env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=log.open("wb"),
                              start_new_session=True)
    try:
        assert wait_port(port, timeout=30)
        for path in URLS + ["/healthz"]:
            assert get(port, path)[0] == 200, path

        # clients keep requesting through the outage (3 at once), as under load
        stop, seen = threading.Event(), []

        def client(i: int) -> None:
            while not stop.is_set():
                path = URLS[i % len(URLS)]
                status = get(port, path)[0]
                seen.append((time.perf_counter(), status))
                i += 1

        workers = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(3)]
        for worker in workers:
            worker.start()
        time.sleep(1.0)
        stopped_at = time.perf_counter()
        pg.stop("fast")
        down = [(path, *get(port, path)) for path in URLS + ["/healthz"]]
        for path, status, body in down:
            assert status in (500, 503), (path, status)
            assert "Traceback" not in body and "psycopg" not in body and 'File "' not in body, (path, body[:300])
        assert [s for p, s, _b in down if p == "/healthz"] == [503]
        time.sleep(2.0)  # a few seconds of outage under the clients


        pg.start()
        back = time.perf_counter()
        recovered = None
        while time.perf_counter() - back < 20:
            if all(get(port, path)[0] == 200 for path in URLS):
                recovered = time.perf_counter() - back
                break
            time.sleep(0.2)
        time.sleep(1.0)
        stop.set()
        for worker in workers:
            worker.join(timeout=15)
        assert recovered is not None, "the site did not recover after PostgreSQL came back"
        failures = [t for t, status in seen if status != 200]
        after = [status for t, status in seen if t > back + recovered]
        assert failures and after and set(after) == {200}, (len(failures), after[-20:])
        window = f"{len(failures)} of {len(seen)} requests failed, from {failures[0] - stopped_at:+.2f} s to " \
                 f"{failures[-1] - stopped_at:+.2f} s after the stop (PostgreSQL down {back - stopped_at:.2f} s)"
        assert get(port, "/healthz")[0] == 200
        assert server.poll() is None  # the same server process, never restarted
        print(f"\nPostgreSQL restart: migrate {migrated:.1f} s; while down {[(p, s) for p, s, _b in down]}; "
              f"all pages 200 again {recovered:.2f} s after PostgreSQL was back, same server pid {server.pid}; "
              f"under 3 clients: {window}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
