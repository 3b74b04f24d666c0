"""``ccnt eval --search``: recall@10 and MRR of the search on the configured database (the demo),
for the default (hybrid) and the keyword mode side by side, per language and part.

The information needs are ``eval/search/needs.jsonl``: one JSON object per line, ``id``, ``lang``
(``zh`` / ``en``), ``part`` (``dev``: the ranking may be tuned on it; ``test``: only scored),
``query`` and ``relevant`` — the titles of every policy of the demo that answers the need, judged
by reading the texts (eval/search/README.md says how they were written). Titles, not ids: ids
change from one demo build to the next; a title is matched after NFKC, without spaces and quotes.

recall@10: the share of a need's relevant policies among the first ten results, averaged over
the needs; MRR: the mean of 1 / the rank of the first relevant result (0 when none is in the
first 100). Invariant: a relevant title that no public policy of the database carries is counted
and reported, never silently dropped from a need — a need left with none is skipped and named.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ccnt.paths import REPO_DIR
from ccnt.tracker.models import Policy

from . import hybrid
from .params import parse_filters

NEEDS = REPO_DIR / "eval" / "search" / "needs.jsonl"
DEPTH = 100
CUTOFF = 10
MODES = ("hybrid", "keyword")
_DROP = str.maketrans("", "", " \u3000\t\n\"'“”‘’《》〈〉「」")


@dataclass(frozen=True)
class Need:
    id: str
    lang: str
    part: str
    query: str
    relevant: tuple[str, ...]


def title_key(title: str) -> str:
    return unicodedata.normalize("NFKC", title).translate(_DROP)


def read_needs(path: Path) -> list[Need]:
    """The needs of ``path``; ValueError naming the file and line of a malformed one."""
    needs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            need = Need(str(data["id"]), data["lang"], data["part"], data["query"], tuple(data["relevant"]))
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: not a need ({error})") from None
        if need.lang not in ("zh", "en") or need.part not in ("dev", "test") or not need.query.strip():
            raise ValueError(f"{path}:{number}: lang must be zh or en, part dev or test, query not empty")
        needs.append(need)
    return needs


def ranked_ids(query: str, mode: str, depth: int = DEPTH) -> list[int]:
    """The first ``depth`` policy ids the search lists for ``query`` in ``mode``."""
    params = parse_filters({"q": query, "mode": mode})
    return [p.pk for p in hybrid.search(params, page_size=depth, facets=False, full=False).policies]


def score(needs: list[Need], modes=MODES) -> dict:
    """Per (part, lang, mode): needs scored, recall@10, MRR; and the titles not found."""
    by_title: dict[str, set[int]] = defaultdict(set)
    for pk, title in Policy.objects.public().values_list("pk", "title"):
        by_title[title_key(title)].add(pk)
    missing: list[str] = []
    skipped: list[str] = []
    sums: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    for need in needs:
        relevant: set[int] = set()
        for title in need.relevant:
            found = by_title.get(title_key(title))
            if found:
                relevant |= found
            else:
                missing.append(f"{need.id}: {title}")
        if not relevant:
            skipped.append(need.id)
            continue
        for mode in modes:
            ids = ranked_ids(need.query, mode)
            first = next((rank for rank, pk in enumerate(ids, start=1) if pk in relevant), None)
            cell = sums[(need.part, need.lang, mode)]
            cell[0] += 1
            cell[1] += len(relevant & set(ids[:CUTOFF])) / len(relevant)
            cell[2] += 1 / first if first else 0.0
    figures = {f"{part}/{lang}/{mode}": {"needs": n, "recall_at_10": r / n, "mrr": m / n}
               for (part, lang, mode), (n, r, m) in sorted(sums.items())}
    return {"figures": figures, "missing_titles": missing, "skipped_needs": skipped}


def print_table(result: dict, out=sys.stdout) -> None:
    out.write("Search (eval/search/needs.jsonl): recall@10 / MRR, hybrid (default) and keyword\n")
    out.write(f"{'part':5} {'lang':4} {'needs':>5}   {'hybrid R@10':>11} {'MRR':>6}   {'keyword R@10':>12} {'MRR':>6}\n")
    rows = sorted({key.rsplit("/", 1)[0] for key in result["figures"]})
    for row in rows:
        h, k = result["figures"].get(f"{row}/hybrid"), result["figures"].get(f"{row}/keyword")
        part, lang = row.split("/")
        n = (h or k)["needs"]
        cells = [f"{f['recall_at_10']:11.1%} {f['mrr']:6.3f}" if f else f"{'-':>11} {'-':>6}" for f in (h, k)]
        out.write(f"{part:5} {lang:4} {n:5}   {cells[0]}   {' ' + cells[1]}\n")
    if result["missing_titles"]:
        out.write(f"{len(result['missing_titles'])} relevant titles not in the database: "
                  + "; ".join(result["missing_titles"][:5]) + (" …\n" if len(result["missing_titles"]) > 5 else "\n"))
    if result["skipped_needs"]:
        out.write(f"needs skipped (no relevant policy in the database): {', '.join(result['skipped_needs'])}\n")


def main(args: argparse.Namespace) -> int:
    """Run from ``ccnt eval --search`` (the CLI sets Django up first)."""
    path = Path(args.needs) if args.needs else NEEDS
    if not path.is_file():
        print(f"ccnt eval: needs file not found: {path}", file=sys.stderr)
        return 2
    try:
        needs = read_needs(path)
    except ValueError as error:
        print(f"ccnt eval: error: {error}", file=sys.stderr)
        return 2
    if args.part:
        needs = [n for n in needs if n.part == args.part]
    if not hybrid.available():
        print("ccnt eval: no passage vectors in this database: the hybrid figures equal the keyword ones "
              "(run `ccnt reindex --embeddings`)", file=sys.stderr)
    result = score(needs)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print_table(result)
    return 0 if result["figures"] else 1
