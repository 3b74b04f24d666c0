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
from .subject import clean_subject
from .values import unit_family

_SEPARATORS = "、和及与"
_LEVELS = ("province", "city", "county")


def leading_places(gazetteer: Gazetteer, subject: str) -> tuple[list[str], str]:
    """The place names a subject opens with, as written, and the rest (广州、深圳单位GDP二氧化碳排放 →
    [广州, 深圳], 单位GDP二氧化碳排放). A place must be followed by a separator or end the list."""
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


_CAPTION_RE = re.compile(r"各(?:地区|省|市|设区市|地市|县)[^，。；]{0,20}(?:目标|指标)|分解")
_BRACKET_RE = re.compile(r"[(（]([^()（）]{2,30})[)）]")
_CHANGE_TAIL_RE = re.compile(r"(降低|下降|减少|提高|增长)?(?:率|幅度)?(?:目标|指标)?$")
_DECREASE = ("降低", "下降", "减少")


def caption_phrase(doc: Doc, pos: int) -> tuple[str, str]:
    """The quantity a table of targets by place names in its caption, the line above the paragraph at
    ``pos`` (“十二五”各地区节能目标（单位国内生产总值能耗降低率） → 单位国内生产总值能耗, 降低), or ("", "")."""
    norm = doc.norm
    para = norm.rfind("\n", 0, pos) + 1
    if para <= 1:
        return "", ""
    line = norm[norm.rfind("\n", 0, para - 1) + 1:para - 1].strip()
    if len(line) > 40 or not _CAPTION_RE.search(line):
        return "", ""
    m = _BRACKET_RE.search(line)
    phrase = m.group(1) if m else re.sub(r"^.*?各(?:地区|省|市|设区市|地市|县)", "", line)
    tail = _CHANGE_TAIL_RE.search(phrase)
    change = tail.group(1) or "" if tail else ""
    phrase = clean_subject(phrase[:tail.start()] if tail else phrase)
    return (phrase, change) if len(phrase) >= 2 else ("", "")


# 济南、青岛、烟台3市 / 北京、天津等地: the places named as one body
_COLLECTIVE_RE = re.compile(r"^(?:等|\d+个?(?:省|市|县|区|地))")


def _groups_follow(doc: Doc, targets: list[Target], parsed: list[tuple[list[str], str]], k: int) -> bool:
    """A group of places with its quantity is an allocation only when another group follows in the
    same sentence with the quantity left out (广州、深圳…排放下降23%，惠州、江门、肇庆下降21.5%)."""
    for j in range(k + 1, len(targets)):
        between = doc.norm[targets[k].end:targets[j].start]
        if any(c in between for c in "。\n"):
            return False
        names, rest = parsed[j]
        if names and not rest:
            return True
    return False


def split_places(doc: Doc, targets: list[Target], gazetteer: Gazetteer | None = None) -> list[Target]:
    """``targets`` with each target allocated to places split into one per place (see module doc)."""
    gazetteer = gazetteer or Gazetteer.from_data_files()
    parsed = [leading_places(gazetteer, t.subject) if t.subject else ([], "") for t in targets]
    out: list[Target] = []
    lead: Target | None = None
    lead_phrase = ""
    for k, t in enumerate(targets):
        names, rest = parsed[k]
        same_paragraph = lead is not None and "\n" not in doc.norm[lead.end:t.start]
        if names and rest and (_COLLECTIVE_RE.match(rest) or not _groups_follow(doc, targets, parsed, k)):
            names = []  # 济南、青岛、烟台3市…50%, 合肥、芜湖市区…100%: the places together, one target
        if not names or (len(names) == 1 and rest):
            out.append(t)
            if not names and not same_paragraph:
                # the paragraph's first target names the total the places share (全省煤炭消费总量减少
                # 3200万吨，其中非电行业…。各设区市削减目标为：南京市480万吨…), not its 其中 parts
                lead, lead_phrase = t, t.subject or ""
            continue
        phrase = rest or (lead_phrase if same_paragraph else "")
        caption, change = ("", "") if phrase else caption_phrase(doc, t.start)
        phrase = phrase or caption
        if not phrase:
            out.append(t)
            continue
        code = t.indicator
        if caption:
            t = dataclasses.replace(t, metric_kind="cumulative" if change else t.metric_kind,
                                    direction="decrease" if change in _DECREASE else t.direction)
            code = name_subject(doc, phrase, "other", unit_family(t.unit), t.metric_kind)
        elif not rest and lead is not None:
            code = lead.indicator  # 惠州、江门、肇庆下降21.5%: the quantity the lead named, and its kind
            if t.metric_kind == "level":
                t = dataclasses.replace(t, metric_kind=lead.metric_kind, direction=lead.direction)
        elif rest:
            code = name_subject(doc, phrase, t.indicator, unit_family(t.unit), t.metric_kind)
        base = t.base_year if t.base_year is not None else (lead.base_year if same_paragraph and lead else None)
        for name in names:
            out.append(dataclasses.replace(
                t, subject=name + phrase, indicator=code, indicator_name=doc.cat.name(code) if code != "other"
                else name + phrase, base_year=base,
                metric_kind="change" if base is not None and t.metric_kind == "level" else t.metric_kind))
        lead, lead_phrase = dataclasses.replace(t, indicator=code, base_year=base), phrase
        if caption:
            lead = dataclasses.replace(lead, metric_kind=t.metric_kind, direction=t.direction)
    return out
