"""Refit the target confidence model (src/ccnt/data/confidence.json) on the DEV part of the dual-carbon gold.

The model is an ordered list of bins (``ccnt.analysis.confidence.Bin``: features a target must have
and must not have); a target falls in the first bin it fits. Refitting keeps the bins' definitions
(edit them in the JSON file) and recounts, on the dev part only, how many predictions fall in each bin
and how many of those are strictly right; a bin's confidence is (right + 1) / (n + 2). The test part
is never read here: ``ccnt eval --record`` reports how the model does on it.
Usage: calibrate_confidence.py [--corpus DIR] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ccnt.analysis import confidence, eval_dual_carbon
from ccnt.analysis.evaluate import default_corpus_dir

DEFAULT_BINS = [  # used when the model file is missing: most specific first
    confidence.Bin("clean", ("clean",)),
    confidence.Bin("peak_goal", ("peak_goal",)),
    confidence.Bin("catalogued_fitting_unit", ("catalogued", "unit_fits", "verb")),
    confidence.Bin("catalogued", ("catalogued",)),
    confidence.Bin("named_with_verb", ("named", "verb", "unit_known"), cap=confidence.OPEN_NAME_CAP),
    confidence.Bin("named", ("named",), cap=confidence.OPEN_NAME_CAP),
    confidence.Bin("rest", cap=confidence.OPEN_NAME_CAP),
]


def recount(model: confidence.ConfidenceModel, corpus: Path) -> confidence.ConfidenceModel:
    bins = [confidence.Bin(b.name, b.all, b.none, cap=b.cap) for b in model.bins]
    fresh = confidence.ConfidenceModel(bins)
    for doc, pa in eval_dual_carbon.analysed_documents(corpus, parts=("dev",)):
        if pa is None:
            continue
        for judged in eval_dual_carbon.judge(doc.targets, eval_dual_carbon.predictions(pa)):
            found = fresh.bin_of(judged.target)
            if found is not None:
                found.n += 1
                found.right += judged.right
    return fresh


def main(argv: list[str]) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--corpus", default=str(default_corpus_dir()))
    args.add_argument("--dry-run", action="store_true", help="print the model, do not write it")
    opts = args.parse_args(argv)
    corpus = Path(opts.corpus) / "dual-carbon"
    if not corpus.is_dir():
        print(f"{corpus}: not found", file=sys.stderr)
        return 2
    current = confidence.load_model() or confidence.ConfidenceModel(DEFAULT_BINS)
    model = recount(current, corpus)
    for b in model.bins:
        print(f"{b.name:28} dev {b.right:4}/{b.n:<4} confidence {b.confidence:.3f}")
    data = {"fitted_on": "eval/gold/dual-carbon, dev part", "rule": "first bin that holds; (right + 1) / (n + 2)",
            **model.to_json()}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if opts.dry_run:
        print(text)
    else:
        confidence.MODEL_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {confidence.MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
