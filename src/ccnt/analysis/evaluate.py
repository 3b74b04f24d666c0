"""``ccnt eval [CORPUS]``: score the analysis against gold annotations.

Usage::

    ccnt eval [CORPUS] [--json] [--min-f1 0.85] [--min-jurisdiction 0.98] [--details]
              [--part dev|test] [--record PATH] [--no-dual-carbon] [--dual-carbon-gold DIR]

CORPUS is a folder of ``X.txt`` files (default: ``$CCNT_CORPUS_DIR``, else the repository's
``../shared/corpus``). The gold of ``X.txt`` is ``X.gold.jsonl`` beside it, else
``eval/gold/X.gold.jsonl`` in the repository; texts without gold are listed as skipped.
``eval/cases/`` (short texts of our own, gold beside them) is always evaluated too.

Gold format (see ``eval/ANNOTATION.md``): the first line with an ``adcode`` is the policy
(``adcode``, ``policy_type``, ``category``); every other line is a target.

Targets — a predicted target matches a gold target when the target year is equal, the
values are equal (gold ``value_low``/``value_high`` against the prediction's as-written
values or its normalised values, relative tolerance 1e-6; both empty for a peak or
neutrality commitment) and the spans overlap. Matching is one-to-one and greedy (pairs
that also agree on the indicator, then larger overlaps, first). Reported per file and
overall (micro-averaged): precision, recall, F1; *strict* precision/recall/F1, where the
indicator must agree too (a separate one-to-one matching); and the indicator accuracy
over the pairs of the first matching.

Policy facts — when ``ccnt.analysis.pipeline.analyse`` exists, each text is analysed with
its first line as the title, and ``eval/gold/titles.jsonl`` (lines ``{title, issuer?,
adcode, policy_type, category}``) is analysed title-only with the issuer hint; accuracy of
the jurisdiction (adcode), policy type and category is reported. Category labels in gold
may be codes or zh/en names from ``data/taxonomy.json``.

Exit status: 1 when the overall strict F1 is below ``--min-f1`` or the jurisdiction
accuracy (texts and titles together) is below ``--min-jurisdiction``; 0 otherwise. The
jurisdiction threshold is not applied when the pipeline is not available (reported).

Dual carbon — when ``CORPUS/dual-carbon`` and its gold (``eval/gold/dual-carbon``) exist, a second
section scores the PDFs there per part, dev and test apart (``eval_dual_carbon.py``): strict, loose
and passage F1, the share of targets named ``other`` and how often confident targets are right.
``--part`` keeps one part; ``--record PATH`` writes those figures with the date and commit as JSON
(``src/ccnt/data/accuracy.json`` feeds the public accuracy page). The thresholds above apply to the
repository's own gold only: the dual-carbon figures are reported, not gated.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ccnt.paths import DATA_DIR

from . import eval_dual_carbon
from .scoring import (
    GOLD_DIR,
    PACKAGE_DIR,
    REPO_ROOT,
    attr,
    match_targets,
    names_match,
    overlap,
    prf,
    values_match,
)
from .targets import extract_targets

# the matching rules stay importable from here for older callers
__all__ = [
    "GOLD_DIR",
    "PACKAGE_DIR",
    "REPO_ROOT",
    "build_parser",
    "main",
    "match_targets",
    "names_match",
    "overlap",
    "prf",
    "run",
    "values_match",
]

CASES_DIR = REPO_ROOT / "eval" / "cases"
ACTORS_DIR = REPO_ROOT / "eval" / "actors"
TAXONOMY = DATA_DIR / "taxonomy.json"


def default_corpus_dir() -> Path:
    env = os.environ.get("CCNT_CORPUS_DIR")
    if env:
        return Path(env)
    return (REPO_ROOT.parent / "shared" / "corpus").resolve()


# --------------------------------------------------------------------------- gold


@dataclass
class GoldFile:
    name: str
    text_path: Path
    gold_path: Path
    facts: dict[str, Any] = field(default_factory=dict)
    targets: list[dict[str, Any]] = field(default_factory=list)


def read_gold(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    facts: dict[str, Any] = {}
    targets: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: invalid JSON: {exc}") from exc
            if "adcode" in obj and not facts and "indicator" not in obj:
                facts = obj
            else:
                targets.append(obj)
    return facts, targets


def find_gold_files(corpus: Path, gold_dir: Path = GOLD_DIR) -> tuple[list[GoldFile], list[str]]:
    found: list[GoldFile] = []
    skipped: list[str] = []
    if not corpus.is_dir():
        return found, skipped
    for txt in sorted(corpus.glob("*.txt")):
        stem = txt.name[:-4]
        beside = corpus / f"{stem}.gold.jsonl"
        gold = beside if beside.is_file() else gold_dir / f"{stem}.gold.jsonl"
        if not gold.is_file():
            skipped.append(txt.name)
            continue
        facts, targets = read_gold(gold)
        found.append(GoldFile(txt.name, txt, gold, facts, targets))
    return found, skipped


# --------------------------------------------------------------------------- facts


def _category_labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    try:
        data = json.loads(TAXONOMY.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return labels
    for cat in data.get("categories", []):
        code = cat.get("code")
        if not code:
            continue
        for key in ("code", "zh", "en"):
            val = cat.get(key)
            if val:
                labels[_norm_label(val)] = code
    return labels


def _norm_label(s: str) -> str:
    return "".join(ch for ch in str(s).lower() if ch not in " “”\"'").strip()


def normalize_category(value: Any, labels: dict[str, str]) -> str:
    if not value:
        return ""
    return labels.get(_norm_label(value), str(value))


def load_pipeline():
    """``ccnt.analysis.pipeline.analyse`` or None when that module is not there (yet)."""
    try:
        mod = importlib.import_module("ccnt.analysis.pipeline")
    except ImportError:
        return None
    return getattr(mod, "analyse", None)


def _facts_of(analysis: Any) -> dict[str, str]:
    j = getattr(analysis, "jurisdiction", None)
    return {
        "adcode": str(getattr(j, "adcode", "") or "") if j is not None else "",
        "policy_type": str(getattr(analysis, "policy_type", "") or ""),
        "category": str(getattr(analysis, "category", "") or ""),
    }


@dataclass
class FactScore:
    n: int = 0
    jurisdiction: int = 0
    policy_type: int = 0
    category: int = 0
    errors: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def add(self, gold: dict[str, Any], got: dict[str, str], labels: dict[str, str], name: str) -> dict[str, bool]:
        self.n += 1
        ok = {
            "jurisdiction": str(gold.get("adcode", "")) == got["adcode"],
            "policy_type": (gold.get("policy_type") or "") == got["policy_type"],
            "category": normalize_category(gold.get("category"), labels) == normalize_category(got["category"], labels),
        }
        self.jurisdiction += ok["jurisdiction"]
        self.policy_type += ok["policy_type"]
        self.category += ok["category"]
        if not all(ok.values()):
            self.misses.append({"name": name, "gold": {k: gold.get(k) for k in ("adcode", "policy_type", "category")},
                                "got": got})
        return ok

    def as_dict(self) -> dict[str, Any]:
        def acc(k: int) -> float | None:
            return k / self.n if self.n else None
        return {"n": self.n, "jurisdiction_accuracy": acc(self.jurisdiction),
                "policy_type_accuracy": acc(self.policy_type), "category_accuracy": acc(self.category),
                "errors": self.errors}


# --------------------------------------------------------------------------- evaluation


@dataclass
class FileScore:
    name: str
    group: str
    n_gold: int
    n_pred: int
    tp: int
    tp_strict: int
    indicator_agree: int
    seconds: float
    facts_ok: dict[str, bool] | None = None
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    wrong_indicator: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self, details: bool = False) -> dict[str, Any]:
        p, r, f = prf(self.tp, self.n_pred, self.n_gold)
        sp, sr, sf = prf(self.tp_strict, self.n_pred, self.n_gold)
        d: dict[str, Any] = {
            "file": self.name, "group": self.group, "gold": self.n_gold, "predicted": self.n_pred,
            "matched": self.tp, "precision": p, "recall": r, "f1": f,
            "strict_matched": self.tp_strict, "strict_precision": sp, "strict_recall": sr, "strict_f1": sf,
            "indicator_accuracy": self.indicator_agree / self.tp if self.tp else None,
            "seconds": round(self.seconds, 4),
        }
        if self.facts_ok is not None:
            d["facts"] = self.facts_ok
        if details:
            d["missed"] = self.missed
            d["spurious"] = self.spurious
            d["wrong_indicator"] = self.wrong_indicator
        return d


def _brief(t: Any) -> dict[str, Any]:
    keys = ("indicator", "target_year", "value_low", "value_high", "unit", "comparator", "start", "end", "text")
    return {k: attr(t, k) if not isinstance(t, dict) else t.get(k) for k in keys}


def evaluate_file(gf: GoldFile, group: str, analyse=None, labels: dict[str, str] | None = None,
                  facts: FactScore | None = None) -> FileScore:
    text = gf.text_path.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    preds = extract_targets(text)
    dt = time.perf_counter() - t0
    pairs = match_targets(gf.targets, preds)
    strict_pairs = match_targets(gf.targets, preds, strict=True)
    agree = sum(1 for gi, pi in pairs if gf.targets[gi].get("indicator") == preds[pi].indicator)
    score = FileScore(gf.name, group, len(gf.targets), len(preds), len(pairs), len(strict_pairs), agree, dt)
    mg = {gi for gi, _ in pairs}
    mp = {pi for _, pi in pairs}
    score.missed = [_brief(g) for i, g in enumerate(gf.targets) if i not in mg]
    score.spurious = [_brief(p) for i, p in enumerate(preds) if i not in mp]
    score.wrong_indicator = [
        {"gold": gf.targets[gi].get("indicator"), "predicted": preds[pi].indicator, "text": preds[pi].text}
        for gi, pi in pairs if gf.targets[gi].get("indicator") != preds[pi].indicator
    ]
    if analyse is not None and gf.facts and facts is not None:
        title = text.split("\n", 1)[0].strip()
        try:
            analysis = analyse(text, title=title)
            score.facts_ok = facts.add(gf.facts, _facts_of(analysis), labels or {}, gf.name)
        except Exception as exc:  # noqa: BLE001 - a crash is a miss, reported, not fatal
            facts.errors += 1
            facts.add(gf.facts, {"adcode": "", "policy_type": "", "category": ""}, labels or {}, gf.name)
            facts.misses[-1]["error"] = f"{type(exc).__name__}: {exc}"
    return score


def evaluate_titles(path: Path, analyse, labels: dict[str, str]) -> FactScore:
    score = FactScore()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            gold = json.loads(line)
            title = gold.get("title", "")
            try:
                analysis = analyse(title, title=title, issuer=gold.get("issuer") or None)
                got = _facts_of(analysis)
            except Exception as exc:  # noqa: BLE001
                score.errors += 1
                got = {"adcode": "", "policy_type": "", "category": "", "error": f"{type(exc).__name__}: {exc}"}
            score.add(gold, got, labels, title)
    return score


@dataclass
class ActorScore:
    """Actor attribution (the text analysed as its actor's) and recognition (names found)."""

    n: int = 0
    attributed: int = 0
    mentions_gold: int = 0
    mentions_pred: int = 0
    mentions_matched: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def add(self, gf: GoldFile, analyse) -> None:
        text = gf.text_path.read_text(encoding="utf-8")
        title = text.split("\n", 1)[0].strip()
        actor = gf.facts.get("actor")
        pa = analyse(text, title=title, actor=actor) if actor else analyse(text, title=title)
        if actor:
            self.n += 1
            ok = pa.actor is not None and pa.actor.name == actor and pa.jurisdiction is None
            self.attributed += ok
            if not ok:
                self.misses.append({"name": gf.name, "gold_actor": actor, "got": getattr(pa.actor, "name", None)})
        gold = set(gf.facts.get("actors") or [])
        got = {m.name for m in pa.actors}
        self.mentions_gold += len(gold)
        self.mentions_pred += len(got)
        self.mentions_matched += len(gold & got)
        if gold != got:
            self.misses.append({"name": gf.name, "missed": sorted(gold - got), "spurious": sorted(got - gold)})

    def as_dict(self) -> dict[str, Any]:
        p, r, f = prf(self.mentions_matched, self.mentions_pred, self.mentions_gold)
        return {"n": self.n, "attribution_accuracy": self.attributed / self.n if self.n else None,
                "recognition_precision": p, "recognition_recall": r, "recognition_f1": f, "misses": self.misses}


def run(corpus: Path, include_cases: bool = True, gold_dir: Path = GOLD_DIR,
        cases_dir: Path = CASES_DIR, titles_path: Path | None = None, use_pipeline: bool = True,
        actors_dir: Path = ACTORS_DIR) -> dict[str, Any]:
    analyse = load_pipeline() if use_pipeline else None
    labels = _category_labels()
    text_facts = FactScore()
    groups: list[tuple[str, Path]] = [("corpus", corpus)]
    if include_cases and cases_dir.is_dir() and cases_dir.resolve() != corpus.resolve():
        groups.append(("cases", cases_dir))
    if include_cases and actors_dir.is_dir() and actors_dir.resolve() != corpus.resolve():
        groups.append(("actors", actors_dir))
    files: list[FileScore] = []
    skipped: list[str] = []
    actor_score = ActorScore() if analyse is not None else None
    for group, folder in groups:
        found, skip = find_gold_files(folder, gold_dir)
        skipped += [f"{group}/{s}" for s in skip]
        for gf in found:
            if group == "actors":  # no jurisdiction / type / category facts: the actor's instead
                files.append(evaluate_file(gf, group))
                if actor_score is not None:
                    actor_score.add(gf, analyse)
                continue
            files.append(evaluate_file(gf, group, analyse, labels, text_facts))
    tp = sum(f.tp for f in files)
    tps = sum(f.tp_strict for f in files)
    ng = sum(f.n_gold for f in files)
    npred = sum(f.n_pred for f in files)
    agree = sum(f.indicator_agree for f in files)
    p, r, f1 = prf(tp, npred, ng)
    sp, sr, sf = prf(tps, npred, ng)
    overall = {"files": len(files), "gold": ng, "predicted": npred, "matched": tp, "precision": p, "recall": r,
               "f1": f1, "strict_matched": tps, "strict_precision": sp, "strict_recall": sr, "strict_f1": sf,
               "indicator_accuracy": agree / tp if tp else None}
    per_group = {}
    for group, _ in groups:
        fs = [f for f in files if f.group == group]
        if not fs:
            continue
        gp, gr, gf1 = prf(sum(f.tp for f in fs), sum(f.n_pred for f in fs), sum(f.n_gold for f in fs))
        _, _, gsf = prf(sum(f.tp_strict for f in fs), sum(f.n_pred for f in fs), sum(f.n_gold for f in fs))
        per_group[group] = {"precision": gp, "recall": gr, "f1": gf1, "strict_f1": gsf}
    result: dict[str, Any] = {
        "corpus": str(corpus),
        "files": files,
        "skipped": skipped,
        "overall": overall,
        "groups": per_group,
        "pipeline": analyse is not None,
        "facts": text_facts if analyse is not None else None,
        "titles": None,
        "actors": actor_score.as_dict() if actor_score is not None and (actor_score.n or actor_score.mentions_gold)
        else None,
    }
    titles_path = titles_path or gold_dir / "titles.jsonl"
    if analyse is not None and titles_path.is_file():
        result["titles"] = evaluate_titles(titles_path, analyse, labels)
    return result


def jurisdiction_accuracy(result: dict[str, Any]) -> float | None:
    n = ok = 0
    for key in ("facts", "titles"):
        fs: FactScore | None = result.get(key)
        if fs is not None and fs.n:
            n += fs.n
            ok += fs.jurisdiction
    return ok / n if n else None


def to_json(result: dict[str, Any], details: bool = False) -> dict[str, Any]:
    out = dict(result)
    out["files"] = [f.as_dict(details) for f in result["files"]]
    for key in ("facts", "titles"):
        fs = result.get(key)
        if fs is not None:
            d = fs.as_dict()
            if details:
                d["misses"] = fs.misses
            out[key] = d
    out["jurisdiction_accuracy"] = jurisdiction_accuracy(result)
    return out


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def print_table(result: dict[str, Any], details: bool = False, out=None) -> None:
    w = (out or sys.stdout).write
    w(f"corpus: {result['corpus']}\n")
    header = f"{'file':40s} {'gold':>5s} {'pred':>5s} {'match':>5s} {'P':>7s} {'R':>7s} {'F1':>7s} {'strictF1':>9s} {'ind.acc':>8s}  facts\n"
    w(header)
    w("-" * (len(header) + 6) + "\n")
    for f in result["files"]:
        d = f.as_dict()
        name = f"{f.group}/{f.name}"
        if len(name) > 40:
            name = name[:39] + "…"
        facts = ""
        if f.facts_ok is not None:
            facts = " ".join(f"{k[:4]}:{'ok' if v else 'NO'}" for k, v in f.facts_ok.items())
        # CJK characters are double width in terminals: pad by display width
        pad = 40 - sum(2 if ord(c) > 0x2e80 else 1 for c in name)
        w(f"{name}{' ' * max(1, pad + 1)}{f.n_gold:5d} {f.n_pred:5d} {f.tp:5d} {_pct(d['precision']):>7s} "
          f"{_pct(d['recall']):>7s} {_pct(d['f1']):>7s} {_pct(d['strict_f1']):>9s} {_pct(d['indicator_accuracy']):>8s}  {facts}\n")
        if details:
            for m in f.missed:
                w(f"    MISSED  {m['target_year']} {m['indicator']} {m['value_low']}-{m['value_high']} {m['unit']} | {m['text']}\n")
            for s in f.spurious:
                w(f"    EXTRA   {s['target_year']} {s['indicator']} {s['value_low']}-{s['value_high']} {s['unit']} | {s['text']}\n")
            for x in f.wrong_indicator:
                w(f"    INDIC   gold {x['gold']} / predicted {x['predicted']} | {x['text']}\n")
    o = result["overall"]
    w("-" * (len(header) + 6) + "\n")
    w(f"{'overall':40s} {o['gold']:5d} {o['predicted']:5d} {o['matched']:5d} {_pct(o['precision']):>7s} "
      f"{_pct(o['recall']):>7s} {_pct(o['f1']):>7s} {_pct(o['strict_f1']):>9s} {_pct(o['indicator_accuracy']):>8s}\n")
    for g, s in result["groups"].items():
        w(f"  {g}: P {_pct(s['precision'])} R {_pct(s['recall'])} F1 {_pct(s['f1'])} strict F1 {_pct(s['strict_f1'])}\n")
    if result["skipped"]:
        w(f"skipped (no gold): {', '.join(result['skipped'])}\n")
    if not result["pipeline"]:
        w("policy facts: ccnt.analysis.pipeline is not available — jurisdiction/type/category not scored\n")
    for key, label in (("facts", "policy facts (texts)"), ("titles", "policy facts (titles.jsonl)")):
        fs: FactScore | None = result.get(key)
        if fs is None or not fs.n:
            continue
        d = fs.as_dict()
        w(f"{label}: n={fs.n} jurisdiction {_pct(d['jurisdiction_accuracy'])}  type {_pct(d['policy_type_accuracy'])}"
          f"  category {_pct(d['category_accuracy'])}" + (f"  errors {fs.errors}" if fs.errors else "") + "\n")
        if details:
            for m in fs.misses[:50]:
                w(f"    {m['name']}: gold {m['gold']} got {m['got']}\n")
    ja = jurisdiction_accuracy(result)
    if ja is not None:
        w(f"jurisdiction accuracy (all): {_pct(ja)}\n")
    actors = result.get("actors")
    if actors:
        w(f"actors: n={actors['n']} attribution {_pct(actors['attribution_accuracy'])}  recognition "
          f"P {_pct(actors['recognition_precision'])} R {_pct(actors['recognition_recall'])}"
          f" F1 {_pct(actors['recognition_f1'])}\n")
        if details:
            for m in actors["misses"]:
                w(f"    {m}\n")


# --------------------------------------------------------------------------- short texts


SUMMARIES_DIR = REPO_ROOT / "eval" / "summaries"
PARTS = ("dev", "test")


def run_summaries(folder: Path = SUMMARIES_DIR, parts: tuple[str, ...] = PARTS) -> dict[str, Any]:
    """Short texts (news ledes, interpretations, goal paragraphs), dev and test parts scored apart.

    ``eval/summaries/dev`` and ``eval/summaries/test`` hold short texts written and annotated from
    ``eval/ANNOTATION.md`` by people who had not read the extractor (one writer per part). Rules may be
    tuned on ``dev``; ``test`` is only scored, and only aggregates are returned — its misses are never
    listed. Rejected: adding them to ``eval/cases``, whose texts pin down rules under a threshold."""
    analyse = load_pipeline()
    labels = _category_labels()
    out: dict[str, Any] = {}
    for part in parts:
        found, _skipped = find_gold_files(folder / part)
        if not found:
            continue
        facts = FactScore()
        files = [evaluate_file(gf, part, analyse, labels, facts) for gf in found]
        gold = sum(f.n_gold for f in files)
        pred = sum(f.n_pred for f in files)
        _, _, loose = prf(sum(f.tp for f in files), pred, gold)
        _, _, strict = prf(sum(f.tp_strict for f in files), pred, gold)
        out[part] = {"texts": len(files), "gold": gold, "predicted": pred, "loose_f1": loose,
                     "strict_f1": strict, "jurisdiction_accuracy": facts.as_dict()["jurisdiction_accuracy"]}
    return out


def print_summaries(result: dict[str, Any], out: TextIO) -> None:
    out.write("summaries (eval/summaries; test part: aggregate figures only)\n")
    out.write("part  texts gold pred   strict F1  loose F1  jurisdiction\n")
    for part, f in result.items():
        ja = "-" if f["jurisdiction_accuracy"] is None else f"{f['jurisdiction_accuracy']:.1%}"
        out.write(f"{part:5} {f['texts']:5} {f['gold']:4} {f['predicted']:4}   {f['strict_f1']:8.1%}"
                  f"  {f['loose_f1']:8.1%}  {ja:>12}\n")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="ccnt eval", description="Score the analysis against gold annotations.")
    ap.add_argument("corpus", nargs="?", help="folder of X.txt files (default: $CCNT_CORPUS_DIR or ../shared/corpus)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--min-f1", type=float, default=0.85, help="fail below this overall strict F1 (default 0.85)")
    ap.add_argument("--min-jurisdiction", type=float, default=0.98,
                    help="fail below this jurisdiction accuracy (default 0.98)")
    ap.add_argument("--details", action="store_true", help="list missed, extra and wrong-indicator targets")
    ap.add_argument("--no-cases", action="store_true", help="do not add eval/cases/")
    ap.add_argument("--no-pipeline", action="store_true", help="score targets only")
    ap.add_argument("--part", choices=("dev", "test"), help="dual carbon: score this part only (default both)")
    ap.add_argument("--record", metavar="PATH", help="dual carbon: write the figures (date, commit, parts, "
                    "calibration) to this JSON file")
    ap.add_argument("--no-dual-carbon", action="store_true", help="skip the dual-carbon section")
    ap.add_argument("--dual-carbon-gold", metavar="DIR", help="dual-carbon gold folder (default eval/gold/dual-carbon)")
    ap.add_argument("--no-summaries", action="store_true", help="skip the short texts of eval/summaries")
    ap.add_argument("--search", action="store_true",
                    help="score the search instead, on the configured database (the demo): recall@10 and MRR "
                    "of the hybrid and the keyword mode for the needs of eval/search/needs.jsonl")
    ap.add_argument("--needs", metavar="PATH", help="--search: the information needs (default eval/search/needs.jsonl)")
    return ap


def dual_carbon_section(args: argparse.Namespace, corpus: Path) -> dict[str, Any] | None:
    """The dual-carbon figures, or None when skipped or when the originals or gold are absent."""
    gold = Path(args.dual_carbon_gold) if args.dual_carbon_gold else eval_dual_carbon.DUAL_CARBON_GOLD
    if args.dual_carbon_gold and not gold.is_dir():
        raise ValueError(f"{gold}: dual-carbon gold folder not found")
    originals = corpus / "dual-carbon"
    if args.no_dual_carbon or not gold.is_dir() or not originals.is_dir():
        return None
    result = eval_dual_carbon.run(originals, gold, parts=[args.part] if args.part else eval_dual_carbon.PARTS)
    if args.record:
        eval_dual_carbon.record(result, Path(args.record))
    return result


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    corpus = Path(args.corpus) if args.corpus else default_corpus_dir()
    if not corpus.is_dir():
        print(f"ccnt eval: corpus folder not found: {corpus}", file=sys.stderr)
        return 2
    try:
        result = run(corpus, include_cases=not args.no_cases, use_pipeline=not args.no_pipeline)
    except ValueError as exc:  # a malformed gold file: named with its line, no traceback
        print(f"ccnt eval: error: {exc}", file=sys.stderr)
        return 2
    strict_f1 = result["overall"]["strict_f1"]
    ja = jurisdiction_accuracy(result)
    failures = []
    if result["overall"]["gold"] == 0 and result["overall"]["predicted"] == 0:
        failures.append("no gold found")
    if strict_f1 < args.min_f1:
        failures.append(f"strict F1 {strict_f1:.3f} < {args.min_f1}")
    if ja is not None and ja < args.min_jurisdiction:
        failures.append(f"jurisdiction accuracy {ja:.3f} < {args.min_jurisdiction}")
    try:
        dual = dual_carbon_section(args, corpus)
    except ValueError as exc:
        print(f"ccnt eval: error: {exc}", file=sys.stderr)
        return 2
    summaries = None if args.no_summaries else run_summaries(parts=(args.part,) if args.part else PARTS) or None
    if args.record and dual is None:
        print("ccnt eval: --record needs the dual-carbon originals and gold", file=sys.stderr)
    if args.json:
        out = to_json(result, details=args.details)
        out["dual_carbon"] = dual
        out["summaries"] = summaries
        out["thresholds"] = {"min_f1": args.min_f1, "min_jurisdiction": args.min_jurisdiction}
        out["failures"] = failures
        out["passed"] = not failures
        print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    else:
        print_table(result, details=args.details)
        if dual is not None:
            eval_dual_carbon.print_section(dual, sys.stdout)
        if summaries is not None:
            print_summaries(summaries, sys.stdout)
        print("PASS" if not failures else "FAIL: " + "; ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
