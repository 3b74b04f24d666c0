"""Score the extractor on the gold of eval/gold/dual-carbon, dev and test parts side by side.

Prints, per part: strict F1 (year, value, overlapping span and indicator), loose F1 (year, value
and span), passage F1 (an overlapping span alone) and the share of predicted targets named
``other``. Gold of every role (target, restated, cited) is compared with the analysis's
targets, restated and cited lists together; the role accuracy over strictly matched pairs says
how often the role agrees. The test part is scored, never tuned on: log each
scoring in eval/README.md. Usage: score_dual_carbon.py [--corpus DIR] [--errors] [--part dev|test|both]
(``--errors`` lists the dev part's misses and false alarms; it refuses to show the test part's.)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ccnt.analysis.evaluate import match_targets, prf
from ccnt.analysis.pipeline import analyse
from ccnt.ingest.parse import parse_bytes

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "eval" / "gold" / "dual-carbon"


def passage_matches(gold: list[dict], pred: list) -> int:
    used: set[int] = set()
    found = 0
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and p.start is not None and min(g["end"], p.end) > max(g["start"], p.start):
                used.add(i)
                found += 1
                break
    return found


def print_errors(name: str, gold: list[dict], pred: list) -> None:
    strict = dict(match_targets(gold, pred, strict=True))
    loose = dict(match_targets(gold, pred))
    print(f"== {name}")
    for gi, g in enumerate(gold):
        if gi in strict:
            p = pred[strict[gi]]
            if g.get("role", "target") != p.role:
                print(f"  ROLE gold {g.get('role')} pred {p.role}  「{g['text']}」")
            continue
        if gi in loose:
            p = pred[loose[gi]]
            print(f"  NAME gold {g['indicator']}/{g.get('subject')} pred {p.indicator}/{p.subject or p.indicator_name}"
                  f"  「{g['text']}」")
        else:
            print(f"  MISS {g['target_year']} {g['value_low']}{g['unit']} {g['indicator']}/{g.get('subject')}"
                  f"  「{g['text']}」")
    matched = set(strict.values()) | set(loose.values())
    for pi, p in enumerate(pred):
        if pi not in matched:
            print(f"  FALSE {p.target_year} {p.value_low}{p.unit} {p.indicator}/{p.subject or p.indicator_name}"
                  f"  「{p.text}」")


def main(argv: list[str]) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    args.add_argument("--errors", action="store_true", help="list the dev part's errors (never the test part's)")
    args.add_argument("--part", choices=("dev", "test", "both"), default="both",
                      help="score only this part (tuning runs use dev: a run that prints the test figure is logged)")
    opts = args.parse_args(argv)
    corpus = Path(opts.corpus) / "dual-carbon"
    if not corpus.is_dir():
        print(f"{corpus}: not found", file=sys.stderr)
        return 2
    totals = {part: {"gold": 0, "pred": 0, "strict": 0, "loose": 0, "passage": 0, "other": 0, "docs": 0, "role_ok": 0}
              for part in ("dev", "test")}
    for path in sorted(GOLD.glob("*.gold.jsonl")):
        lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        head, gold = lines[0], lines[1:]
        if opts.part != "both" and head["part"] != opts.part:
            continue
        pdf = corpus / head["file"]
        text = parse_bytes(pdf.read_bytes(), name=pdf.name).text
        pa = analyse(text)
        pred = [*pa.targets, *pa.restated, *pa.cited]
        t = totals[head["part"]]
        t["docs"] += 1
        t["gold"] += len(gold)
        t["pred"] += len(pred)
        strict_pairs = match_targets(gold, pred, strict=True)
        t["strict"] += len(strict_pairs)
        t["role_ok"] += sum(1 for gi, pi in strict_pairs if gold[gi].get("role", "target") == pred[pi].role)
        t["loose"] += len(match_targets(gold, pred))
        t["passage"] += passage_matches(gold, pred)
        t["other"] += sum(1 for p in pred if p.indicator == "other")
        if opts.errors and head["part"] == "dev":
            print_errors(head["file"], gold, pred)
    print("part  docs gold pred   strict F1  loose F1  passage F1  predicted 'other'  role accuracy")
    for part, t in totals.items():
        if opts.part != "both" and part != opts.part:
            continue
        f = {k: prf(t[k], t["pred"], t["gold"])[2] for k in ("strict", "loose", "passage")}
        other = t["other"] / t["pred"] if t["pred"] else 0.0
        role = t["role_ok"] / t["strict"] if t["strict"] else 0.0
        print(f"{part:5} {t['docs']:4} {t['gold']:4} {t['pred']:4}   {f['strict']:8.1%}  {f['loose']:8.1%}"
              f"  {f['passage']:10.1%}  {other:6.1%}             {role:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
