"""Indicator tables read by their layout, beside the one-line rows of ``rows``: a row under a header
that gives each column its unit (内容 装机规模（万千瓦） 年发电量（亿千瓦时）), a quantity in two units
(集中式新型储能规模万千瓦/万千瓦时0 200/400), and a row of one value under a header of one aim
year (主要指标 2025年). ``table_row`` tries the readers in turn, year columns (``columns``) first.

A row with one value under any other header (a status figure, or 达到国家要求) is no target. Rejected:
reading rows as prose, where the unit before the number and the base value in front of the target
made every row either missed or read as its 2020 value.
"""

from __future__ import annotations

import re

from ..types import Target
from ..units import UNIT_PATTERN, lookup
from .columns import year_column_row
from .document import Doc
from .headers import header_line, row_year
from .naming import name_subject
from .patterns import CELL_CMP, CHANGE_TAIL_RE, change_direction
from .rows import INDEX, NAME, NOTE_MARK_RE, allocation_table, level_target, row_target
from .subject import clean_subject
from .values import unit_family


def table_row(doc: Doc, lo: int, hi: int) -> list[Target] | None:
    """The targets a table row on one line states (one, or two for a power/energy pair), or None
    (the reason is recorded when explaining)."""
    if allocation_table(doc, lo):
        return None  # grants and quotas by place or sector, not aims
    by_columns = year_column_row(doc, lo, hi)
    if by_columns:
        return by_columns
    by_row = row_target(doc, doc.norm[lo:hi], list(range(lo, hi)), lo, hi)
    if by_row is not None:
        return by_row
    return pair_row(doc, lo, hi) or column_unit_row(doc, lo, hi) or single_value_row(doc, lo, hi)


SINGLE_ROW_RE = re.compile(
    INDEX + NAME + rf"\s*[（(](?P<unit>{UNIT_PATTERN})[）)]\s*(?P<cmp>[≥≤＞＜><])?\s?(?P<target>\d+(?:\.\d+)?)"
    r"(?P<rest>[^\d]{0,12})$"
)
_ONE_AIM_HEADER_RE = re.compile(r"^[^\d]{0,20}(?P<year>(?:19|20)\d{2})\s?年(?:目标值?)?[^\d]{0,8}$")


def single_value_row(doc: Doc, lo: int, hi: int) -> list[Target] | None:
    """A row of one value under a header of one aim column (主要指标 2025年): 既有建筑节能改造面积（亿平方米）
    3.5. The header must name that one year and the row its unit in brackets. Rejected: any row of one value, which read a table of the last plan's
    results (2020年) or a row of 达到国家要求 beside one number as aims."""
    m = SINGLE_ROW_RE.fullmatch(doc.norm, lo, hi)
    if m is None:
        return None
    start, end = header_line(doc, lo)
    header = _ONE_AIM_HEADER_RE.match(doc.norm[start:end]) if end > start else None
    if header is None:
        return None
    year = int(header.group("year"))
    name = clean_subject(NOTE_MARK_RE.sub("", m.group("name")))
    if len(name) < 2 or not year or year <= doc.info.hist_threshold:
        return None
    unit = m.group("unit")
    code = name_subject(doc, name, "other", unit_family(unit), "level")
    target = level_target(doc, code, name, year, float(m.group("target")), unit, (m.start("name"), m.end("target")),
                          (lo, hi))
    target.comparator = CELL_CMP.get(m.group("cmp") or "", "=")
    doc.decide("table_row", True, f"row of one value under a header of one aim column, year {year}", lo, hi)
    return [target]


_CELL_SPLIT_RE = re.compile(r"\t+|\s{2,}|\u3000+")
_ROW_NAME_RE = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]\s*)?(?P<name>[\u4e00-\u9fff“”（）()]{2,20})$")
_COLUMN_UNIT_RE = re.compile(rf"^(?P<label>[\u4e00-\u9fffA-Za-z]{{1,16}}?)[（(](?P<unit>{UNIT_PATTERN})[）)]$")
_NUM_CELL_RE = re.compile(r"^\d+(?:\.\d+)?$")


def column_units(doc: Doc, lo: int) -> list[tuple[str, str]] | None:
    """The value columns of the table above ``lo`` when its header gives each a unit (内容 装机规模（万千瓦）
    年发电量（亿千瓦时）): [(label, unit), …], or None. The header is the nearest line of at least three
    cells without a number; its caption must name aims (``_target_caption``). Rejected: any header of
    units, which read a 发展情况 table of the last plan's results as this plan's targets."""
    norm = doc.norm
    pos = lo
    for _ in range(12):
        if pos <= 0:
            return None
        start = norm.rfind("\n", 0, pos - 1) + 1
        cells = _cells(norm[start:pos - 1])
        pos = start
        if len(cells) < 3 or any(_NUM_CELL_RE.match(c) for c in cells):
            continue
        columns = [_COLUMN_UNIT_RE.match(c) for c in cells[1:]]
        if all(columns) and _target_caption(norm, start):
            return [(re.sub(r"规模$", "", m.group("label")), m.group("unit")) for m in columns if m]
        return None
    return None


_GLUED_NAME_RE = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,10}?)(?P<num>\d+(?:\.\d+)?)$")
# a header a PDF glued and broke: 地区单位生产总值能耗 ⏎ 降低（%）化学需氧量重点 ⏎ 工程减排量（吨）…
_GLUED_HEADER_RE = re.compile(rf"(?:地区|地市|城市|设区市|省辖市|区县|县区|县（市、区）|省份|单位)"
                              rf"(?P<labels>(?:[^（()）\d]{{2,24}}[（(](?:{UNIT_PATTERN})[）)])+)")
_GLUED_LABEL_RE = re.compile(rf"(?P<label>[^（()）\d]{{2,24}})[（(](?P<unit>{UNIT_PATTERN})[）)]")


def glued_column_units(doc: Doc, lo: int) -> list[tuple[str, str]] | None:
    """``column_units`` for a header a PDF glued into one run of labels and broke over short lines (地区
    单位生产总值能耗降低（%）化学需氧量重点工程减排量（吨）…): the lines above the first row without a
    number, joined from the nearest up until they read as a place column and labels with units."""
    norm = doc.norm
    pos, lines = lo, []
    while pos > 0 and len(lines) < 6:
        start = norm.rfind("\n", 0, pos - 1) + 1
        line = norm[start:pos - 1].strip()
        pos = start
        if not line:
            continue  # a blanked page number
        if any(c.isdigit() for c in line) and not _GLUED_NAME_RE.match(line.split()[0]):
            break
        if _GLUED_NAME_RE.match(line.split()[0]):
            continue  # a row above this one
        lines.insert(0, line)
        m = _GLUED_HEADER_RE.fullmatch("".join(lines))
        if m is not None and _target_caption(norm, start):
            return [(re.sub(r"规模$", "", c.group("label")), c.group("unit"))
                    for c in _GLUED_LABEL_RE.finditer(m.group("labels"))]
    return None


def _cells(line: str) -> list[str]:
    """A table line's cells: split at tabs or runs of spaces, or at single spaces when that finds none
    (区县（市） 能耗强度降低目标（%） 能源消费总量控制目标（万吨标准煤）)."""
    cells = [c for c in _CELL_SPLIT_RE.split(line.strip()) if c]
    return cells if len(cells) > 1 else line.split()


_AIM_WORD_RE = re.compile(r"(?P<ceiling>控制)?目标值?$")


def column_label(label: str) -> tuple[str, str, str, str]:
    """A value column's label read as (quantity, metric kind, direction, comparator): 能耗强度降低目标
    → (能耗强度, change, decrease, =); 能源消费总量控制目标 → (能源消费总量, level, level, <=)."""
    aim = _AIM_WORD_RE.search(label)
    comparator = "<=" if aim and aim.group("ceiling") else "="
    label = label[:aim.start()] if aim else label
    change = CHANGE_TAIL_RE.search(label)
    if change is None:
        return label, "level", "level", comparator
    return label[:change.start()], "change", change_direction(change.group(0)), comparator


_CAPTION_TARGETS_RE = re.compile(r"目标|规划|指标")
_CAPTION_HISTORY_RE = re.compile(r"情况|现状|基础|完成|回顾")


def _target_caption(norm: str, header: int) -> bool:
    """The table's caption, the line above its header, names aims (表1 “十三五”可再生能源发电主要指标),
    not a record (表1 “十三五”末可再生能源发展情况): bare numbers under units carry no year of their own."""
    if header <= 1:
        return False
    caption = norm[norm.rfind("\n", 0, header - 1) + 1:header - 1]
    return bool(_CAPTION_TARGETS_RE.search(caption)) and not _CAPTION_HISTORY_RE.search(caption)


def column_unit_row(doc: Doc, lo: int, hi: int) -> list[Target] | None:
    """A row of bare numbers under a header that names each column's unit (3.光伏发电 10500 1245 under
    装机规模（万千瓦） 年发电量（亿千瓦时）): one target per column, named row + column (光伏发电装机,
    光伏发电年发电量). Rejected: the unit of the first column for every value."""
    norm = doc.norm
    cells = _cells(norm[lo:hi])
    glued = _GLUED_NAME_RE.match(cells[0]) if cells else None
    if glued is not None:
        cells = [glued.group("name"), glued.group("num"), *cells[1:]]  # 郑州市15 12000 8800: a PDF's glued row
    if len(cells) < 2 or not all(_NUM_CELL_RE.match(c) for c in cells[1:]):
        return None
    name_m = _ROW_NAME_RE.match(cells[0])
    columns = (column_units(doc, lo) or glued_column_units(doc, lo)) if name_m else None
    if name_m is None or columns is None or len(columns) != len(cells) - 1:
        return None
    year = row_year(doc, lo)
    if not year or year <= doc.info.hist_threshold:
        return None
    name = clean_subject(name_m.group("name"))
    if len(name) < 2 or name_m.group("name") in ("合计", "小计", "总计"):
        return None
    start = lo + norm[lo:hi].find(cells[0]) + name_m.start("name")
    out, pos = [], start
    for (label, unit), cell in zip(columns, cells[1:], strict=True):
        end = norm.find(cell, pos, hi) + len(cell)
        pos = end
        quantity, metric, direction, comparator = column_label(label)
        subject = name + quantity
        code = name_subject(doc, subject, "other", unit_family(unit), metric)
        target = level_target(doc, code, subject, year, float(cell), unit, (start, end), (lo, hi))
        target.metric_kind, target.comparator = metric, comparator
        if metric == "change":
            target.direction = direction
        out.append(target)
    doc.decide("table_row", True, f"row under a header of column units, year {year}", start, pos)
    return out


_NUM = r"\d+(?:\.\d+)?"
PAIR_ROW_RE = re.compile(
    r"(?P<idx>[（(]?[一二三四五六七八九十\d]{1,3}[）)、.]?)?"
    r"(?P<name>[^\d%≥≤＞＜><。，；：:,;/]{2,40}?)"
    rf"(?P<u1>{UNIT_PATTERN})/(?P<u2>{UNIT_PATTERN})\s?(?:{_NUM}(?:/{_NUM})?|—{{1,2}}|-|/)\s"
    rf"(?P<t1>{_NUM})/(?P<t2>{_NUM})(?P<rest>[^\d]{{0,30}})$"
)


def pair_row(doc: Doc, lo: int, hi: int) -> list[Target] | None:
    """集中式新型储能规模万千瓦/万千瓦时0 200/400: a row of a quantity stated in two units (power and
    energy); two targets, the second its own quantity (as in prose, see values.paired_value)."""
    m = PAIR_ROW_RE.fullmatch(doc.norm, lo, hi)
    if m is None:
        return None
    name = clean_subject(m.group("name"))
    year = row_year(doc, lo)
    if len(name) < 2 or not year or year <= doc.info.hist_threshold:
        return None
    a, b = lookup(m.group("u1")), lookup(m.group("u2"))
    if a is None or b is None or a.normalized == b.normalized:
        return None
    start, end = m.start("name"), m.end("t2")
    out = []
    for unit, group, second in ((m.group("u1"), "t1", False), (m.group("u2"), "t2", True)):
        code = "other" if second else name_subject(doc, name, "other", unit_family(unit), "level")
        out.append(level_target(doc, code, name, year, float(m.group(group)), unit, (start, end), (lo, hi)))
    doc.decide("table_row", True, f"row of a two-unit quantity, year {year}", start, end)
    return out


