#!/usr/bin/env python
"""How ``ccnt extract`` grows with the text: 1, 2 and 4 MB texts made by repeating a real corpus
text, each analysed by ``python -m ccnt.analysis.commands FILE --json`` (the command's own code
path, start-up included), timed from outside.

    python scripts/bench_extract_scaling.py [--smoke] [--sizes 1,2,4] [--source FILE]

Prints the seconds per size and the growth between sizes (2.0 per doubling is linear). Texts
above ``MAX_TEXT_CHARS`` (2,000,000 characters) are analysed up to the cap (``too_long``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def corpus_dir() -> Path:
    env = os.environ.get("CCNT_CORPUS_DIR")
    return Path(env) if env else (REPO.parent / "shared" / "corpus").resolve()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="0.1 and 0.2 MB (CI)")
    parser.add_argument("--sizes", default="1,2,4", help="MB of UTF-8, comma-separated")
    parser.add_argument("--source", default=str(corpus_dir() / "上海市碳达峰实施方案.txt"))
    args = parser.parse_args()
    sizes = [0.1, 0.2] if args.smoke else [float(s) for s in args.sizes.split(",")]
    source = Path(args.source).read_text(encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    previous = None
    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes:
            want = int(mb * 1_000_000)
            text = (source + "\n") * (want // len(source.encode()) + 1)
            while len(text.encode()) > want:
                text = text[: len(text) - max(1, (len(text.encode()) - want) // 3)]
            path = Path(tmp) / f"text-{mb}MB.txt"
            path.write_text(text, encoding="utf-8")
            started = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "ccnt.analysis.commands", str(path), "--json"],
                                    env=env, capture_output=True, text=True)
            seconds = time.perf_counter() - started
            if result.returncode:
                print(result.stderr[-2000:], file=sys.stderr)
                return 1
            growth = f", x{seconds / previous:.2f} over the previous size" if previous else ""
            print(f"extract: {mb:g} MB ({len(text)} characters of {Path(args.source).name}): {seconds:.1f} s{growth}",
                  flush=True)
            previous = seconds
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
