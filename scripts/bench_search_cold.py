#!/usr/bin/env python
"""Cold and warm keyword search on an existing database, against baselines measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ccnt_100k .venv/bin/python scripts/bench_search_cold.py \\
        [--repeat 10] [--warm-repeat 20] [--only 储能,光伏] [--parts]
    .venv/bin/python scripts/bench_search_cold.py --smoke      # 200 synthetic policies in a throwaway SQLite (CI)

The database is used as it is (build it first: ``ccnt demo`` and ``ccnt synth 99400`` for 100,000
policies); nothing is written to it but the cache. Each search is ``/policies/?q=…`` through Django's
test client in this process (HTML, as a reader meets it):

- cold: the configured cache cleared before the request (facets, totals, the page and the term
  statistics all computed afresh; PostgreSQL's own buffers stay warm);
- warm: the same request again, the page cached whole.

Each timed search request follows three baselines, so load from other work on a shared machine
affects both sides of the ratio: ``/livez`` (no database), ``/healthz`` (counts the public policies
and the index rows) and a plain ``ILIKE`` count over the policy titles (``SELECT count(*) FROM
tracker_policy WHERE title ILIKE '%term%'``: what a search with no index would at least cost). Printed per query: the hits, cold
and warm p50 / p95 in ms and as multiples of the baselines' medians; then the same over every
query's samples together. ``--parts`` adds, per query and with the caches off, the facet counts,
the total and the page's ids timed apart (median ms). Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

QUERIES = [
    "q=碳达峰",
    "q=储能",
    "q=光伏",
    "q=氢能",
    "q=碳普惠",
    "q=碳达峰 实施方案",
    "q=储能&level=province",
    "q=氢能&category=energy&year=2023",
    "q=光伏&jurisdiction=320000",
    "q=碳达峰 实施方案&has_targets=1&sort=-date",
]


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def url_of(query: str) -> str:
    return "/policies/?" + "&".join(f"{k}={quote(v)}" for k, v in (p.split("=", 1) for p in query.split("&") if p))


def smoke_database(var_dir: Path) -> None:
    """A throwaway SQLite database with reference data and 200 synthetic policies."""
    os.environ["CCNT_VAR_DIR"] = str(var_dir)
    os.environ.pop("DATABASE_URL", None)
    var_dir.mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10, help="cold requests per query (default 10)")
    parser.add_argument("--warm-repeat", type=int, default=20, help="warm requests per query (default 20)")
    parser.add_argument("--only", default="", help="comma-separated q values to measure (default all)")
    parser.add_argument("--parts", action="store_true", help="also time facets, total and page ids apart")
    parser.add_argument("--smoke", action="store_true", help="200 synthetic policies in a throwaway SQLite, 2 runs")
    args = parser.parse_args(argv)
    if args.smoke:
        args.repeat, args.warm_repeat = 2, 2
        folder = Path(os.environ.get("CCNT_VAR_DIR") or "/tmp/ccnt_bench_search_cold_smoke") / "bench_search_cold"
        smoke_database(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ccnt.settings")
    os.environ.setdefault("CCNT_ALLOWED_HOSTS", "localhost,testserver")
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.http import QueryDict
    from django.test import Client, override_settings

    from ccnt.search import query as search_query
    from ccnt.tracker.models import Policy

    if args.smoke:
        call_command("migrate", interactive=False, verbosity=0)
        from ccnt.search import synth
        from ccnt.tracker.loaders.reference import load_all

        load_all()
        if not Policy.objects.filter(import_key__startswith=synth.KEY_PREFIX).exists():
            synth.create(200, seed=1)
    queries = [q for q in QUERIES if not args.only or q.split("&")[0][2:] in args.only.split(",")]
    like = "ILIKE" if connection.vendor == "postgresql" else "LIKE"

    def ilike(term: str) -> float:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM tracker_policy WHERE title {like} %s", [f"%{term}%"])
            cursor.fetchone()
        return (time.perf_counter() - started) * 1000

    def timed_get(client, url: str) -> float:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        return elapsed

    unlimited = "100000/s"
    with override_settings(CCNT_SEARCH_RATE=unlimited, CCNT_API_ANON_RATE=unlimited, DEBUG=False):
        client = Client(HTTP_HOST="localhost")
        total = Policy.objects.public().count()
        for query in queries:  # load code, templates, jieba once
            client.get(url_of(query))
        print(f"{connection.vendor}, {total} public policies; {args.repeat} cold and {args.warm_repeat} warm requests "
              "per query; each ratio against the medians of the baselines interleaved with that query's requests "
              "(/livez, /healthz, a title ILIKE count)")
        header = (f"{'query':44} {'hits':>6} | {'cold p50':>8} {'p95':>6} | {'×healthz':>8} {'×ilike':>6} "
                  f"{'×livez':>6} | {'warm p50':>8} {'p95':>5} {'×livez':>6} | {'livez':>5} {'healthz':>7} {'ilike':>6}")
        if args.parts:
            header += f" | {'facets':>6} {'total':>6} {'page':>6}"
        print(header)
        print("-" * len(header))
        every = {"cold": [], "warm": [], "livez": [], "healthz": [], "ilike": []}
        for query in queries:
            params = search_query.parse_filters(QueryDict(query))
            term = params.q.split()[0]
            url = url_of(query)
            samples = {name: [] for name in every}

            def baselines(samples=samples, term=term) -> None:
                samples["livez"].append(timed_get(client, "/livez"))
                samples["healthz"].append(timed_get(client, "/healthz"))
                samples["ilike"].append(ilike(term))

            for _ in range(args.repeat):
                baselines()
                cache.clear()
                samples["cold"].append(timed_get(client, url))
            for _ in range(args.warm_repeat):
                baselines()
                samples["warm"].append(timed_get(client, url))
            hits = search_query.search(params, facets=False).total
            lz, hz, lk = (statistics.median(samples[n]) for n in ("livez", "healthz", "ilike"))
            (c50, c95), (w50, w95) = percentiles(samples["cold"]), percentiles(samples["warm"])
            line = (f"{query:44} {hits:>6} | {c50:>8.1f} {c95:>6.1f} | {c95 / hz:>7.1f}× {c95 / lk:>5.1f}× "
                    f"{c95 / lz:>5.0f}× | {w50:>8.2f} {w95:>5.1f} {w50 / lz:>5.1f}× | {lz:>5.2f} {hz:>7.1f} {lk:>6.1f}")
            if args.parts:
                with override_settings(CCNT_SEARCH_CACHE_SECONDS=0):
                    parts = {"facets": [], "total": [], "page": []}
                    for _ in range(max(3, args.repeat // 2)):
                        for name, fn in (("facets", lambda p=params: search_query._facets(p)),
                                         ("total", lambda p=params: search_query.count(p)),
                                         ("page", lambda p=params: search_query.page_ids(p, 1, 30))):
                            started = time.perf_counter()
                            fn()
                            parts[name].append((time.perf_counter() - started) * 1000)
                line += " | " + " ".join(f"{statistics.median(parts[n]):>6.1f}" for n in ("facets", "total", "page"))
            print(line, flush=True)
            for name in every:
                every[name].extend(samples[name])
        lz, hz, lk = (statistics.median(every[n]) for n in ("livez", "healthz", "ilike"))
        (c50, c95), (w50, w95) = percentiles(every["cold"]), percentiles(every["warm"])
        print(f"all queries at N={total}: cold p50 {c50:.1f} ms p95 {c95:.1f} ms (p50 / p95 as multiples: "
              f"/healthz {c50 / hz:.1f}× / {c95 / hz:.1f}×, ILIKE {c50 / lk:.1f}× / {c95 / lk:.1f}×, "
              f"/livez {c50 / lz:.0f}× / {c95 / lz:.0f}×); warm p50 {w50:.2f} ms p95 {w95:.2f} ms "
              f"({w50 / lz:.1f}× / {w95 / lz:.1f}× /livez); medians: /livez {lz:.2f} ms, /healthz {hz:.1f} ms, "
              f"ILIKE {lk:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
