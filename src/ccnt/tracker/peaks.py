"""The carbon-peak (碳达峰) years of places, side by side: a timeline grouped by year.

Invariant: a year appears only as a document states it — the target year of a curator-verified
``co2_peak`` target of a public policy, each entry linked to its sentence. A place without one is
listed as a gap, never given the national year. Machine-extracted peak targets are counted and
linked to the explorer, not placed on the timeline: extraction reads a sector's peak (公共机构,
工业领域) or a plan's period (2021—2023年度) as the place's peak year. Rejected: the machine targets
on the timeline beside the verified ones, which put 黑龙江 at 2023 and 贵州 at 2025.

One entry per place, the one ``insights.prefer`` picks (a 1+N plan's first, a plain year over a
力争 one, the newest policy); its other verified peak targets are listed with it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from . import insights
from .models import Jurisdiction, Target

PEAK = "co2_peak"
LEVELS = ("province", "city")


@dataclass
class Entry:
    place: Jurisdiction
    target: Target
    others: list[Target] = field(default_factory=list)


@dataclass
class Timeline:
    level: str
    years: list[tuple[int, list[Entry]]]  # ascending
    national: Target | None
    gaps: list[Jurisdiction]  # places of the level without a verified peak year (provinces only)
    unverified: int  # machine-extracted peak targets of places of the level, left off the timeline

    @property
    def places(self) -> int:
        return sum(len(entries) for _year, entries in self.years)


def _peak_targets():
    return insights.public_targets().select_related("policy__category").filter(
        indicator__code=PEAK, target_year__isnull=False)


def timeline(level: str = "province") -> Timeline:
    targets = list(_peak_targets())
    national = insights.prefer([t for t in targets if t.verified and insights.is_national(t)])
    by_place: dict[str, list[Target]] = defaultdict(list)
    unverified = 0
    for t in targets:
        place = t.policy.jurisdiction
        if insights.is_national(t) or place is None or place.level != level:
            continue
        if t.verified:
            by_place[place.adcode].append(t)
        else:
            unverified += 1
    by_year: dict[int, list[Entry]] = defaultdict(list)
    for group in by_place.values():
        chosen = insights.prefer(group)
        others = sorted((t for t in group if t.pk != chosen.pk), key=lambda t: (t.target_year, t.policy_id, t.order))
        by_year[chosen.target_year].append(Entry(chosen.policy.jurisdiction, chosen, others))
    for entries in by_year.values():
        entries.sort(key=lambda e: (e.target.year_comparator != "<", e.target.year_comparator != "<=",
                                    e.target.firmness == "stretch", e.place.adcode))
    gaps: list[Jurisdiction] = []
    if level == "province":
        from .matrix import matrix_provinces  # the 31 provincial-level divisions the matrix rows are

        gaps = [j for j in matrix_provinces() if j.adcode not in by_place]
    return Timeline(level, sorted(by_year.items()), national, gaps, unverified)
