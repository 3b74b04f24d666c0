"""How a predicted target is matched to a gold one, and precision / recall / F1.

Shared by ``evaluate.py`` (the gold files) and ``eval_dual_carbon.py`` (the dual-carbon gold).
Invariant: it imports neither of them, so each imports it at the top. The rejected alternative kept
the rules in ``evaluate.py``, which runs the dual-carbon section while ``eval_dual_carbon`` imported
``evaluate`` for these rules — a cycle hidden by imports inside ``evaluate``'s functions.
"""

from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path
from typing import Any

from ccnt.paths import PACKAGE_DIR, REPO_DIR

from .normalize import phrases_alike
from .types import Target

REPO_ROOT: Path = REPO_DIR  # the repository (parent of src/)
GOLD_DIR = REPO_ROOT / "eval" / "gold"
__all__ = ["GOLD_DIR", "PACKAGE_DIR", "REPO_ROOT", "attr", "match_targets", "names_match", "overlap", "prf", "values_match"]


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


def _pred_value_sets(p: Target | dict[str, Any]) -> list[tuple[float | None, float | None]]:
    get = p.get if isinstance(p, dict) else lambda k, d=None: getattr(p, k, d)
    low, high = get("value_low"), get("value_high")
    sets = [(low, high)]
    vn = get("value_normalized")
    if isinstance(vn, (list, tuple)) and len(vn) == 2:
        sets.append((vn[0], vn[1]))
    elif vn is not None:
        sets.append((vn, vn))
    return sets


def values_match(gold: dict[str, Any], pred: Target | dict[str, Any]) -> bool:
    gl, gh = gold.get("value_low"), gold.get("value_high")
    if gl is None and gh is not None:
        gl = gh
    if gh is None and gl is not None:
        gh = gl
    return any(_close(gl, pl) and _close(gh, ph) for pl, ph in _pred_value_sets(pred))


def attr(p: Target | dict[str, Any], key: str) -> Any:
    return p.get(key) if isinstance(p, dict) else getattr(p, key)


def overlap(g: dict[str, Any], p: Target | dict[str, Any]) -> int:
    return min(int(g["end"]), int(attr(p, "end"))) - max(int(g["start"]), int(attr(p, "start")))


_NAME_NOISE = re.compile(r"[\s的及和、（）()“”\"]")


def _name_key(name: str) -> str:
    """A subject phrase without spacing, brackets and joining words, full-width forms folded
    (地表水Ⅰ－Ⅲ类 and 地表水Ⅰ-Ⅲ类 are one phrase: the PDF and the annotator chose different widths)."""
    return _NAME_NOISE.sub("", unicodedata.normalize("NFKC", name or ""))


def names_match(gold: dict[str, Any], pred: Target | dict[str, Any]) -> bool:
    """The indicator agrees: the same catalogue code, or — when the gold says no catalogue entry fits
    (``other``) — the prediction says so too and names the same subject (one phrase contains the other,
    or they share a run of at least two thirds of the shorter). A target named 其他指标 without its
    subject is not right. Rejected: any ``other`` matching any ``other``, which scored
    "其他指标 500公里" as a correct name."""
    code = gold.get("indicator")
    if code != attr(pred, "indicator"):
        return False
    if code != "other":
        return True
    g = _name_key(gold.get("subject") or "")
    p = _name_key(attr(pred, "subject") or attr(pred, "indicator_name") or "")
    return phrases_alike(g, p, 2 / 3)


def match_targets(gold: list[dict[str, Any]], pred: list[Any], strict: bool = False) -> list[tuple[int, int]]:
    """One-to-one greedy matching; returns (gold index, prediction index) pairs. ``strict`` also
    requires the indicator to agree (``names_match``)."""
    candidates: list[tuple[int, int, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if g.get("target_year") != attr(p, "target_year"):
                continue
            ov = overlap(g, p)
            if ov <= 0 or not values_match(g, p):
                continue
            same = int(names_match(g, p))
            if strict and not same:
                continue
            candidates.append((-same, -ov, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _s, _o, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    pairs.sort()
    return pairs


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    r = tp / n_gold if n_gold else (1.0 if n_pred == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
