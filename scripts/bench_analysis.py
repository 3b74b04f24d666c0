#!/usr/bin/env python
"""Benchmark the pure analysis over the real corpus.

    python scripts/bench_analysis.py [--smoke] [--repeat N] [--corpus DIR]

Reads every ``*.txt`` of the corpus (``$CCNT_CORPUS_DIR``, else ``../shared/corpus``),
runs target extraction — and the whole ``pipeline.analyse()`` when that module is there —
N times on one core, and prints characters per second, MB/s (UTF-8 bytes), the data
size the figure was measured on, and the peak memory (tracemalloc peak of Python
allocations during one pass, plus the process's max RSS).
"""

from __future__ import annotations

import argparse
import importlib
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from ccnt.analysis.targets import extract_targets  # noqa: E402


def corpus_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("CCNT_CORPUS_DIR")
    return Path(env) if env else (REPO.parent / "shared" / "corpus").resolve()


def bench(name: str, fn, texts: list[str], repeat: int) -> dict[str, float]:
    chars = sum(len(t) for t in texts)
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    for t in texts:  # warm-up (regex compilation, catalogue loading)
        fn(t)
    tracemalloc.start()
    for t in texts:
        fn(t)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    t0 = time.process_time()
    w0 = time.perf_counter()
    found = 0
    for _ in range(repeat):
        for t in texts:
            found += len(fn(t) or ())
    cpu = time.process_time() - t0
    wall = time.perf_counter() - w0
    cpu = max(cpu, 1e-9)
    total_chars, total_bytes = chars * repeat, nbytes * repeat
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{name}: {len(texts)} texts, {chars:,} characters = {nbytes / 1e6:.3f} MB per pass, {repeat} passes "
          f"({total_bytes / 1e6:.2f} MB in all)")
    print(f"  {total_chars / cpu:,.0f} characters/s per core, {total_bytes / 1e6 / cpu:.2f} MB/s per core "
          f"(cpu {cpu:.2f}s, wall {wall:.2f}s), {found // repeat} results per pass")
    print(f"  peak Python allocations in one pass {peak / 1e6:.1f} MB (tracemalloc); process max RSS {rss_mb:.0f} MB")
    return {"chars_per_s": total_chars / cpu, "mb_per_s": total_bytes / 1e6 / cpu, "peak_mb": peak / 1e6}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--smoke", action="store_true", help="one quick pass (CI)")
    ap.add_argument("--repeat", type=int, default=None, help="passes over the corpus (default 20, smoke 1)")
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--min-mb-s", type=float, default=None, help="exit 1 when target extraction is slower")
    args = ap.parse_args(argv)
    repeat = args.repeat or (1 if args.smoke else 20)
    folder = corpus_dir(args.corpus)
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not texts:
        print(f"no *.txt in {folder}", file=sys.stderr)
        return 2
    print(f"corpus: {folder}")
    result = bench("extract_targets", extract_targets, texts, repeat)
    try:
        pipeline = importlib.import_module("ccnt.analysis.pipeline")
    except ImportError:
        pipeline = None
    if pipeline is not None and hasattr(pipeline, "analyse"):
        def full(t: str):
            return pipeline.analyse(t, title=t.split("\n", 1)[0]).targets
        bench("pipeline.analyse", full, texts, max(1, repeat // 4))
    else:
        print("pipeline.analyse: not available (ccnt.analysis.pipeline missing)")
    if args.min_mb_s is not None and result["mb_per_s"] < args.min_mb_s:
        print(f"FAIL: {result['mb_per_s']:.2f} MB/s < {args.min_mb_s}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
