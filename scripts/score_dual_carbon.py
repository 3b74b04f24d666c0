"""Score the extractor on the gold of eval/gold/dual-carbon, dev and test parts side by side.

A thin wrapper over ``ccnt.analysis.eval_dual_carbon`` (which ``ccnt eval`` prints as its
dual-carbon section). The test part is scored, never tuned on: log each scoring in eval/README.md.
Usage: score_dual_carbon.py [--corpus DIR] [--errors] [--part dev|test|both]
(``--errors`` lists the dev part's misses and false alarms; it never shows the test part's.)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ccnt.analysis import eval_dual_carbon
from ccnt.analysis.evaluate import default_corpus_dir


def main(argv: list[str]) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--corpus", default=str(default_corpus_dir()))
    args.add_argument("--errors", action="store_true", help="list the dev part's errors (never the test part's)")
    args.add_argument("--part", choices=("dev", "test", "both"), default="both",
                      help="score one part only (tuning runs use dev)")
    opts = args.parse_args(argv)
    corpus = Path(opts.corpus) / "dual-carbon"
    if not corpus.is_dir():
        print(f"{corpus}: not found", file=sys.stderr)
        return 2
    if opts.errors:
        for line in eval_dual_carbon.errors(corpus):
            print(line)
    parts = eval_dual_carbon.PARTS if opts.part == "both" else (opts.part,)
    eval_dual_carbon.print_section(eval_dual_carbon.run(corpus, parts=parts), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
