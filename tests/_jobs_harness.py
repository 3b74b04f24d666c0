"""A throwaway deployment for the jobs tests and ``scripts/bench_jobs.py``: its own database
(a SQLite file, or a PostgreSQL database created on the server of ``DATABASE_URL`` and dropped
afterwards), its own Redis queue, real ``ccnt worker`` processes, and a loopback government site
of synthetic policy pages. Worker processes must see the database, which pytest-django's
in-memory SQLite test database is not — hence a database of its own.

No Django import here: the harness drives ``ccnt`` subprocesses and reads the database directly.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

REPO = Path(__file__).resolve().parents[1]
CCNT = str(Path(sys.executable).parent / "ccnt")
CORPUS = Path(os.environ.get("CCNT_CORPUS_DIR", REPO.parent / "shared" / "corpus"))
REDIS_URL = os.environ.get("CCNT_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
PLACES = [("苏州市", "320500"), ("无锡市", "320200"), ("常州市", "320400"), ("南京市", "320100"), ("杭州市", "330100"),
          ("宁波市", "330200"), ("合肥市", "340100"), ("济南市", "370100"), ("青岛市", "370200"), ("成都市", "510100")]
KINDS = ["碳达峰实施方案", "节能降碳工作方案", "新型储能发展规划", "绿色建筑发展行动方案", "氢能产业发展实施意见",
         "交通运输绿色低碳发展方案", "工业领域碳达峰实施方案", "可再生能源发展规划"]
SETUP = ("import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'ccnt.settings'); django.setup(); "
         "from django.core.management import call_command; call_command('migrate', verbosity=0, interactive=False); "
         "from ccnt.tracker.loaders.reference import load_all; load_all()")


def redis_reachable(url: str = REDIS_URL) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:  # noqa: BLE001
        return False


# ---------------------------------------------------------------------- the site
def require_redis() -> None:
    """Skip without Redis, fail under CI (where ``.ci/run`` starts it)."""
    if not redis_reachable():
        message = "Redis is not reachable at 127.0.0.1:6379 (redis-server)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def wait_for(predicate, timeout: float, step: float = 0.05):
    """The predicate's first true value within ``timeout`` seconds, or its last value."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


def sentences() -> list[str]:
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out += [s for s in re.split(r"(?<=[。；])", text.replace("\n", "")) if 15 <= len(s) <= 200]
    if not out:  # the shared corpus is absent: skip (CI, which always has it, fails instead)
        message = f"no corpus texts in {CORPUS} (CCNT_CORPUS_DIR)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return out


def policy_pages(n: int, seed: int = 11) -> list[tuple[str, str, str, bytes]]:
    """``n`` distinct detail pages: (path, title, date, html bytes), 2–5 KB bodies from the corpus."""
    from ingest_fixtures import gov_page

    rng = random.Random(seed)
    pool = sentences()
    pages = []
    for i in range(n):
        (place, _), kind = PLACES[i % len(PLACES)], KINDS[(i // len(PLACES) + i) % len(KINDS)]
        title = f"{place}{kind}（第{i + 1}号）"
        body, size = [f"为贯彻落实碳达峰碳中和决策部署，{place}制定本方案（编号{i + 1}）。"], rng.randint(2000, 5000)
        while sum(len(s.encode()) for s in body) < size:
            body.append(rng.choice(pool))
        day = f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}"
        html = gov_page(title, body, meta={"发文机关": f"{place}人民政府", "发文字号": f"{place[:2]}政发〔2023〕{i + 1}号",
                                           "成文日期": day, "发布日期": day})
        pages.append((f"/zcwj/2023/art_{i + 1}.html", title, day, html))
    return pages


def serve_site(site, n: int, seed: int = 11) -> list[str]:
    """Put a list page and ``n`` detail pages on a tests.ingest_fixtures.Site; returns the detail URLs."""
    from ingest_fixtures import list_page

    pages = policy_pages(n, seed)
    for path, _, _, html in pages:
        site.add(path, html)
    site.add("/zcwj/index.html", list_page([(path, title, day) for path, title, day, _ in pages]))
    return [site.url(path) for path, *_ in pages]


def site_config(site, path: Path, slug: str = "loopback-site") -> Path:
    path.write_text("\n".join([
        f'slug = "{slug}"', 'name = "回环测试站点 loopback test site"', 'kind = "portal"',
        f'start_urls = ["{site.url("/zcwj/index.html")}"]',
        "[list]", 'item_selector = "ul.list li"', 'detail_allow = ["/zcwj/"]',
        "[pagination]", "max_pages = 1",
        "[politeness]", "download_delay = 0", "timeout = 10", "retries = 1", "backoff = 0.1", "concurrency_per_host = 8",
        "obey_robots = false",
    ]), encoding="utf-8")
    return path


# ---------------------------------------------------------------------- the deployment
class Deployment:
    def __init__(self, workdir: Path, postgres_url: str | None = None, redis_url: str = REDIS_URL,
                 visibility_timeout: int = 8) -> None:
        """``visibility_timeout``: keep the default in tests that may run at once: every deployment in
        one Redis database shares kombu's ``unacked`` hash, and each worker restores the messages in
        it older than its own timeout, whichever queue they belong to."""
        self.workdir = Path(workdir)
        self.postgres_url = postgres_url
        self.redis_url = redis_url
        self.queue = f"ccnt-test-{uuid.uuid4().hex[:10]}"
        self.visibility_timeout = visibility_timeout
        self.processes: list[subprocess.Popen] = []
        self.pg_name = ""
        self.sqlite_path: Path | None = None

    # -- set up / tear down
    def __enter__(self) -> Deployment:
        var = self.workdir / "var"
        var.mkdir(parents=True, exist_ok=True)
        if self.postgres_url:
            import psycopg

            self.pg_name = f"ccnt_jobs_{uuid.uuid4().hex[:10]}"
            with psycopg.connect(self._pg_url("postgres"), autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{self.pg_name}"')
            database_url = self._pg_url(self.pg_name)
        else:
            self.sqlite_path = var / "jobs.sqlite3"
            database_url = f"sqlite:///{self.sqlite_path}"
        self.env = {**os.environ, "DATABASE_URL": database_url, "CCNT_VAR_DIR": str(var),
                    "CCNT_BROKER_URL": self.redis_url, "CCNT_QUEUE": self.queue,
                    "CCNT_BROKER_VISIBILITY_TIMEOUT": str(self.visibility_timeout),
                    "CCNT_ALLOW_NETWORKS": "127.0.0.0/8", "CCNT_SECRET_KEY": "jobs-test-" + uuid.uuid4().hex,
                    "CCNT_LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1"}
        for name in ("DJANGO_SETTINGS_MODULE", "CCNT_DATABASE_TESTS_ONLY", "CCNT_REDIS_URL"):
            self.env.pop(name, None)
        try:
            subprocess.run([sys.executable, "-c", SETUP], env=self.env, check=True, capture_output=True, text=True,
                           timeout=300, cwd=self.workdir)
        except subprocess.CalledProcessError as error:
            self.__exit__(None, None, None)
            raise RuntimeError(f"setting up the scratch database failed:\n{error.stderr[-3000:]}") from error
        return self

    def _pg_url(self, name: str) -> str:
        parts = urlsplit(self.postgres_url)
        return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))

    def __exit__(self, *exc) -> None:
        for process in list(self.processes):  # kill() removes the dead from the list
            self.kill(process, signal.SIGKILL)
        self.processes.clear()
        try:
            import redis

            client = redis.Redis.from_url(self.redis_url)
            keys = [*client.keys(f"{self.queue}*"), *client.keys(f"_kombu.binding*.{self.queue}")]
            client.delete(self.queue, *keys)
        except Exception:  # noqa: BLE001
            pass
        if self.pg_name:
            import psycopg

            with psycopg.connect(self._pg_url("postgres"), autocommit=True) as conn:
                conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [self.pg_name])
                conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}"')

    # -- processes
    def ccnt(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run([CCNT, *args], env=self.env, capture_output=True, text=True, timeout=timeout,
                              cwd=self.workdir, check=False)

    def start_worker(self, name: str, concurrency: int = 1) -> subprocess.Popen:
        return self._start(name, ["worker", "--concurrency", str(concurrency), "--hostname", f"{name}@%h",
                                  "--loglevel", "info"])

    def start_scheduler(self, relay_seconds: float = 1) -> subprocess.Popen:
        """``ccnt scheduler``, as production runs it beside the workers: it relays the outbox every
        ``relay_seconds`` (publishing again the rows whose message was lost)."""
        return self._start("scheduler", ["scheduler", "--loglevel", "info"],
                           {"CCNT_OUTBOX_RELAY_SECONDS": str(relay_seconds)})

    def _start(self, name: str, args: list[str], env: dict | None = None) -> subprocess.Popen:
        log = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen([CCNT, *args], env={**self.env, **(env or {})}, stdout=log,
                                   stderr=subprocess.STDOUT, cwd=self.workdir, start_new_session=True)
        process.log_path = self.workdir / f"{name}.log"
        log.close()
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
        """Signal the worker's whole process group (the worker and its pool children)."""
        if process.poll() is None:
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                pass
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        if process in self.processes and process.poll() is not None and sig == signal.SIGKILL:
            self.processes.remove(process)

    def log(self, process: subprocess.Popen, tail: int = 4000) -> str:
        try:
            return process.log_path.read_text(errors="replace")[-tail:]
        except OSError:
            return ""

    # -- looking at the database and the broker
    def sql(self, query: str, params: tuple = ()) -> list[tuple]:
        if self.sqlite_path:
            with sqlite3.connect(self.sqlite_path, timeout=20) as conn:
                return conn.execute(query.replace("%s", "?"), params).fetchall()
        import psycopg

        with psycopg.connect(self._pg_url(self.pg_name), autocommit=True) as conn:
            return conn.execute(query, params).fetchall()

    def redis(self):
        import redis

        return redis.Redis.from_url(self.redis_url)

    def queued(self) -> int:
        return int(self.redis().llen(self.queue))

    def not_done(self) -> int:
        """Outbox rows whose task has not run to its end (never sent, or sent and not finished)."""
        return self.sql("SELECT count(*) FROM jobs_outbox WHERE done_at IS NULL")[0][0]

    def take_unrecorded(self) -> dict:
        """Take the next message off the queue and keep no record of it: what a worker killed between
        taking a message (``BRPOP``) and recording it as unacknowledged leaves behind."""
        import json

        raw = self.redis().rpop(self.queue)
        assert raw is not None, "the queue is empty"
        return json.loads(raw)

    def unacked(self) -> int:
        """Messages delivered to some worker and not yet acknowledged (on this queue)."""
        import json

        client = self.redis()
        count = 0
        for raw in client.hvals("unacked"):
            try:
                _, exchange, routing_key = json.loads(raw)
            except ValueError:
                continue
            count += routing_key == self.queue
        return count
