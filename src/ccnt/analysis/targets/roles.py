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

from ..indicators import fold_wording
from ..normalize import phrases_alike
from ..types import Target
from .patterns import LEVEL_RE, QUALIFIER_RE

# a goal of another body: the nation's (国家, 全国, 我国) or the Party centre's, quoted before the target
_CITED_RE = re.compile(r"(?:国家|全国|我国|中国|中央|党中央|国务院)[^，。；;]{0,12}$")


# 国家 as an attribute of what is counted, not the owner of the goal: 国家级…, 争创国家…基地, 国家…示范区,
# 国家储备林; 中央企业 (central state-owned firms) and 中央国家机关 are who acts, not the Party centre
_ATTRIBUTE_RE = re.compile(r"^(?:国家|全国)级|^中央(?:企业|国家机关)|^(?:国家|全国)[^，。；;]*?(?:基地|中心|园区|示范区|示范项目|"
                           r"试点|企业|工厂|平台|实验室|集群|城市|县|储备林|公园)")

# the nation's body states the goal earlier in the sentence (国家提出到2030年…的目标, 国家提出“力争…”)
_OWNER_SAYS_RE = re.compile(r"(?:国家|全国|我国|中国|中央|党中央|国务院|总书记)[^。；;\n]{0,30}?(?:提出|宣布|明确|承诺|作出|做出|部署)")
_OWNER_LEADS_RE = re.compile(r"\s*(?:国家|我国|党中央|中央|国务院)")
_PUBLISHED_RE = re.compile(r"印发|发布|出台|《")
_SAYS_RE = re.compile(r"提出|宣布|明确|承诺|作出|做出")
# …unless a local body takes the floor again before the target (国家提出…，我省要…)
_LOCAL_RE = re.compile(r"我省|我区|我市|我县|全省|全区|全市|全县|本省|本市|本区|各地")


def said_by_nation(t: Target, text: str) -> bool:
    """The sentence before the target reports the nation's goal (国家提出“力争2030年前实现碳达峰，
    2060年前实现碳中和”; 国家…提出到2030年非化石能源消费比重达到25%左右…的目标). Rejected: a fixed
    window of characters, which missed the second goal of a quoted pair."""
    floor = max(0, t.start - 200)  # bounded: a long paragraph without stops stays linear
    lo = max(text.rfind(c, floor, t.start) for c in "。；;\n") + 1
    before = text[max(lo, floor):t.start]
    said = None
    for m in _OWNER_SAYS_RE.finditer(before):
        said = m
    if said is None and _OWNER_LEADS_RE.match(before):
        # 国家坚决落实…，大力推进…，提出到2030年…: the nation is the subject of the whole sentence
        for m in _SAYS_RE.finditer(before):
            said = m
    if said is None or _PUBLISHED_RE.search(before):
        return False  # 国家能源局印发《…》，提出到2025年…: a summary of the document's own targets
    return not _LOCAL_RE.search(before, said.end())


def same_target_key(t: Target) -> tuple:
    """The quantity-free part of a target's identity: year, value and unit as normalised (万吨标煤 and
    万吨标准煤 are one unit), metric kind and base year."""
    value = t.value_normalized if t.value_normalized is not None else (t.value_low, t.value_high)
    if isinstance(value, list):
        value = tuple(value)
    unit = t.unit_normalized or t.unit
    return (t.target_year, value, unit, t.metric_kind, t.base_year)



def same_quantity(a: Target, b: Target) -> bool:
    """Two statements name the same quantity: the same catalogue code, or — both ``other`` — subjects
    worded alike (one holds the other, or they share a run of two thirds of the shorter; half for an
    amount, whose unit already says much: 可再生能源消费总量 / 可再生能源利用总量). Rejected: exact
    subject equality, which kept a table row that restates the text under other words as a new target."""
    if a.indicator != "other" or b.indicator != "other":
        return a.indicator == b.indicator
    x, y = fold_wording(a.subject or a.indicator_name), fold_wording(b.subject or b.indicator_name)
    if _qualifiers(x) != _qualifiers(y) and x not in y and y not in x:
        return False  # 冶金行业… / 建材行业…, 国家级集群 / 省级集群: a different sector or level is another target
    need = 0.5 if (a.unit_normalized or a.unit) not in ("%", "pp", "") else 2 / 3
    return phrases_alike(x, y, need, at_least=2)


def _qualifiers(subject: str) -> set[str]:
    """The sector, fuel, pollutant and level words of a subject."""
    return set(QUALIFIER_RE.findall(subject)) | set(LEVEL_RE.findall(subject))


def is_cited(t: Target, text: str, national: bool = False) -> bool:
    """The clause before the target names another body as the goal's owner (国家2030年前碳达峰).
    In a national text (``national``) 全国 and 我国 are the text's own scope, not another owner."""
    clause = text[max(0, t.start - 20):t.start]
    cut = max(clause.rfind(c) for c in "，。；;\n")
    lead = re.split(r"\d", t.text, maxsplit=1)[0]  # 实现国家2030年前碳达峰目标: the span may start with the owner
    owner = _CITED_RE.search(clause[cut + 1:] + lead)
    if owner is not None and _ATTRIBUTE_RE.search(owner.group(0)):
        owner = None  # 争创国家科技创新基地2家, 国家级示范区: the nation names the kind of thing counted
    if owner is not None and national and owner.group(0).startswith(("全国", "我国", "中国")):
        owner = None  # 全国能源生产总量达到44.1亿吨标准煤左右 in the nation's own energy guidance
    return owner is not None or said_by_nation(t, text)


def is_national_text(text: str) -> bool:
    """A text that never speaks of a province, city or county as itself (全省, 我市, 本区 …): the
    nation's. Rejected: the jurisdiction step's answer, which the target rules do not see (they
    stay a function of the text alone)."""
    return _SELF_LOCAL_RE.search(text) is None and "全国" in text


_SELF_LOCAL_RE = re.compile(r"我省|我区|我市|我县|全省|全区|全市|全县|本省|本市|本区|本县")


def assign_roles(targets: list[Target], text: str, allocated: frozenset[int] = frozenset()) -> list[Target]:
    """Sets ``role`` on every target (in text order) and returns them. ``allocated`` holds the ids of
    targets a plan hands down to places (regions.split_places): each place's is its own target, never a
    restatement of another place's with the same value (北京、天津…下降18%)."""
    seen: dict[tuple, list[Target]] = {}
    national = is_national_text(text)
    for t in sorted(targets, key=lambda t: t.start):
        if is_cited(t, text, national):
            t.role = "cited"
            continue
        if id(t) in allocated:
            t.role = "target"
            continue
        earlier = seen.setdefault(same_target_key(t), [])
        t.role = "restated" if any(same_quantity(e, t) for e in earlier) else "target"
        earlier.append(t)
    return targets
