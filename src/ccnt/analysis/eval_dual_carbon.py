"""The dual-carbon evaluation: the extractor scored on real PDFs, dev and test parts apart.

Gold lives in ``eval/gold/dual-carbon/*.gold.jsonl``: the first line names the original (``file``,
relative to the corpus's ``dual-carbon/`` folder) and its ``part`` (``dev`` or ``test``); every
other line is a target statement. Per part this module counts:

- *strict*: year, value, overlapping span and the indicator (``scoring.names_match``);
- *loose*: year, value and overlapping span;
- *passage*: an overlapping span alone;
- *other*: the share of predicted targets named ``other``;

and, for the calibration of ``confidence.py``, how often the predictions at each confidence are
strictly right. Predictions are the ``targets``, ``restated`` and ``cited`` lists together, since
the gold counts every annotated statement whatever its role.

Invariant: the test part is only ever reduced to aggregate figures here — no function returns or
prints a test document's individual errors (``errors()`` refuses it). Originals are parsed through
the parse cache (``ingest/parse_cache.py``), so a second run costs the analysis only. Rejected:
scoring ``extract_targets`` alone (the pipeline's later steps, ``confidence`` among them, would go
unmeasured) and a separate script (``ccnt eval`` is where figures are read).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .confidence import CONFIDENT
from .pipeline import analyse
from .scoring import GOLD_DIR, REPO_ROOT, match_targets, overlap, prf
from .types import PolicyAnalysis, Target

DUAL_CARBON_GOLD = GOLD_DIR / "dual-carbon"
PARTS = ("dev", "test")
BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)


@dataclass
class GoldDocument:
    path: Path
    head: dict[str, Any]
    targets: list[dict[str, Any]]

    @property
    def part(self) -> str:
        return str(self.head.get("part", ""))

    @property
    def file(self) -> str:
        return str(self.head.get("file", ""))


@dataclass
class PartScore:
    docs: int = 0
    gold: int = 0
    pred: int = 0
    strict: int = 0
    loose: int = 0
    passage: int = 0
    other: int = 0
    role_ok: int = 0  # strictly matched pairs whose role (target / restated / cited) agrees
    missing: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        sp, sr, sf = prf(self.strict, self.pred, self.gold)
        lp, lr, lf = prf(self.loose, self.pred, self.gold)
        pp, pr, pf = prf(self.passage, self.pred, self.gold)
        return {
            "docs": self.docs, "gold": self.gold, "predicted": self.pred,
            "strict_precision": sp, "strict_recall": sr, "strict_f1": sf,
            "loose_precision": lp, "loose_recall": lr, "loose_f1": lf,
            "passage_precision": pp, "passage_recall": pr, "passage_f1": pf,
            "share_other": self.other / self.pred if self.pred else 0.0,
            "role_accuracy": self.role_ok / self.strict if self.strict else None,
            "missing_originals": len(self.missing),
        }


@dataclass
class Judged:
    """One prediction and whether it was strictly right: the unit of calibration."""

    target: Target
    right: bool


def read_gold_documents(gold_dir: Path = DUAL_CARBON_GOLD) -> list[GoldDocument]:
    """The gold documents of ``gold_dir``; a malformed file raises ``ValueError`` naming the file
    and line (``ccnt eval`` prints it and stops: a score over part of the gold would mislead)."""
    docs = []
    for path in sorted(gold_dir.glob("*.gold.jsonl")):
        lines = []
        for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not raw.strip():
                continue
            try:
                lines.append(json.loads(raw))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: invalid JSON: {exc}") from exc
        if lines and not {"file", "part"} <= set(lines[0]):
            raise ValueError(f"{path}:1: the first line must name the original's \"file\" and its \"part\"")
        if lines:
            docs.append(GoldDocument(path, lines[0], lines[1:]))
    return docs


def analyse_original(path: Path) -> PolicyAnalysis:
    """Parse (through the cache) and analyse one original, as ingest would.

    The one import of the analysis from outside itself, and declared as such in the import
    contract (pyproject.toml): an evaluation harness reading real originals (PDF, DOCX) needs the
    parser, which is Django-free. Rejected: a copy of the parser here. It stays inside the function
    so ``ccnt extract`` and the pipeline never load the parsers.
    """
    from ccnt.ingest.parse_cache import cached_parse

    parsed = cached_parse(path.read_bytes(), name=path.name)
    return analyse(parsed.text)


def predictions(pa: PolicyAnalysis) -> list[Target]:
    return [*pa.targets, *pa.restated, *pa.cited]


def passage_matches(gold: list[dict[str, Any]], pred: list[Target]) -> int:
    """One-to-one: each gold statement takes the first unused prediction whose span overlaps it."""
    used: set[int] = set()
    found = 0
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and p.start is not None and overlap(g, p) > 0:
                used.add(i)
                found += 1
                break
    return found


def judge(gold: list[dict[str, Any]], pred: list[Target],
          strict_pairs: list[tuple[int, int]] | None = None) -> list[Judged]:
    """Each prediction with whether it was strictly right (``strict_pairs`` when already matched)."""
    pairs = match_targets(gold, pred, strict=True) if strict_pairs is None else strict_pairs
    right = {pi for _gi, pi in pairs}
    return [Judged(p, i in right) for i, p in enumerate(pred)]


def analysed_documents(corpus: Path, gold_dir: Path = DUAL_CARBON_GOLD,
                       parts: Iterable[str] = PARTS) -> Iterator[tuple[GoldDocument, PolicyAnalysis | None]]:
    """Each gold document of ``parts`` with its analysis (None when the original is missing)."""
    wanted = set(parts)
    for doc in read_gold_documents(gold_dir):
        if doc.part not in wanted:
            continue
        original = corpus / doc.file
        yield doc, analyse_original(original) if original.is_file() else None


def calibration_table(judged: list[Judged]) -> dict[str, Any]:
    """Per confidence bin: predictions and the share strictly right; and the same at ``CONFIDENT``."""
    bins = []
    for low, high in zip(BINS, BINS[1:], strict=False):
        inside = [j for j in judged if low <= (j.target.confidence or 0.0) < high]
        right = sum(j.right for j in inside)
        bins.append({"from": low, "to": min(high, 1.0), "n": len(inside), "right": right,
                     "precision": right / len(inside) if inside else None})
    sure = [j for j in judged if (j.target.confidence or 0.0) >= CONFIDENT]
    right = sum(j.right for j in sure)
    return {"threshold": CONFIDENT, "n": len(sure), "right": right,
            "precision": right / len(sure) if sure else None,
            "coverage": len(sure) / len(judged) if judged else None, "bins": bins}


def run(corpus: Path, gold_dir: Path = DUAL_CARBON_GOLD, parts: Iterable[str] = PARTS) -> dict[str, Any]:
    """Figures per part and the calibration table per part (aggregates only)."""
    parts = [p for p in PARTS if p in set(parts)]
    scores = {part: PartScore() for part in parts}
    judged: dict[str, list[Judged]] = {part: [] for part in parts}
    for doc, pa in analysed_documents(corpus, gold_dir, parts):
        score = scores[doc.part]
        score.docs += 1
        score.gold += len(doc.targets)
        if pa is None:
            score.missing.append(doc.file)
            continue
        pred = predictions(pa)
        score.pred += len(pred)
        strict_pairs = match_targets(doc.targets, pred, strict=True)
        score.strict += len(strict_pairs)
        score.role_ok += sum(1 for gi, pi in strict_pairs if doc.targets[gi].get("role", "target") == pred[pi].role)
        score.loose += len(match_targets(doc.targets, pred))
        score.passage += passage_matches(doc.targets, pred)
        score.other += sum(1 for p in pred if p.indicator == "other")
        judged[doc.part] += judge(doc.targets, pred, strict_pairs)
    return {
        "corpus": str(corpus),
        "parts": {part: scores[part].figures() for part in parts},
        "calibration": {part: calibration_table(judged[part]) for part in parts},
    }


def current_commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(REPO_ROOT), "describe", "--always", "--dirty", "--abbrev=7"],
                             capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip()


def record(result: dict[str, Any], path: Path, today: date | None = None, commit: str | None = None) -> dict[str, Any]:
    """Write the figures (date, commit, per part, calibration) as JSON for the accuracy page."""
    data = {
        "date": (today or date.today()).isoformat(),
        "commit": current_commit() if commit is None else commit,
        "threshold": CONFIDENT,
        "parts": result["parts"],
        "calibration": result["calibration"],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return data


def print_section(result: dict[str, Any], out) -> None:
    w = out.write
    w("dual-carbon (eval/gold/dual-carbon; test part: aggregate figures only)\n")
    w("part  docs gold pred   strict F1  loose F1  passage F1  named 'other'  role agrees  conf≥0.8 right\n")
    for part, f in result["parts"].items():
        cal = result["calibration"][part]
        sure = "-" if cal["precision"] is None else f"{cal['precision']:.1%} of {cal['n']}"
        role = "-" if f.get("role_accuracy") is None else f"{f['role_accuracy']:.1%}"
        w(f"{part:5} {f['docs']:4} {f['gold']:4} {f['predicted']:4}   {f['strict_f1']:8.1%}  {f['loose_f1']:8.1%}"
          f"  {f['passage_f1']:10.1%}  {f['share_other']:13.1%}  {role:>11}  {sure}\n")
        if f["missing_originals"]:
            w(f"      {f['missing_originals']} original(s) not found under {result['corpus']}\n")


def errors(corpus: Path, gold_dir: Path = DUAL_CARBON_GOLD) -> Iterator[str]:
    """The dev part's misses, wrong names and false alarms, one line each (never the test part's)."""
    for doc, pa in analysed_documents(corpus, gold_dir, parts=("dev",)):
        if pa is None:
            continue
        gold, pred = doc.targets, predictions(pa)
        strict = dict(match_targets(gold, pred, strict=True))
        loose = dict(match_targets(gold, pred))
        yield f"== {doc.file}"
        for gi, g in enumerate(gold):
            if gi in strict:
                p = pred[strict[gi]]
                if g.get("role", "target") != p.role:
                    yield f"  ROLE gold {g.get('role')} pred {p.role}  「{g['text']}」"
                continue
            if gi in loose:
                p = pred[loose[gi]]
                yield (f"  NAME gold {g['indicator']}/{g.get('subject')} pred {p.indicator}/"
                       f"{p.subject or p.indicator_name}  「{g['text']}」")
            else:
                yield (f"  MISS {g['target_year']} {g['value_low']}{g['unit']} {g['indicator']}/{g.get('subject')}"
                       f"  「{g['text']}」")
        matched = set(strict.values()) | set(loose.values())
        for pi, p in enumerate(pred):
            if pi not in matched:
                yield (f"  FALSE {p.target_year} {p.value_low}{p.unit} {p.indicator}/"
                       f"{p.subject or p.indicator_name} conf {p.confidence:.2f}  「{p.text}」")
