"""Roles: each target once. A target stated again later (the headline target repeated in the
body) is ``restated``; another body's goal quoted as context (实现国家2030年前碳达峰目标 in a city's
plan, 我国力争2060年前实现碳中和) is ``cited``; the rest are the policy's own ``target``s.

Two statements are the same target when they name the same quantity (the catalogue code, or the
subject phrase for ``other``), for the same year, with the same value, unit and metric kind. Rejected:
dropping repeats, which loses the statement a curator may want to see, and counting them, which
inflated a policy's target count and the monthly report.
"""

from __future__ import annotations

import re

from ..types import Target

# a goal of another body: the nation's (国家, 全国, 我国) or the Party centre's, quoted before the target
_CITED_RE = re.compile(r"(?:国家|全国|我国|中央|党中央|国务院)[^，。；;]{0,12}$")


def same_target_key(t: Target) -> tuple:
    name = t.indicator if t.indicator != "other" else (t.subject or t.indicator_name)
    return (name, t.target_year, t.value_low, t.value_high, t.unit, t.metric_kind, t.base_year)


def is_cited(t: Target, text: str) -> bool:
    """The clause before the target names another body as the goal's owner (国家2030年前碳达峰)."""
    clause = text[max(0, t.start - 20):t.start]
    cut = max(clause.rfind(c) for c in "，。；;\n")
    lead = re.split(r"\d", t.text, maxsplit=1)[0]  # 实现国家2030年前碳达峰目标: the span may start with the owner
    return bool(_CITED_RE.search(clause[cut + 1:] + lead))


def assign_roles(targets: list[Target], text: str) -> list[Target]:
    """Sets ``role`` on every target (in text order) and returns them."""
    seen: set[tuple] = set()
    for t in sorted(targets, key=lambda t: t.start):
        if is_cited(t, text):
            t.role = "cited"
            continue
        key = same_target_key(t)
        t.role = "restated" if key in seen else "target"
        seen.add(key)
    return targets
