"""How far two annotators agree: one gold folder scored against another with the matching
``ccnt eval`` uses for the extractor (strict, loose, passage F1).

Usage: annotator_agreement.py FIRST_DIR SECOND_DIR — each holds ``STEM.gold.jsonl`` files in the
format of ``eval/gold/dual-carbon`` (eval/ANNOTATION.md); documents present in both are compared.
The agreement is the ceiling a held-out score can be read against: an extractor cannot be expected
to agree with one annotator more often than a second careful annotator does. Rejected: Cohen's
kappa, which needs a fixed set of items, while annotators here choose the spans themselves.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ccnt.analysis.scoring import match_targets, overlap, prf


def read(path: Path) -> list[dict]:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[1:]


def passage(first: list[dict], second: list[dict]) -> int:
    used: set[int] = set()
    found = 0
    for g in first:
        for i, p in enumerate(second):
            if i not in used and overlap(g, p) > 0:
                used.add(i)
                found += 1
                break
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: annotator_agreement.py FIRST_DIR SECOND_DIR", file=sys.stderr)
        return 2
    a_dir, b_dir = (Path(x) for x in argv)
    for d in (a_dir, b_dir):
        if not d.is_dir():
            print(f"{d}: folder not found", file=sys.stderr)
            return 2
    totals = {"docs": 0, "first": 0, "second": 0, "strict": 0, "loose": 0, "passage": 0}
    for b_path in sorted(b_dir.glob("*.gold.jsonl")):
        a_path = a_dir / b_path.name
        if not a_path.is_file():
            continue
        first, second = read(a_path), read(b_path)
        strict = len(match_targets(first, second, strict=True))
        loose = len(match_targets(first, second))
        found = passage(first, second)
        print(f"{b_path.name[:40]:40} first {len(first):3} second {len(second):3} strict {strict:3} loose {loose:3}")
        for key, value in (("docs", 1), ("first", len(first)), ("second", len(second)), ("strict", strict),
                           ("loose", loose), ("passage", found)):
            totals[key] += value
    for kind in ("strict", "loose", "passage"):
        _p, _r, f1 = prf(totals[kind], totals["second"], totals["first"])
        print(f"{kind:8} F1 {f1:.1%}")
    print(f"documents {totals['docs']}, statements first {totals['first']}, second {totals['second']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
