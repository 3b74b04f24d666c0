"""Table rows of indicators: ``指标名称 单位 现状值 目标值`` on one line (水电万千瓦1759 1866,
自然岸线保有率% 64.89 ≥63约束性, 新能源先进装备制造业产值亿元——500).

The target is the row's last value; its year is the newest year of the table's header (序号 指标 单位
2020年 2025年) found in the lines above, or else the end of the period the plan's title names
(“十四五”… → 2025). A row with one value (a status figure, or 达到国家要求) is no target. Rejected:
reading rows as prose, where the unit before the number and the base value in front of the target
made every row either missed or read as its 2020 value.
"""

from __future__ import annotations

import re

from ..types import Target
from ..units import UNIT_PATTERN, lookup, normalize_value
from .columns import year_column_row
from .document import Doc
from .naming import name_subject
from .patterns import CELL_CMP, CHANGE_TAIL_RE, change_direction
from .spans import binding_of
from .subject import clean_subject
from .values import unit_family

# a base value ends at a space (its unit may be repeated: 95% ≥98%); 〔13.5〕 / [18]: a change over the
# plan's period, as 十四五 tables write it
_SLOT = r"(?:[≥≤＞＜><]?\s?\d+(?:\.\d+)?(?:(?P=unit))?(?=[\s≥≤＞＜><])|[〔\[［]\d+(?:\.\d+)?[〕\]］]|/|—{1,2}|-)"
_CATEGORY = r"(?:[\u4e00-\u9fff]{2,8}(?=\d{1,2}[\u4e00-\u9fff]))?"  # a category column before the row number (风险防控10…)
_INDEX = r"(?P<idx>[（(]?[一二三四五六七八九十\d]{1,3}[）)、.]?)?"
# a name keeps a bracketed Latin code with its digits (细颗粒物（PM2.5）浓度); a note mark (③) is dropped later
_NAME = r"(?P<name>(?:[^\d%≥≤＞＜><。，；：:,;]|[（(][A-Za-z][A-Za-z0-9.]*[）)]){2,40}?)"
_BINDING_CELL = r"(?:约束性|预期性)?"  # 可再生能源装机规模占比%预期性52 54.5: the 属性 cell before the values
# a third number after the target: a change column (2020年 2025年 增量) or a third year (see row_target)
_THIRD = r"(?:\s(?P<third>\d+(?:\.\d+)?)(?:(?P=unit))?(?=[^\d.]|$))?"
ROW_RE = re.compile(
    _CATEGORY + _INDEX + _NAME
    + rf"\s*[（(]?(?P<unit>{UNIT_PATTERN})[）)]?{_BINDING_CELL}\s*(?P<base>{_SLOT})\s*(?:(?:—{{1,2}}|-|/)\s*)?"  # 2020年 — 2025年 — 累计 18
    r"(?P<cmp>[≥≤＞＜><])?\s?(?P<open>[〔\[［])?"
    r"(?P<target>\d+(?:\.\d+)?)(?(open)[〕\]］])(?:(?P=unit))?"
    r"(?:\s?[〔\[［]\d+(?:\.\d+)?[〕\]］])?"  # 20 50 ［30］: the period's change after the target year's value
    + _THIRD + r"(?P<rest>[^\d]{0,30})$"
)
# no unit column: each value carries its unit (受污染耕地安全利用率98% ≥98%约束性, 治理村庄1800个 3400个)
VALUE_UNIT_ROW_RE = re.compile(
    _CATEGORY + _INDEX + _NAME
    + rf"\s*(?:(?P<base>\d+(?:\.\d+)?)(?P<unit>{UNIT_PATTERN})|—{{1,2}}|-)\s?(?P<cmp>[≥≤＞＜><])?\s?"
    rf"(?P<target>\d+(?:\.\d+)?)(?(unit)(?P=unit)|(?P<target_unit>{UNIT_PATTERN}))"
    r"(?P<rest>[^\d]{0,30})$"
)
_HEADER_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s?年")
_PERIOD_END = {"十一": 2010, "十二": 2015, "十三": 2020, "十四": 2025, "十五": 2030, "十六": 2035}
_TITLE_PERIOD_RE = re.compile(r"[“\"]?(十[一二三四五六])五[”\"]?|((?:19|20)\d{2})\s?(?:—|-|－|至|~)+\s?((?:19|20)\d{2})\s?年")
# a plan whose title names its horizon (到2020年化肥使用量零增长行动方案): the first line only
_TITLE_HORIZON_RE = re.compile(r"[^\n]{0,12}?到((?:19|20)\d{2})\s?年[^\n\d]{0,30}?(?:方案|规划|计划|意见)[）)]?[ \t]*(?:\n|$)")
_PLAN_SPAN = 5  # a five-year plan's span: a longer period's end is not the deadline of its near-term goals
_LOOKBACK_LINES = 40


def title_period_end(head: str) -> int:
    """The last year of the period a plan's title covers (“十四五”… → 2025, （2022—2025年） → 2025), or 0.
    0 for a period longer than a five-year plan (中长期规划（2022－2035年）): its goals come by stages
    (近期目标 到2025年, 远期目标 到2035年), so the period's end governs no yearless goal."""
    m = _TITLE_PERIOD_RE.search(head)
    if m is None:
        horizon = _TITLE_HORIZON_RE.match(head.lstrip())
        return int(horizon.group(1)) if horizon else 0  # 到2020年化肥使用量零增长行动方案 → 2020
    if m.group(1):
        return _PERIOD_END.get(m.group(1), 0)
    first, last = int(m.group(2)), int(m.group(3))
    return last if last - first < _PLAN_SPAN else 0


def _header_line(doc: Doc, lo: int) -> tuple[int, int]:
    """The (start, end) of the nearest short header line naming years above ``lo``, or (0, 0)."""
    norm = doc.norm
    pos = lo
    for _ in range(_LOOKBACK_LINES):
        if pos <= 0:
            break
        start = norm.rfind("\n", 0, pos - 1) + 1
        line = norm[start:pos - 1] if pos - 1 >= start else ""
        end, pos = pos - 1, start
        if len(line) > 60:
            continue
        years = _HEADER_YEAR_RE.findall(line)
        if years and (len(years) > 1 or any(w in line for w in ("目标", "指标", "序号", "单位"))):
            return start, end
    return 0, 0


def header_year(doc: Doc, lo: int) -> int:
    """The newest year named by a short header line among the lines above ``lo`` (0 if none)."""
    start, end = _header_line(doc, lo)
    years = [int(y) for y in _HEADER_YEAR_RE.findall(doc.norm[start:end])]
    return max(years) if years else 0


_HEADER_PIECE_RE = re.compile(r"^[^\d]*(?:(?:19|20)\d{2}\s?年[^\d]*)*$")


def header_block(doc: Doc, lo: int) -> str:
    """The header line of the table above ``lo`` with the pieces a PDF broke off it: the short lines
    after it that hold no number but a year (增量 / 属性 on a line of their own), up to the rows."""
    start, end = _header_line(doc, lo)
    if end <= start:
        return ""
    norm = doc.norm
    pieces, pos = [norm[start:end]], end + 1
    for _ in range(6):
        nl = norm.find("\n", pos, lo)
        if nl < 0 or nl - pos > 20 or not _HEADER_PIECE_RE.match(norm[pos:nl]):
            break
        pieces.append(norm[pos:nl])
        pos = nl + 1
    return "".join(pieces)


def table_row(doc: Doc, lo: int, hi: int) -> list[Target] | None:
    """The targets a table row on one line states (one, or two for a power/energy pair), or None
    (the reason is recorded when explaining)."""
    by_columns = year_column_row(doc, lo, hi)
    if by_columns:
        return by_columns
    one = row_target(doc, doc.norm[lo:hi], list(range(lo, hi)), lo, hi)
    if one is not None:
        return [one]
    return pair_row(doc, lo, hi) or column_unit_row(doc, lo, hi) or single_value_row(doc, lo, hi)


SINGLE_ROW_RE = re.compile(
    _INDEX + _NAME + rf"\s*[（(](?P<unit>{UNIT_PATTERN})[）)]\s*(?P<cmp>[≥≤＞＜><])?\s?(?P<target>\d+(?:\.\d+)?)"
    r"(?P<rest>[^\d]{0,12})$"
)
_ONE_AIM_HEADER_RE = re.compile(r"^[^\d]{0,20}(?:(?P<year>(?:19|20)\d{2})\s?年(?:目标值?)?|目标值)[^\d]{0,8}$")


def single_value_row(doc: Doc, lo: int, hi: int) -> list[Target] | None:
    """A row of one value under a header of one aim column (主要指标 2025年 / 指标 目标值): 既有建筑节能
    改造面积（亿平方米） 3.5. The header must name that one year (or 目标值, the plan's period then) and
    the row its unit in brackets. Rejected: any row of one value, which read a table of the last plan's
    results (2020年) or a row of 达到国家要求 beside one number as aims."""
    m = SINGLE_ROW_RE.fullmatch(doc.norm, lo, hi)
    if m is None:
        return None
    start, end = _header_line(doc, lo)
    header = _ONE_AIM_HEADER_RE.match(doc.norm[start:end]) if end > start else None
    if header is None:
        return None
    year = int(header.group("year")) if header.group("year") else title_period_end(doc.norm[:300])
    name = clean_subject(_NOTE_MARK_RE.sub("", m.group("name")))
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
    if len(cells) < 2 or not all(_NUM_CELL_RE.match(c) for c in cells[1:]):
        return None
    name_m = _ROW_NAME_RE.match(cells[0])
    columns = column_units(doc, lo) if name_m else None
    if name_m is None or columns is None or len(columns) != len(cells) - 1:
        return None
    year = header_year(doc, lo) or title_period_end(doc.norm[:300])
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


def level_target(doc: Doc, code: str, subject: str, year: int, value: float, unit: str,
                 span: tuple[int, int], row: tuple[int, int]) -> Target:
    """A table cell's target: the value the row sets for the table's year, ``span`` quoted from the text."""
    (start, end), (lo, hi) = span, row
    value_norm, unit_norm = normalize_value(value, unit)
    ind = doc.cat.get(code) if code != "other" else None
    return Target(
        indicator=code, indicator_name=ind.name_zh if ind else subject, target_year=year, value_low=value,
        value_high=value, unit=unit, value_normalized=value_norm, unit_normalized=unit_norm, comparator="=",
        text=doc.text[start:end], start=start, end=end,
        direction=ind.better if ind is not None and ind.better in ("increase", "decrease") else "level",
        binding=binding_of(doc.norm, start, end, hi), sentence=doc.text[lo:hi].strip(), subject=subject,
    )


def pair_row(doc: Doc, lo: int, hi: int) -> list[Target] | None:
    """集中式新型储能规模万千瓦/万千瓦时0 200/400: a row of a quantity stated in two units (power and
    energy); two targets, the second its own quantity (as in prose, see values.paired_value)."""
    m = PAIR_ROW_RE.fullmatch(doc.norm, lo, hi)
    if m is None:
        return None
    name = clean_subject(m.group("name"))
    year = header_year(doc, lo) or title_period_end(doc.norm[:300])
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


_NOTE_OPEN = ("（", "(")
_NOTE_CLOSE = ("）", ")")
_MAX_ROW_LINES = 6
_MAX_CELL = 30


def multiline_row(doc: Doc, lo: int, n: int) -> tuple[Target, int] | None:
    """A table row whose cells the PDF broke over several short lines (6滨海湿地恢复修复面积公顷/ | 200 |
    （修复已清退 | 滩涂池塘）), as (target, position after its last line), or None.

    The lines are joined — a line break between words vanishes, one beside a number becomes a space,
    and a note line in brackets (（红树林现状面积）) is left out — and the join must read as a row ending
    at a line end. Offsets map back to the text. Rejected: joining every short line, which made rows of
    headings and signatures."""
    norm = doc.norm
    buf: list[str] = []
    where: list[int] = []
    pos, in_note = lo, False
    for _ in range(_MAX_ROW_LINES):
        nl = norm.find("\n", pos)
        end = n if nl < 0 else nl
        line = norm[pos:end]
        if not line.strip() or len(line) > _MAX_CELL or line.rstrip().endswith(("。", "；", "：")):
            return None
        note = in_note or line.lstrip().startswith(_NOTE_OPEN)
        in_note = note and not line.rstrip().endswith(_NOTE_CLOSE)
        if not note:
            if buf:
                joint = buf[-1][-1:] + line[:1]
                if any(c.isdigit() or c in "%/" for c in joint):
                    buf.append(" ")
                    where.append(pos - 1)
            buf.append(line)
            where.extend(range(pos, end))
            if len(buf) > 1:
                if row_target(doc, line, list(range(pos, end)), pos, end, quiet=True) is not None:
                    return None  # a row of its own under a category line (电力装机 ⏎ 风电万千瓦310 860)
                target = row_target(doc, "".join(buf), where, lo, end, quiet=True)
                if target is not None:
                    return target, end + 1
        if nl < 0:
            return None
        pos = nl + 1
    return None


_NOTE_MARK_RE = re.compile(r"[①-⑳*＊]")
_CHANGE_COLUMN_RE = re.compile(r"增量|增加|增减|新增|变化|变动|增幅|增速|增长|累计|较\d{4}年")


def _value_column(doc: Doc, lo: int, groups: dict[str, str | None]) -> str | None:
    """Which number of a row is the target: ``target`` (the second) unless a third follows. Then the
    header decides: a change column (2020年 2025年 增量) keeps the second, three or more years
    (2020年 2023年 2025年) take the third, and anything else is no target. Rejected: always the last
    number, which read 风电 310 860 550 (2020, 2025, 增量) as 550 in 2025."""
    if not groups.get("third"):
        return "target"
    header = header_block(doc, lo)
    if _CHANGE_COLUMN_RE.search(header):
        return "target"
    if len(set(_HEADER_YEAR_RE.findall(header))) >= 3:
        return "third"
    return None


def row_target(doc: Doc, row: str, where: list[int], lo: int, hi: int, quiet: bool = False) -> Target | None:
    """The target of a row read from ``row`` (``where[i]`` is the text offset of ``row[i]``)."""
    m = ROW_RE.fullmatch(row) or VALUE_UNIT_ROW_RE.fullmatch(row)
    if m is None:
        return None
    name = clean_subject(_NOTE_MARK_RE.sub("", m.group("name")))
    groups = m.groupdict()
    period = groups.get("open") is not None  # 〔14〕: a change over the plan's period
    change = CHANGE_TAIL_RE.search(name)
    direction_word = change.group(0) if change else ""
    if change:
        name = name[:change.start()]  # 单位地区生产总值能耗降低（%） → the quantity, and the direction apart
    if len(name) < 2:
        if not quiet:
            doc.decide("table_row", False, "no indicator name before the unit", lo, hi)
        return None
    year = header_year(doc, lo) or title_period_end(doc.norm[:300])
    if year <= doc.info.hist_threshold or not year:
        if not quiet:
            doc.decide("table_row", False, "no target year for the table (header or plan period)", lo, hi)
        return None
    unit = m.group("unit") or groups.get("target_unit") or ""
    value_group = _value_column(doc, lo, groups)
    if value_group is None:
        if not quiet:
            doc.decide("table_row", False, "three values and a header that says neither change nor year", lo, hi)
        return None
    value = float(m.group(value_group))
    a, b = m.start("name"), m.end(value_group) + (1 if period else 0)
    if unit and row.startswith(unit, b):
        b += len(unit)  # 95% ≥98%: the value quoted with its unit
    while a < b and row[a] in " （(":
        a += 1
    start, end = where[a], where[b - 1] + 1
    value_norm, unit_norm = normalize_value(value, unit)
    metric = "cumulative" if period else ("change" if change else "level")
    code = name_subject(doc, name, "other", unit_family(unit), metric)
    ind = doc.cat.get(code) if code != "other" else None
    if direction_word:
        direction = change_direction(direction_word)
    else:
        direction = ind.better if ind is not None and ind.better in ("increase", "decrease") else "level"
    doc.decide("table_row", True, f"row of an indicator table, year {year}", start, end)
    return Target(
        metric_kind=metric,
        indicator=code, indicator_name=ind.name_zh if ind else name, target_year=year, value_low=value,
        value_high=value, unit=unit, value_normalized=value_norm, unit_normalized=unit_norm,
        comparator=CELL_CMP.get(m.group("cmp") or "", "="), text=doc.text[start:end], start=start, end=end,
        direction=direction,
        binding=binding_of(doc.norm, start, end, hi), sentence=doc.text[lo:hi].strip(), subject=name,
    )
