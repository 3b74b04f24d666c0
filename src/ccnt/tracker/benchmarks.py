"""The one benchmark rule: which national target a target is compared with, and the verdict.

Pages (region page, target explorer, map), the API and the monthly report all ask this module;
none keeps a rule of its own.

*Like with like.* Two targets are compared only when they share the indicator (and, for an
``other`` target, the subject as written), the kind of quantity (share / intensity / absolute /
count / year), the metric kind, the base year, the normalised unit (its unit family and scale:
% is not 个百分点, 万千瓦 is not 万千瓦时), the period of a cumulative or annual-rate target, and
the target year (except for a year target — a peak year — where the year is the value).

*Verdict* (ambition, not size): ``above`` / ``below`` / ``equal`` the benchmark, or
``not_comparable``. The indicator's ``better`` orients the scale (increase, decrease, earlier);
a change is stored as a magnitude in its ``direction`` (下降14% is 14 with direction decrease);
a strict comparator is a little more than its number (">8%" is above "8%"; "≥8%" equals "8%").
A quantity that scales with the size of the place — an absolute total or a count in its own unit
— is never ranked against the national total: ``not_comparable``. A relative change of a total
(总量较2020年下降5%) is scale-free and is ranked.

*Which target is the benchmark*: a curator-verified target of a public national policy
(``insights.comparable_targets``), among several the one ``insights.prefer`` picks (a 1+N plan's
first, a plain value over a 力争 one, the newest policy). The monthly report asks with the national
targets known before its month ended. A city page also shows its province's like target, unranked.

Rejected alternatives: comparing on (indicator, year, metric kind, base year) alone — it ranked
Jiangsu's 9000万千瓦 below the national 12亿千瓦 and called ">8%" equal to "8%"; a report rule of
its own that compared raw values, so a lower coal share read as "高于国家目标".
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

ABOVE, BELOW, EQUAL, NOT_COMPARABLE = "above", "below", "equal", "not_comparable"
VERDICTS = (ABOVE, BELOW, EQUAL, NOT_COMPARABLE)
RELATIVE_UNITS = frozenset({"%", "pp", "‰"})
SCALE_FREE = frozenset({"share", "intensity", "year"})
PERIOD_KINDS = frozenset({"cumulative", "annual_rate"})
_STRICT = 1e-6  # how much more than its number a strict comparator (">", "<") asks


@dataclass(frozen=True)
class Measure:
    """What the rule reads of a target, whether a stored ``Target`` or a report's ``TargetFact``."""

    indicator: str
    subject: str
    quantity: str
    metric_kind: str
    base_year: int | None
    period_start: int | None
    unit: str
    year: int | None
    year_comparator: str
    low: float | None
    high: float | None
    comparator: str
    direction: str
    better: str

    @property
    def value(self) -> float | None:
        """One number: the midpoint of a range."""
        if self.low is None:
            return self.high
        if self.high is None:
            return self.low
        return (self.low + self.high) / 2

    @property
    def is_year(self) -> bool:
        return self.quantity == "year" or self.better == "earlier"

    def key(self) -> tuple:
        """Two targets with the same key measure the same thing the same way."""
        return (
            self.indicator, self.subject if self.indicator == "other" else "", self.quantity, self.metric_kind,
            self.base_year, self.unit, self.period_start if self.metric_kind in PERIOD_KINDS else None,
            None if self.is_year else self.year,
        )




def measure(t: Any) -> Measure:
    """A ``Measure`` of a stored target (``tracker.models.Target``) or a report's ``TargetFact``."""
    if hasattr(t, "target_year"):  # a stored Target
        low, high, unit = t.value_normalized_low, t.value_normalized_high, t.unit_normalized
        if low is None and high is None:
            low, high, unit = t.value_low, t.value_high, t.unit_normalized or t.unit
        return Measure(
            indicator=t.indicator.code, subject=t.subject or "", quantity=t.quantity,
            metric_kind=t.metric_kind, base_year=t.base_year, period_start=t.period_start, unit=unit,
            year=t.target_year, year_comparator=t.year_comparator or "=", low=low, high=high,
            comparator=t.comparator or "", direction=t.direction or "level", better=t.indicator.better or "",
        )
    low, high, unit = t.norm_low, t.norm_high, t.unit_normalized
    if low is None and high is None:
        low, high, unit = t.low, t.high, t.unit_normalized or t.unit
    return Measure(
        indicator=t.indicator, subject=t.subject, quantity=t.quantity, metric_kind=t.metric_kind,
        base_year=t.base_year, period_start=t.period_start, unit=unit, year=t.year,
        year_comparator=t.year_comparator or "=", low=low, high=high, comparator=t.comparator or "",
        direction=t.direction or "level", better=t.better,
    )


def ambition_score(m: Measure) -> float | None:
    """The target's ambition on one scale where more is more ambitious (the verdict's scale; the
    target explorer orders its rows by it)."""
    if m.is_year:
        if m.year is None:
            return None
        strict = _STRICT if m.year_comparator == "<" else 0.0
        return -m.year + strict
    v = m.value
    if v is None or m.better not in ("increase", "decrease"):
        return None
    if m.metric_kind == "level":
        sign = 1 if m.better == "increase" else -1
    else:  # a magnitude in its direction; a change without a stated direction is read as the better one
        sign = 1 if m.direction in ("level", m.better) else -1
    strict = {">": _STRICT, "<": -_STRICT}.get(m.comparator, 0.0) * max(1.0, abs(v))
    return sign * (v + strict)


def rankable(m: Measure) -> bool:
    """Whether the number means the same in a small and a large place (a share, an intensity, a
    year, or a relative change); an absolute total or a count does not."""
    return m.quantity in SCALE_FREE or m.unit in RELATIVE_UNITS


def verdict(target: Any, bench: Any) -> str | None:
    """``above`` / ``below`` / ``equal`` in ambition, ``not_comparable``, or None without a benchmark."""
    if bench is None:
        return None
    a, b = measure(target), measure(bench)
    if a.key() != b.key() or not rankable(a):
        return NOT_COMPARABLE
    sa, sb = ambition_score(a), ambition_score(b)
    if sa is None or sb is None:
        return NOT_COMPARABLE
    if math.isclose(sa, sb, rel_tol=1e-12, abs_tol=1e-12):
        return EQUAL
    return ABOVE if sa > sb else BELOW


# --- finding the benchmark ------------------------------------------------------------------

def _family(m: Measure) -> tuple:
    return (m.indicator, m.subject if m.indicator == "other" else "")


def _pick(like: list) -> Any | None:
    """Among like candidates, one with a number first, then ``insights.prefer``'s choice."""
    from .insights import prefer

    valued = [c for c in like if measure(c).value is not None]
    return prefer(valued) or prefer(like)


class Index:
    """Benchmark candidates grouped for lookup; ``find`` applies the rule above."""

    def __init__(self, candidates: list) -> None:
        from ccnt.analysis.targets.regions import allocated_to_place

        self.candidates = list(candidates)  # as given: ``cached_national_pool`` reads them back
        self.by_family: dict[tuple, list[tuple[Measure, Any]]] = defaultdict(list)
        for c in candidates:
            if allocated_to_place(getattr(c, "subject", "") or ""):
                continue  # a national plan's 北京…17%: the place's target, never the nation's benchmark
            m = measure(c)
            self.by_family[_family(m)].append((m, c))

    def like(self, target: Any) -> list:
        """Candidates that measure what ``target`` measures, the same way."""
        m = measure(target)
        return [c for cm, c in self.by_family.get(_family(m), []) if cm.key() == m.key()]

    def by_key(self) -> dict[tuple, Any]:
        """The benchmark for each key among the candidates (as ``find`` picks it)."""
        groups: dict[tuple, list] = defaultdict(list)
        for group in self.by_family.values():
            for m, c in group:
                groups[m.key()].append(c)
        return {key: _pick(like) for key, like in groups.items()}

    def find(self, target: Any) -> tuple[Any | None, str | None]:
        """(benchmark, verdict). A like candidate with a number first; else a like one without;
        else a candidate of the same indicator and target year, shown as ``not_comparable``;
        else (None, None): nothing to compare with."""
        from .insights import prefer

        like = self.like(target)
        if like:
            bench = _pick(like)
            return bench, verdict(target, bench)
        m = measure(target)
        same_year = [c for cm, c in self.by_family.get(_family(m), []) if cm.year == m.year]
        if same_year:
            return prefer(same_year), NOT_COMPARABLE
        return None, None


def national_pool(until: date | None = None) -> list:
    """The targets a benchmark may be: curator-verified targets of public national policies (of
    their current version); with ``until``, of policies dated before it (the monthly report)."""
    from django.db.models import Q

    from .insights import NATIONAL_ADCODE, comparable_targets

    national = Q(policy__level="national") | Q(policy__jurisdiction__adcode=NATIONAL_ADCODE)
    queryset = comparable_targets().select_related("policy__category").filter(national)
    if until is not None:
        queryset = queryset.filter(Q(policy__published_date__lt=until)
                                   | Q(policy__published_date__isnull=True, policy__signed_date__lt=until))
    return list(queryset.order_by("policy_id", "order", "id"))


def cached_national_pool() -> list:
    """``national_pool()`` as of now, computed once per state of the public data (and read from
    the cache at most once per request): the candidates the cached ``national_index`` was built
    from. Rejected: a cache entry of its own, which pickled the same 60 targets with their
    policies, places and indicators a second time on every cold page."""
    return national_index().candidates


def national_index() -> Index:
    """The national benchmarks, grouped once per state of the public data: the Index itself is
    cached, not rebuilt from the pool by every caller of every request."""
    from ccnt.search.index import per_generation

    # ":2": an Index cached by the version before ``candidates`` (a shared Redis) is never read
    return per_generation("benchmarks.national_index:2", lambda: Index(national_pool()))


def compare(target: Any, index: Index | None = None) -> tuple[Any | None, str | None]:
    """(national benchmark, verdict) for a public target: (None, None) for a national target itself
    or one no curator has verified (shown, never ranked)."""
    from .insights import is_national

    if not target.verified or is_national(target):
        return None, None
    return (index or national_index()).find(target)
