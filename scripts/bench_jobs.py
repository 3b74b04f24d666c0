"""Benchmark the job workers: jobs per minute with one and with two Celery workers on Redis.

For each worker count: a fresh scratch database (SQLite under /tmp, or a PostgreSQL database
created on the server of DATABASE_URL and dropped afterwards), N synthetic policy pages (2–5 KB
bodies recombined from corpus sentences, seeded) served on 127.0.0.1, the workers started and
ready, then one crawl queued with `ccnt crawl --enqueue`: 1 crawl job + N ingest jobs (parse,
analyse, store). The clock runs from queueing until every page is in the database.

    .venv/bin/python scripts/bench_jobs.py [--pages 60] [--workers 1,2] [--smoke]

Needs Redis at 127.0.0.1:6379 (uses database 15 and a queue of its own).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests"), str(REPO)]

from _jobs_harness import Deployment, policy_pages, redis_reachable, serve_site, site_config  # noqa: E402
from ingest_fixtures import Site  # noqa: E402


def wait_ready(deployment: Deployment, processes, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(" ready." in deployment.log(p, tail=100000) for p in processes):
            return
        time.sleep(0.1)
    raise RuntimeError("workers did not start:\n" + "\n".join(deployment.log(p) for p in processes))


def run_once(pages: int, workers: int, postgres_url: str | None) -> tuple[float, str]:
    with tempfile.TemporaryDirectory(prefix="ccnt-bench-jobs-") as tmp, Site() as site, \
            Deployment(Path(tmp), postgres_url=postgres_url, visibility_timeout=600) as deployment:
        serve_site(site, pages)
        config = site_config(site, Path(tmp) / "site.toml")
        processes = [deployment.start_worker(f"bench{i}") for i in range(workers)]
        wait_ready(deployment, processes)
        started = time.monotonic()
        queued = deployment.ccnt("crawl", "--config", str(config), "--enqueue")
        if queued.returncode:
            raise RuntimeError(queued.stderr)
        query = "SELECT count(*) FROM tracker_policy WHERE source_url LIKE %s"
        deadline = started + 60 + pages * 5
        while time.monotonic() < deadline:
            if deployment.sql(query, (site.base + "/%",))[0][0] >= pages:
                break
            time.sleep(0.1)
        else:
            raise RuntimeError("the crawl did not finish:\n" + "\n".join(deployment.log(p) for p in processes))
        elapsed = time.monotonic() - started
        backend = "PostgreSQL" if postgres_url else "SQLite"
        return elapsed, backend


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts to measure")
    parser.add_argument("--smoke", action="store_true", help="a quick run for CI (8 pages)")
    args = parser.parse_args(argv)
    pages = 8 if args.smoke else args.pages
    if not redis_reachable():
        print("Redis is not reachable at 127.0.0.1:6379 (start redis-server)", file=sys.stderr)
        return 1
    database_url = os.environ.get("DATABASE_URL", "")
    postgres_url = database_url if database_url.startswith("postgres") else None
    size = sum(len(html) for *_, html in policy_pages(pages))
    jobs = pages + 1
    print(f"data: {pages} policy pages, {size / 1024:.0f} KB of HTML ({size / pages / 1024:.1f} KB each); "
          f"{jobs} jobs per run (1 crawl + {pages} ingest: parse, analyse, store)")
    for workers in (int(w) for w in args.workers.split(",") if w):
        elapsed, backend = run_once(pages, workers, postgres_url)
        print(f"{workers} worker(s), concurrency 1 each, {backend}: {jobs / elapsed * 60:.0f} jobs/min "
              f"({jobs} jobs in {elapsed:.1f} s; {pages} pages, {size / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
