#!/usr/bin/env python
"""Hybrid search benchmark on the configured database (the demo, embedded): p50 / p95 per step.

    CCNT_VAR_DIR=… .venv/bin/python scripts/bench_hybrid.py [--repeat 3]

For every query of eval/search/needs.jsonl (Chinese and English), with the search caches off:
- embed: the query's embedding (the web process's share of meaning search)
- nearest: the vector index's top passages for it
- hybrid: the whole default search (embedding, index, filters, fusion, facets, the page's rows as
  the HTML page loads them)
- keyword: the same query with ``mode=keyword`` — the baseline of the same run (most of the needs'
  paraphrases match no keyword, so it is also run on topical words that match dozens of policies,
  ``TOPICAL``, where both modes load a full page)
- jieba: cutting the query into terms, the cheapest step both modes share
The index at 100,000 policies (synthetic vectors): ``scripts/bench_embeddings.py --policies 100000``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


TOPICAL = ["储能", "氢能", "光伏", "碳达峰 实施方案", "新能源汽车", "碳排放权交易"]


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms"


def timed(function, *args):
    start = time.perf_counter()
    value = function(*args)
    return time.perf_counter() - start, value


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ccnt.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache

    from ccnt.search import hybrid
    from ccnt.search.embedder import get_embedder
    from ccnt.search.models import Passage, PassageVector
    from ccnt.search.params import parse_filters
    from ccnt.search.tokenize import query_terms
    from ccnt.search.vectors import vector_index

    settings.CCNT_SEARCH_CACHE_SECONDS = 0
    if not hybrid.available():
        print("no passage vectors: run `ccnt reindex --embeddings` (or `ccnt demo`) first", file=sys.stderr)
        return 2
    queries = [json.loads(line)["query"] for line in (REPO / "eval" / "search" / "needs.jsonl").open(encoding="utf-8")
               if line.strip()]
    embedder, index = get_embedder(), vector_index()
    embedder.query("预热 warm up")
    index.nearest(embedder.query("预热"), 10)
    steps: dict[str, list[float]] = {"embed": [], "nearest": [], "hybrid": [], "keyword": [], "jieba": [],
                                     "hybrid (topical)": [], "keyword (topical)": []}
    for _ in range(args.repeat):
        for q in queries:
            seconds, vector = timed(embedder.query, q)
            steps["embed"].append(seconds)
            steps["nearest"].append(timed(index.nearest, vector, hybrid.PASSAGE_DEPTH)[0])
            steps["jieba"].append(timed(query_terms, q)[0])
            for mode in ("hybrid", "keyword"):
                cache.clear()
                params = parse_filters({"q": q, "mode": mode})
                steps[mode].append(timed(hybrid.search, params, 30, True, False)[0])
        for q in TOPICAL:
            for mode in ("hybrid", "keyword"):
                cache.clear()
                params = parse_filters({"q": q, "mode": mode})
                steps[f"{mode} (topical)"].append(timed(hybrid.search, params, 30, True, False)[0])
    print(f"demo: {len(queries)} queries × {args.repeat}, {Passage.objects.count():,} passages, "
          f"{PassageVector.objects.count():,} vectors")
    for name, samples in steps.items():
        print(f"  {name:17} {percentiles(samples)}")
    topical = statistics.median(steps["hybrid (topical)"]) / statistics.median(steps["keyword (topical)"])
    print(f"  hybrid / keyword (p50): needs {statistics.median(steps['hybrid']) / statistics.median(steps['keyword']):.1f}×, "
          f"topical {topical:.1f}×; "
          f"embedding share of hybrid p50: {statistics.median(steps['embed']) / statistics.median(steps['hybrid']):.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
