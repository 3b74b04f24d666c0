"""Targets allocated to places: a plan that hands its target down to the places under it.

Chinese plans allocate a target by place in two shapes, and the annotators count one target per place:

* a group of places before the quantity, then groups with the quantity left out (广州、深圳、珠海单位地区
  生产总值二氧化碳排放下降23%，惠州、江门、肇庆下降21.5%): each place of each group gets the value;
* a list of place and value pairs after a lead that names the quantity (全省煤炭消费总量减少3200万吨，
  各设区市削减目标为：南京市480万吨、无锡市360万吨…): each pair is a target of that quantity.

So a target whose subject opens with places is split into one target per place, each named place +
quantity (南京市煤炭消费总量), the quantity taken from the subject itself or, left out, from the lead
(the nearest earlier target of the same paragraph whose subject names no place). Rejected: keeping one
target per group (its subject a list of six cities, compared with nothing) and dropping the pairs,
which lost every allocation of a national or provincial plan.
"""

from __future__ import annotations

import dataclasses
import re

from ..gazetteer import Gazetteer
from ..types import Target
from .document import Doc
from .naming import name_subject
from .sections import heading_rank
from .subject import clean_subject
from .values import unit_family

_SEPARATORS = "、和及与"
_LEVELS = ("province", "city", "county")


def leading_places(gazetteer: Gazetteer, subject: str) -> tuple[list[str], str]:
    """The place names a subject opens with, as written, and the rest (广州、深圳单位GDP二氧化碳排放 →
    [广州, 深圳], 单位GDP二氧化碳排放). A place must be followed by a separator or end the list; any
    name the gazetteer knows counts, short or lone (江门), since a list of them vouches for each.
    Rejected: the gazetteer's resolved mentions, which drop lone short names without a parent nearby."""
    names: list[str] = []
    pos = 0
    while pos < len(subject):
        hit = gazetteer.place_name_at(subject, pos)
        if hit is None or not any(p.level in _LEVELS for p in hit[1]):
            break
        surface = hit[0]
        names.append(surface)
        pos += len(surface)
        if pos < len(subject) and subject[pos] in _SEPARATORS:
            pos += 1
            continue
        break
    if subject[pos - 1:pos] in _SEPARATORS:  # 广州、深圳、的… : the list did not end on a place
        return [], subject
    return names, subject[pos:]


_MAX_LIST_LINES = 40
_PLACE_VALUE_LINE_RE = re.compile(r"^[\u4e00-\u9fff]{2,8}[\s:：]*\d+(?:\.\d+)?\s*%?$")
_CAPTION_RE = re.compile(r"各(?:地区|省|市|设区市|地市|县)[^，。；]{0,20}(?:目标|指标)")
_BRACKET_RE = re.compile(r"[(（]([^()（）]{2,30})[)）]")
_CHANGE_TAIL_RE = re.compile(r"(降低|下降|减少|提高|增长)?(?:率|幅度)?(?:目标|指标)?$")
_DECREASE = ("降低", "下降", "减少")


def caption_phrase(doc: Doc, pos: int) -> tuple[str, str]:
    """The quantity a list of targets by place names in its lead (inline_lead_phrase) or in its caption,
    the line above the paragraph at ``pos`` (“十二五”各地区节能目标（单位国内生产总值能耗降低率） →
    单位国内生产总值能耗, 降低), or ("", "").
    The caption is the nearest unmarked line above the list (over lines of one place and value each);
    a marked heading (（三）强化目标分解) is a section, never a caption. Rejected: any line with 目标
    above, which named places after the heading of the section they stood in."""
    norm = doc.norm
    inline = inline_lead_phrase(doc, pos)
    if inline[0]:
        return inline
    para = norm.rfind("\n", 0, pos) + 1
    for _ in range(_MAX_LIST_LINES):  # 北京 17% ⏎ 天津 18% ⏎ …: one place a line under the caption
        if para <= 1:
            return "", ""
        line_start = norm.rfind("\n", 0, para - 1) + 1
        line = norm[line_start:para - 1].strip()
        if not _PLACE_VALUE_LINE_RE.match(line):
            break
        para = line_start
    if len(line) > 40 or heading_rank(norm, line_start, para - 1) is not None:
        return "", ""
    return _caption_quantity(line)


_LEAD_END_RE = re.compile(r"(?:分别)?(?:为|是|如下)?[：:]$")
_PERIOD_WORD_RE = re.compile(r"[“\"]?十[一二三四五六]五[”\"]?(?:期间|时期)?|(?:19|20)\d{2}年")


def inline_lead_phrase(doc: Doc, pos: int) -> tuple[str, str]:
    """The quantity the lead of an inline list of places names (各地区“十二五”单位国内生产总值能耗降低目标
    为：北京17%、天津18%… → 单位国内生产总值能耗, 降低): the clause before the last colon ahead of
    ``pos`` in the same sentence, or ("", "")."""
    norm = doc.norm
    colon = max(norm.rfind("：", 0, pos), norm.rfind(":", 0, pos))
    if colon < 0 or any(c in norm[colon:pos] for c in "。；;\n"):
        return "", ""
    start = max(norm.rfind(c, 0, colon) for c in "。；;，,\n") + 1
    lead = norm[start:colon + 1]
    if len(lead) > 60:
        return "", ""
    return _caption_quantity(_LEAD_END_RE.sub("", lead))


def _caption_quantity(line: str) -> tuple[str, str]:
    """The quantity and its change word a caption or lead over places names, or ("", "")."""
    if not _CAPTION_RE.search(line):
        return "", ""
    m = _BRACKET_RE.search(line)
    phrase = m.group(1) if m else re.sub(r"^.*?各(?:地区|省|市|设区市|地市|县)", "", line)
    phrase = _PERIOD_WORD_RE.sub("", phrase)
    tail = _CHANGE_TAIL_RE.search(phrase)
    change = tail.group(1) or "" if tail else ""
    phrase = clean_subject(phrase[:tail.start()] if tail else phrase)
    return (phrase, change) if len(phrase) >= 2 else ("", "")


# 济南、青岛、烟台3市 / 北京、天津等地 / 京津两地: the places named as one body
_COLLECTIVE_RE = re.compile(r"^(?:等|各|两地|[\d一二两三四五六七八九十]+个?(?:省|市|县|区|地))")


def groups_followed(doc: Doc, targets: list[Target], parsed: list[tuple[list[str], str]]) -> list[bool]:
    """For each target: does a group of places with the quantity left out follow it in the same
    sentence (广州、深圳…排放下降23%，惠州、江门、肇庆下降21.5%)? Only then is a group that names its
    quantity an allocation. One pass from the end, so a long sentence stays linear."""
    out = [False] * len(targets)
    follows = False
    for k in range(len(targets) - 1, -1, -1):
        out[k] = follows
        names, rest = parsed[k]
        if names and not rest:
            follows = True
        if k and any(c in doc.norm[targets[k - 1].end:targets[k].start] for c in "。\n"):
            follows = False
    return out


def _lead_for(leads: list[Target], t: Target) -> Target | None:
    """The quantity place-value pairs share: the paragraph's first target of the same unit family (全省
    煤炭消费总量减少3200万吨，其中非电行业用煤…。南京市480万吨… → 煤炭消费总量), never one measured
    otherwise (a 万千瓦 pair is no share of a % target)."""
    family = unit_family(t.unit)
    return next((lead for lead in leads if unit_family(lead.unit) == family), None)


def allocated_to_place(subject: str, gazetteer: Gazetteer | None = None) -> bool:
    """The subject opens with a place (北京单位国内生产总值能耗): a target a plan hands down to that place,
    not the plan's own — a national plan's allocation to 北京 is no national benchmark."""
    if not subject:
        return False
    names, rest = leading_places(gazetteer or Gazetteer.from_data_files(), subject)
    return bool(names) and len(rest) >= 2


def split_places(doc: Doc, targets: list[Target],
                 gazetteer: Gazetteer | None = None) -> tuple[list[Target], frozenset[int]]:
    """``targets`` with each target allocated to places split into one per place, named place + quantity
    (see module doc), and the ids of the targets so made: each place's is its own target, never a
    restatement of another's (roles.assign_roles). The quantity is the target's own (广州、深圳单位…排放),
    the previous group's in the paragraph (惠州、江门、肇庆下降21.5%), a lead of the same unit family, or
    the caption over a list of places; without one the target is left as it is."""
    gazetteer = gazetteer or Gazetteer.from_data_files()
    parsed = [leading_places(gazetteer, t.subject) if t.subject else ([], "") for t in targets]
    follows = groups_followed(doc, targets, parsed)
    out: list[Target] = []
    allocated: set[int] = set()
    leads: list[Target] = []  # the paragraph's targets that name no place
    group: tuple[Target, str] | None = None  # the paragraph's last allocation and its quantity
    paragraph = -1
    for k, t in enumerate(targets):
        start = doc.norm.rfind("\n", 0, t.start) + 1
        if start != paragraph:
            leads, group, paragraph = [], None, start
        names, rest = parsed[k]
        collective = _COLLECTIVE_RE.match(rest) if names and rest else None
        if collective is not None or (names and rest and not follows[k]):
            # 济南、青岛、烟台3市…50%, 合肥、芜湖市区…100%: the places together, one target; a group after
            # it takes its quantity without the places (淄博、潍坊不低于40% → 淄博新开工装配式建筑占比)
            out.append(t)
            quantity = rest[collective.end():] if collective is not None else rest
            if follows[k] and len(quantity) >= 2:
                group = (t, quantity)
            continue
        if not names or (len(names) == 1 and rest):
            out.append(t)
            if not names:
                leads.append(t)
            elif follows[k]:
                group = (t, rest)  # 北京新能源汽车保有量达到200万辆，上海达到150万辆
            continue
        phrase, code, base = rest, t.indicator, t.base_year
        lead = group[0] if group is not None else _lead_for(leads, t)
        if rest:
            code = name_subject(doc, rest, t.indicator, unit_family(t.unit), t.metric_kind)
        elif lead is not None:
            # 惠州、江门、肇庆下降21.5% / 南京市480万吨: the quantity the lead named, and its kind
            phrase = group[1] if group is not None else lead.subject
            code, base = lead.indicator, base if base is not None else lead.base_year
            if t.metric_kind == "level":
                t = dataclasses.replace(t, metric_kind=lead.metric_kind, direction=lead.direction)
        else:
            phrase, change = caption_phrase(doc, t.start)
            if phrase:
                t = dataclasses.replace(t, metric_kind="cumulative" if change else t.metric_kind,
                                        direction="decrease" if change in _DECREASE else t.direction)
                code = name_subject(doc, phrase, "other", unit_family(t.unit), t.metric_kind)
        if not phrase:
            out.append(t)
            continue
        metric = "change" if base is not None and t.metric_kind == "level" else t.metric_kind
        for name in names:
            one = dataclasses.replace(t, subject=name + phrase, indicator=code, base_year=base, metric_kind=metric,
                                      indicator_name=doc.cat.name(code) if code != "other" else name + phrase)
            out.append(one)
            allocated.add(id(one))
        group = (dataclasses.replace(t, indicator=code, base_year=base, metric_kind=metric), phrase)
    return out, frozenset(allocated)
