"""One row of an indicator table: ``指标名称 单位 现状值 目标值 [变化]`` on one line, as a web page
spaces it (光伏装机（万千瓦） 1517 2762) or a PDF's text layer glues it (风电万千瓦310 860 550预期性,
非化石能源消费比重%11.3 16〔4.7〕, 森林覆盖率62.3% ≥64%), or broken over a few short lines.

The target is the value under the header's newest year (``headers.row_year``). A number after it is
read by the header and its own form: a change cell (〔4.7〕, 下降15%, 新增42, 3.0% under 年均增速, a
plain number under 增量) is a second target, the change over the plan's period; under a third year
column (2020年 2023年 2025年) the middle value is the interim year's target and the last the final
year's; with neither, the row is no target. Rejected: always the last number, which read 风电 310 860
550 (2020, 2025, 增量) as 550 in 2025, and reading change cells as nothing, which lost the 〔〕 aims
of every 十四五 table that gives both the level and its change.
"""

from __future__ import annotations

import dataclasses
import re

from ..types import Target
from ..units import UNIT_PATTERN, normalize_value
from .document import Doc
from .headers import header_block, header_line, header_years, row_year
from .naming import name_subject
from .patterns import CELL_CMP, CHANGE_TAIL_RE, change_direction
from .spans import binding_of
from .subject import clean_subject
from .values import unit_family

# a base value ends at a space (its unit may be repeated: 95% ≥98%); 〔13.5〕 / [18]: a change over the
# plan's period, as 十四五 tables write it
_SLOT = r"(?:[≥≤＞＜><]?\s?\d+(?:\.\d+)?(?:(?P=unit))?(?=[\s≥≤＞＜><—])|[〔\[［]\d+(?:\.\d+)?[〕\]］]|/|—{1,2}|-)"
_CATEGORY = r"(?:[\u4e00-\u9fff]{1,8}(?=\d{1,2}[\u4e00-\u9fff]))?"  # a category column before the row number (风险防控10…)
INDEX = r"(?P<idx>[（(]?[一二三四五六七八九十\d]{1,3}[）)、.]?)?(?:其中[：:]?)?"  # 2其中：风电…
# a name keeps a bracketed Latin code with its digits (细颗粒物（PM2.5）浓度); a note mark (③) is dropped later
NAME = (r"(?P<name>(?:[（(][A-Za-z][A-Za-z0-9.]*[）)]|[（(](?![A-Za-z][A-Za-z0-9.]*[）)])|[^\d%≥≤＞＜><。，；：:,;（(]){2,40}?)")
# (each position reads one way only: a bracketed code, or a bracket that opens none, or any other character;
# rejected: code-or-character alternatives, which read （A）（B）… in 2^n ways before failing)
_BINDING_CELL = r"(?:约束性|预期性)?"  # 可再生能源装机规模占比%预期性52 54.5: the 属性 cell before the values
_DECREASE_WORDS = ("下降", "降低", "减少", "减排")
_CHANGE_WORD = r"下降|降低|减少|减排|提高|提升|增加|增长|新增|累计"
# a cell after the target: 〔4.7〕, [30], 〔12万亩〕, 下降15%, 新增42, 3.0% or a plain number (a change or a
# third year's value, see _after_target); never glued to the target's digits
_AFTER_TARGET = (
    rf"(?:(?:\s?(?P<cword>{_CHANGE_WORD})|\s?(?=[〔\[［])|\s)(?P<ccmp>[≥≤＞＜><])?(?P<copen>[〔\[［])?(?P<third>\d+(?:\.\d+)?)"
    rf"(?P<cunit>{UNIT_PATTERN})?(?(copen)[〕\]］])(?P<csuf>左右|以上|以下|以内)?)?"
)
ROW_RE = re.compile(
    _CATEGORY + INDEX + NAME
    + rf"\s*[（(]?(?P<unit>{UNIT_PATTERN})[）)]?{_BINDING_CELL}\s*(?P<base>{_SLOT})\s*(?:(?P<skip>—{{1,2}}|-|/)\s*)?"  # 2020年 — 2025年 — 累计 18
    r"(?P<cmp>[≥≤＞＜><])?\s?(?P<open>[〔\[［])?"
    r"(?P<target>\d+(?:\.\d+)?)(?(open)[〕\]］])(?:(?P=unit))?(?P<tsuf>左右|以上|以下|以内)?"
    + _AFTER_TARGET + r"(?P<rest>[^\d]{0,30})$"
)
# no unit column: each value carries its unit (受污染耕地安全利用率98% ≥98%约束性, 营造林面积—〔12万亩〕)
VALUE_UNIT_ROW_RE = re.compile(
    _CATEGORY + INDEX + NAME
    + rf"\s*(?:(?P<base>\d+(?:\.\d+)?)(?P<unit>{UNIT_PATTERN})|—{{1,2}}|-)\s?(?P<cmp>[≥≤＞＜><])?\s?(?P<open>[〔\[［])?"
    rf"(?P<target>\d+(?:\.\d+)?)(?(unit)(?P=unit)|(?P<target_unit>{UNIT_PATTERN}))(?(open)[〕\]］])"
    r"(?P<rest>[^\d]{0,30})$"
)
# a quantity without a unit (农田灌溉水有效利用系数—0.551 0.57, 数据中心PUE 1.5 1.3): its name says so
UNITLESS_ROW_RE = re.compile(
    _CATEGORY + INDEX + r"(?P<name>[^\d%≥≤＞＜><。，；：:,;]{1,30}?(?:系数|指数|PUE值?|比值))(?P<unit>)"
    r"\s*(?:—{1,2}|-)?\s*(?P<base>\d+(?:\.\d+)?(?=[\s≥≤＞＜><])|—{1,2}|-)\s*(?P<cmp>[≥≤＞＜><])?\s?(?P<target>\d+(?:\.\d+)?)"
    r"(?P<rest>[^\d]{0,30})$"  # the unit cell of such a row is a dash
)
_SUFFIX_CMP = {"左右": "~", "以上": ">=", "以下": "<=", "以内": "<="}
NOTE_MARK_RE = re.compile(r"[①-⑳*＊]")
_TOTAL_CHANGE_RE = re.compile(r"累计|增量|新增|增加")
_CHANGE_COLUMN_RE = re.compile(r"增量|增加|增减|新增|变化|变动|增幅|增速|增长|累计|较\d{4}年")


# a table that hands out money or quotas (资金分配表, 配额分配方案): its rows are grants, not aims
_ALLOCATION_TABLE_RE = re.compile(r"资金|补助|奖补|补贴|配额|预算")


def allocation_table(doc: Doc, lo: int) -> bool:
    """The document's title or the caption above the header of the table at ``lo`` says it hands out
    money or quotas (各市资金分配表, 2024年碳排放配额分配方案)."""
    start, _end = header_line(doc, lo)
    caption = doc.norm[doc.norm.rfind("\n", 0, start - 1) + 1:max(0, start - 1)] if start > 0 else ""
    first = doc.norm.find("\n")
    title = doc.norm[:first if first >= 0 else 80][:80]
    return bool(_ALLOCATION_TABLE_RE.search(title) or _ALLOCATION_TABLE_RE.search(caption[-60:]))


def is_row_line(line: str) -> bool:
    """The line reads as one row of an indicator table (its year and the header aside)."""
    line = line.strip()
    return bool(ROW_RE.fullmatch(line) or VALUE_UNIT_ROW_RE.fullmatch(line) or UNITLESS_ROW_RE.fullmatch(line))


def _after_target(doc: Doc, lo: int, groups: dict[str, str | None], unit: str) -> str:
    """What the number after the target is: "" (none), "change" (its form or the header says so),
    "year" (a third year column: the target is then the interim year's), "unnamed" (a column after
    two year columns that the header does not name) or "unknown" (no target); "second" when there
    is none under three year columns (the target is the middle year's)."""
    years = len(header_years(doc, lo))
    if not groups.get("third"):
        # 化工园区数量个84≤80 under 2020年 2025年 2030年: the cells fill from the left, the last is empty;
        # a dash between the values (水电万千瓦952—970) says the middle one is
        return "second" if years >= 3 and not groups.get("skip") else ""
    if years >= 3:
        return "year"  # 〔18〕〔30〕 under 2025年 2030年: each year's value, whatever its form
    cunit = groups.get("cunit")
    if groups.get("cword") or groups.get("copen") or (cunit and cunit != unit):
        return "change"
    if _CHANGE_COLUMN_RE.search(header_block(doc, lo)):
        return "change"
    # two year columns and a third number: a column the header's broken lines did not name; the
    # target still stands under the second year, the third number is left unread
    return "unnamed" if years == 2 else "unknown"


def row_target(doc: Doc, row: str, where: list[int], lo: int, hi: int, quiet: bool = False) -> list[Target] | None:
    """The targets of a row read from ``row`` (``where[i]`` is the text offset of ``row[i]``): the
    target year's value first, then an interim year's or the period's change (module doc)."""
    m = ROW_RE.fullmatch(row) or VALUE_UNIT_ROW_RE.fullmatch(row) or UNITLESS_ROW_RE.fullmatch(row)
    if m is None:
        return None
    name = clean_subject(NOTE_MARK_RE.sub("", m.group("name")))
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
    if allocation_table(doc, lo):
        if not quiet:
            doc.decide("table_row", False, "a table of funds or quotas handed out, not aims", lo, hi)
        return None
    year = row_year(doc, lo)
    if year <= doc.info.hist_threshold or not year:
        if not quiet:
            doc.decide("table_row", False, "no target year for the table (header or plan period)", lo, hi)
        return None
    unit = m.group("unit") or groups.get("target_unit") or ""
    after = _after_target(doc, lo, groups, unit)
    if after == "unknown":
        if not quiet:
            doc.decide("table_row", False, "a number after the target that the header does not explain", lo, hi)
        return None
    group = "third" if after == "year" else "target"
    if after == "second":
        years = header_years(doc, lo)
        year = years[1]
        if year <= doc.info.hist_threshold and not (doc.info.period_start and doc.info.period_start <= year):
            return None
    cell_cmp = m.group("ccmp") if group == "third" else m.group("cmp")
    suffix = groups.get("csuf" if group == "third" else "tsuf") or ""  # 25左右, 56以下
    period = groups.get("copen") is not None if group == "third" else period
    a, b = m.start("name"), m.end(group)
    if unit and row.startswith(unit, b):
        b += len(unit)  # 95% ≥98%: the value quoted with its unit
    if period and row[b:b + 1] in ("〕", "]", "］"):
        b += 1  # 〔14〕, 〔12万亩〕: the bracket closed
    while a < b and row[a] in " （(":
        a += 1
    metric = "cumulative" if period else ("change" if change else "level")
    code = name_subject(doc, name, "other", unit_family(unit), metric)
    ind = doc.cat.get(code) if code != "other" else None
    if direction_word:
        direction = change_direction(direction_word)
    else:
        direction = ind.better if ind is not None and ind.better in ("increase", "decrease") else "level"
    main = level_target(doc, code, name, year, float(m.group(group)), unit, (where[a], where[b - 1] + 1), (lo, hi))
    main = dataclasses.replace(main, metric_kind=metric, direction=direction, comparator=CELL_CMP.get(cell_cmp or "", _SUFFIX_CMP.get(suffix, "=")))
    if not quiet:
        doc.decide("table_row", True, f"row of an indicator table, year {year}", main.start, main.end)
    out = [main]
    if after == "year":
        interim = _interim_target(doc, m, where, main, (lo, hi), year)
        out.extend([interim] if interim else [])
    elif after == "change" and not change and not period:
        out.append(_change_target(doc, m, where, main, header_block(doc, lo), (lo, hi)))
    return out


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


def _interim_target(doc: Doc, m: re.Match[str], where: list[int], main: Target, row: tuple[int, int],
                    year: int) -> Target | None:
    """The middle value under three year columns (2020年 2023年 2025年): the interim year's target."""
    years = header_years(doc, row[0])
    interim = years[-2] if len(years) >= 3 and years[-1] == year else 0
    in_period = doc.info.period_start and doc.info.period_start <= interim
    if not interim or (interim <= doc.info.hist_threshold and not in_period):
        return None  # 2020年 2023年 2025年 of a “十四五” plan: 2023 lies in its period, an aim
    bracket = m.groupdict().get("open") is not None  # 〔18〕〔30〕: each year's change over its period
    stop = m.end("target") + (1 if bracket and m.string[m.end("target"):m.end("target") + 1] in "〕]］" else 0)
    one = level_target(doc, main.indicator, main.subject, interim, float(m.group("target")), main.unit,
                       (main.start, where[stop - 1] + 1), row)
    metric = "cumulative" if bracket else "change" if main.metric_kind == "change" else "level"
    return dataclasses.replace(one, direction=main.direction, metric_kind=metric,
                               comparator=CELL_CMP.get(m.group("cmp") or "", "="))


def _change_target(doc: Doc, m: re.Match[str], where: list[int], main: Target, header: str,
                   row: tuple[int, int]) -> Target:
    """The change cell after the target: over the plan's period (〔4.7〕 of a share is 4.7 个百分点,
    下降15%, 新增42 家), or a yearly rate (3.0% under 年均增速 beside a row of 万吨标准煤)."""
    word, cunit, unit = m.group("cword") or "", m.group("cunit") or "", main.unit
    # 年均增速 over a column of bare numbers is a yearly rate in %; beside 累计 / 增量 it may be either
    annual = "年均" in header and (cunit == "%" or (not cunit and not word and not _TOTAL_CHANGE_RE.search(header)))
    change_unit = cunit or ("%" if annual else "个百分点" if unit == "%" else unit)
    if word:
        direction = "decrease" if word in _DECREASE_WORDS else "increase"
    else:
        base = m.groupdict().get("base") or ""
        base_value = float(base) if re.fullmatch(r"\d+(?:\.\d+)?", base) else None
        direction = "decrease" if base_value is not None and main.value_low < base_value else "increase"
    metric = "annual_rate" if annual else "cumulative"
    code = name_subject(doc, main.subject, "other", unit_family(change_unit), metric)
    stop = (m.end("cunit") if cunit else m.end("third")) + (1 if m.group("copen") else 0)
    end = where[stop - 1] + 1
    one = level_target(doc, code, main.subject, main.target_year, float(m.group("third")), change_unit,
                       (main.start, end), row)
    return dataclasses.replace(one, metric_kind=metric, direction=direction)


_ROW_INDEX_RE = re.compile(r"^\s*[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]?\s*[\u4e00-\u9fff]")  # 3县控以上断面…
_NOTE_OPEN = ("（", "(")
_NOTE_CLOSE = ("）", ")")
_MAX_ROW_LINES = 6
_MAX_CELL = 30


def multiline_row(doc: Doc, lo: int, n: int) -> tuple[list[Target], int] | None:
    """A table row whose cells the PDF broke over several short lines (6滨海湿地恢复修复面积公顷/ | 200 |
    （修复已清退 | 滩涂池塘）), as (its targets, position after its last line), or None.

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
        cell = line.strip()  # a note is bracketed whole: （微克/立方米）24 ≤22 is the rest of a row
        note = in_note or (cell.startswith(_NOTE_OPEN) and (cell.endswith(_NOTE_CLOSE)
                                                           or not any(c in cell for c in _NOTE_CLOSE)))
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
                if not _ROW_INDEX_RE.match(buf[0]) and row_target(doc, line, list(range(pos, end)), pos, end,
                                                                  quiet=True) is not None:
                    return None  # a row of its own under a category line (电力装机 ⏎ 风电万千瓦310 860)
                found = row_target(doc, "".join(buf), where, lo, end, quiet=True)
                if found is not None:
                    doc.decide("table_row", True, "row broken over short lines", found[0].start, found[0].end)
                    return found, end + 1
        if nl < 0:
            return None
        pos = nl + 1
    return None
