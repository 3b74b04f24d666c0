#!/usr/bin/env python
"""In-process page benchmark: each public page's cold and warm cost as a multiple of ``/livez``,
measured in the same run (so the figures hold on a busy, shared machine).

    .venv/bin/python scripts/bench_pages.py [--synth 5000] [--var-dir /tmp/ccnt_bench_pages] [--repeat 5] [--warm-repeat 20]
    .venv/bin/python scripts/bench_pages.py --smoke        # no demo, 200 synthetic policies (CI)

Data: SQLite under ``--var-dir``, built once — ``ccnt demo`` (``ccnt setup`` with ``--smoke``) and
``ccnt synth N``, the one seeded generator every benchmark uses — and reused while it holds N
synthetic policies. Each page goes through Django's test client in this process:

- cold: the configured cache (``django.core.cache.cache``) cleared before the request: with every
  cache in the cache backend, that makes every page cold;
- warm: the same request again, the page's data (and the page itself, where cached) in the cache.

Printed per page: median milliseconds, the multiple of the median of the ``/livez`` requests
interleaved with that page's (three before each request of it), the database queries
and the bytes of the answer, with the data size beside the figures. Rejected: timing against a
server (``scripts/load_test.py`` does that, with queueing and the network in the figure).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CCNT = [sys.executable, "-m", "ccnt.cli"]


def run_ccnt(env: dict, *args: str) -> None:
    out = subprocess.run([*CCNT, *args], env=env, cwd=REPO, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"ccnt {' '.join(args)} failed:\n{out.stdout[-2000:]}\n{out.stderr[-4000:]}")


def synthetic_count(path: Path) -> int:
    import sqlite3

    if not path.exists():
        return -1
    try:
        with sqlite3.connect(path) as conn:
            return conn.execute("SELECT count(*) FROM tracker_policy WHERE import_key LIKE 'synth:%'").fetchone()[0]
    except sqlite3.Error:
        return -1


def build(var_dir: Path, n: int, demo: bool) -> None:
    """The database: demo (or reference data only) plus ``n`` synthetic policies; what is there is
    reused (a copy of a demo's var folder needs only the synthetic policies)."""
    env = {**os.environ, "CCNT_VAR_DIR": str(var_dir)}
    env.pop("DATABASE_URL", None)
    database = var_dir / "ccnt.sqlite3"
    have = synthetic_count(database)
    if have > n:
        for suffix in ("", "-wal", "-shm"):
            Path(str(database) + suffix).unlink(missing_ok=True)
        have = -1
    started = time.perf_counter()
    if have < 0:
        var_dir.mkdir(parents=True, exist_ok=True)
        print(f"building {database}: {'demo' if demo else 'reference data'} …", flush=True)
        run_ccnt(env, "demo" if demo else "setup")
        have = 0
    else:
        run_ccnt(env, "migrate", "--verbosity", "0")  # a database made by an older version
    if have < n:
        print(f"  + {n - have} synthetic policies …", flush=True)
        run_ccnt(env, "synth", str(n - have))
        print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)


def pages() -> list[tuple[str, str, dict]]:
    """(label, path, extra request headers) for every kind of public page, picked from the data."""
    from ccnt.reports.models import Report
    from ccnt.tracker.models import Jurisdiction, Policy

    public = Policy.objects.public()
    rich = (public.exclude(published_version=None).filter(targets__isnull=False)
            .order_by("pk").values_list("pk", flat=True).first())
    plain = public.order_by("-pk").values_list("pk", flat=True).first()
    city = (Jurisdiction.objects.filter(level="city", policies__review_state="published")
            .order_by("adcode").values_list("adcode", flat=True).first())
    report = Report.objects.filter(status=Report.Status.PUBLISHED).order_by("-month").first()
    english = {"HTTP_COOKIE": "django_language=en"}
    out = [
        ("/healthz", "/healthz", {}),
        ("home", "/", {}),
        ("home (en)", "/", english),
        ("home json", "/?format=json", {}),
        ("list", "/policies/", {}),
        ("search 储能", "/policies/?q=%E5%82%A8%E8%83%BD", {}),
        ("search 光伏 + filters", "/policies/?q=%E5%85%89%E4%BC%8F&level=province&year=2023", {}),
        ("list level=city sector=energy", "/policies/?level=city&sector=energy", {}),
        ("policy (targets, text)", f"/policies/{rich or plain}/", {}),
        ("policy (synthetic)", f"/policies/{plain}/", {}),
        ("region national", "/regions/100000/", {}),
        ("region province", "/regions/320000/", {}),
        ("region city", f"/regions/{city or '320500'}/", {}),
        ("targets", "/targets/", {}),
        ("matrix", "/matrix/", {}),
        ("api policies", "/api/v1/policies/", {}),
        ("api targets", "/api/v1/targets/", {}),
    ]
    if report:
        out.append(("report", f"/reports/{report.month:%Y-%m}/", {}))
    return out


def measure(client, path: str, headers: dict, repeat: int, cold: bool) -> tuple[float, float, int, int, int]:
    """(median ms, median ms of the ``/livez`` requests interleaved with it, queries, bytes,
    status). Each request of the page follows three of ``/livez``, so the ratio holds while other
    work on a shared machine comes and goes (one ``/livez`` figure taken at the start made the
    later pages look slower or faster than they were). The queries, bytes and status are of one
    request before the timed ones (warm: it also fills the cache), not timed: capturing the
    queries formats each one's SQL, a cost no production request pays."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, livez = [], []
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:  # counted apart: capturing costs time per query
        response = client.get(path, **headers)
    queries, size, status = len(captured), len(response.content), response.status_code
    for _ in range(repeat):
        if cold:
            cache.clear()
        for _ in range(3):
            started = time.perf_counter()
            client.get("/livez")
            livez.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        client.get(path, **headers)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), statistics.median(livez), queries, size, status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--synth", type=int, default=None, help="synthetic policies (default 5000; smoke 200)")
    parser.add_argument("--var-dir", default=None, help="default /tmp/ccnt_bench_pages (smoke: …_smoke)")
    parser.add_argument("--repeat", type=int, default=None, help="requests per figure (default 5; smoke 2)")
    parser.add_argument("--warm-repeat", type=int, default=None,
                        help="requests per warm figure (default 4× --repeat: a warm request costs a cold one's "
                             "hundredth, and its median moves with the machine's load more than a cold one's)")
    parser.add_argument("--smoke", action="store_true", help="no demo, 200 synthetic policies, 2 requests each")
    parser.add_argument("--only", default="", help="comma-separated labels to measure (default all)")
    args = parser.parse_args(argv)
    n = args.synth if args.synth is not None else (200 if args.smoke else 5000)
    repeat = args.repeat or (2 if args.smoke else 5)
    warm_repeat = args.warm_repeat or 4 * repeat
    default = "/tmp/ccnt_bench_pages_smoke" if args.smoke else "/tmp/ccnt_bench_pages"
    if args.smoke and os.environ.get("CCNT_VAR_DIR"):  # CI's throwaway folder
        default = str(Path(os.environ["CCNT_VAR_DIR"]) / "bench_pages")
    var_dir = Path(args.var_dir or default)
    build(var_dir, n, demo=not args.smoke)

    os.environ["CCNT_VAR_DIR"] = str(var_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ccnt.settings")
    os.environ.setdefault("CCNT_ALLOWED_HOSTS", "localhost,testserver")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client, override_settings

    from ccnt.tracker.models import Policy

    # never refused, and the throttles' per-client history (pruned by the period) stays short as a
    # real client's does: "…/min" kept every request of the last minute, a list that grew through
    # the run and was read and written on each search and API request
    unlimited = "100000/s"
    with override_settings(CCNT_SEARCH_RATE=unlimited, CCNT_API_ANON_RATE=unlimited, DEBUG=False):
        client = Client(HTTP_HOST="localhost")
        total = Policy.objects.public().count()
        targets = [p for p in pages() if not args.only or p[0] in args.only.split(",")]
        for _label, path, headers in targets:  # load code, templates, jieba once
            client.get(path, **headers)
        livez = measure(client, "/livez", {}, max(20, repeat * 4), cold=False)[0]
        cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
        print(f"\nSQLite, {total} public policies (demo{'' if not args.smoke else ' skipped'} + {n} synthetic); "
              f"cache {cache}; {repeat} requests per cold figure and {warm_repeat} per warm one, median; /livez {livez * 1000:.0f} µs at the start, "
              "and each ratio against the /livez requests interleaved with that figure's")
        header = (f"{'page':32} {'cold ms':>9} {'× livez':>8} {'queries':>7} | {'warm ms':>8} {'× livez':>8} "
                  f"{'queries':>7} | {'bytes':>8}")
        print(header)
        print("-" * len(header))
        worst = {"cold": ("", 0.0), "warm": ("", 0.0)}
        failed = []
        for label, path, headers in targets:
            cold_ms, cold_livez, cold_q, _size, status = measure(client, path, headers, repeat, cold=True)
            warm_ms, warm_livez, warm_q, size, status = measure(client, path, headers, warm_repeat, cold=False)
            if status != 200:
                failed.append(f"{label} {path}: {status}")
            cold_x, warm_x = cold_ms / cold_livez, warm_ms / warm_livez
            if label != "/healthz":
                worst["cold"] = max(worst["cold"], (label, cold_x), key=lambda w: w[1])
                worst["warm"] = max(worst["warm"], (label, warm_x), key=lambda w: w[1])
            print(f"{label:32} {cold_ms:>9.1f} {cold_x:>7.0f}× {cold_q:>7} | {warm_ms:>8.2f} {warm_x:>7.1f}× "
                  f"{warm_q:>7} | {size:>8}", flush=True)
        print(f"worst at N={total}: cold {worst['cold'][0]} {worst['cold'][1]:.0f}× /livez (aim ≤ 60×), "
              f"warm {worst['warm'][0]} {worst['warm'][1]:.1f}× /livez (aim ≤ 5×)")
    if failed:
        print("pages that did not answer 200: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
