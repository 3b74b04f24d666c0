#!/usr/bin/env python
"""Search benchmark: N synthetic policies in a throwaway database, latency p50 / p95.

    .venv/bin/python scripts/bench_search.py [--n 100000] [--smoke] [--repeat 20] [--keep]

SQLite by default (a file under /tmp); PostgreSQL when DATABASE_URL is set (the benchmark
creates and drops its own database, ``ccnt_bench``, on that server). Policies come from the one
seeded generator (``ccnt synth``). Prints, for each query, the hit count and p50 / p95 of
- query: ``search()`` without facets (match, filters, count, the page's ids and policies, snippets)
- facets: the facet counts alone
- page: the whole /policies/ page through Django's test client (HTML), and its ?format=json,
  as a reader meets it the second time (the page itself cached whole, ``ccnt.ops.pagecache``),
  and "uncached": the HTML page with the page cache and the search's own caches turned off
  (every facet counted afresh)
with the data size beside each figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

QUERIES = [
    ("储能", "q=储能"),
    ("氢能", "q=氢能"),
    ("光伏", "q=光伏"),
    ("碳达峰 实施方案", "q=碳达峰 实施方案"),
    ("储能 + level=province", "q=储能&level=province"),
    ("氢能 + category=energy + year=2023", "q=氢能&category=energy&year=2023"),
    ("光伏 + jurisdiction=320000", "q=光伏&jurisdiction=320000"),
    ("碳达峰 实施方案 + has_targets=1 + sort=-date", "q=碳达峰 实施方案&has_targets=1&sort=-date"),
    ("(no q) level=city + sector=energy", "level=city&sector=energy"),
    ("(no q) everything", ""),
]


def setup_database(args) -> tuple[str, callable]:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(url)
        admin = psycopg.connect(url, autocommit=True)
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [args.pg_name]).fetchone()
        if exists and not args.keep:
            admin.execute(f'DROP DATABASE "{args.pg_name}"')
            exists = None
        if not exists:
            admin.execute(f'CREATE DATABASE "{args.pg_name}"')
        admin.close()
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path="/" + args.pg_name))

        def drop():
            from django.db import connections

            connections.close_all()
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{args.pg_name}"')

        return "postgresql", drop
    folder = Path(args.sqlite_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"bench-{args.n}.sqlite3"
    if path.exists() and not args.keep:
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"

    def drop():
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)

    return "sqlite", drop


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def timed(fn, repeat: int) -> list[float]:
    fn()  # warm: first use loads jieba, fills caches
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000, help="synthetic policies (default 100000)")
    parser.add_argument("--smoke", action="store_true", help="a small run for CI (n=1000, repeat=5)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the benchmark database")
    parser.add_argument("--sqlite-dir", default="/tmp/ccnt_bench")
    parser.add_argument("--pg-name", default="ccnt_bench")
    args = parser.parse_args(argv)
    if args.smoke:
        args.n, args.repeat = min(args.n, 1000), 5

    vendor, drop = setup_database(args)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ccnt.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.http import QueryDict
    from django.test import Client, override_settings

    from ccnt.search import synth
    from ccnt.search.query import _facets, _with_terms, parse_filters, search
    from ccnt.tracker.loaders.reference import load_all
    from ccnt.tracker.models import Policy

    try:
        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        load_all()
        have = Policy.objects.filter(import_key__startswith=f"{synth.KEY_PREFIX}{args.seed}:").count()
        if have < args.n:
            synth.create(args.n - have, seed=args.seed, start=have,
                         progress=lambda done: print(f"  synth {have + done} / {args.n}", end="\r", flush=True))
        load_seconds = time.perf_counter() - started
        total = Policy.objects.public().count()
        if vendor == "sqlite":
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        else:
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"\n{vendor}: {total} public policies ({args.n} synthetic), loaded and indexed in {load_seconds:.0f} s; "
              f"{args.repeat} runs each, times in ms")
        client = Client(HTTP_HOST="localhost")
        # one client asks hundreds of times a minute: the per-client search limit would answer 429
        limits = override_settings(CCNT_SEARCH_RATE="100000000/min")
        limits.enable()
        header = f"{'query':46} {'hits':>7} {'N':>7} | {'query p50':>9} {'p95':>6} | {'facets p50':>10} {'p95':>6} | " \
                 f"{'page p50':>8} {'p95':>6} | {'json p50':>8} {'p95':>6} | {'uncached':>8} {'p95':>6}"
        print(header)
        print("-" * len(header))
        worst = {"query": 0.0, "page": 0.0, "cold": 0.0}
        for label, query in QUERIES:
            params = parse_filters(QueryDict(query))
            hits = search(params, facets=False).total
            q_times = timed(lambda params=params: search(params, facets=False), args.repeat)
            f_times = timed(lambda params=params: _facets(_with_terms(params)), args.repeat)
            url = "/policies/?" + "&".join(
                f"{k}={quote(v)}" for k, v in (p.split("=", 1) for p in query.split("&") if p))
            response = client.get(url)
            if response.status_code != 200:
                print(f"{label}: /policies/ answered {response.status_code}", file=sys.stderr)
            p_times = timed(lambda url=url: client.get(url), args.repeat)
            j_times = timed(lambda url=url: client.get(url + "&format=json"), args.repeat)
            with override_settings(CCNT_SEARCH_CACHE_SECONDS=0, CCNT_PAGE_CACHE_SECONDS=0):
                c_times = timed(lambda url=url: client.get(url), args.repeat)
            qs, fs, ps, js, cs = (percentiles(t) for t in (q_times, f_times, p_times, j_times, c_times))
            worst["query"] = max(worst["query"], qs[1])
            worst["page"] = max(worst["page"], ps[1], js[1])
            worst["cold"] = max(worst["cold"], cs[1])
            print(f"{label:46} {hits:>7} {total:>7} | {qs[0]:>9.1f} {qs[1]:>6.1f} | {fs[0]:>10.1f} {fs[1]:>6.1f} | "
                  f"{ps[0]:>8.1f} {ps[1]:>6.1f} | {js[0]:>8.1f} {js[1]:>6.1f} | {cs[0]:>8.1f} {cs[1]:>6.1f}")
        print(f"worst p95 at N={total}: query {worst['query']:.1f} ms (aim < 50), "
              f"full page {worst['page']:.1f} ms (aim < 150; facet counts cached per index generation), "
              f"full page without the facet cache {worst['cold']:.1f} ms")
    finally:
        if not args.keep:
            drop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
