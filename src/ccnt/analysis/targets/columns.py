"""Table rows read by their header's columns: ``序号 指标名称 2020年现状 2025年目标 2030年目标`` above
``1 城镇新建建筑中绿色建筑面积占比（%） 93.5 100 100`` gives one target per future year column (100 in
2025, 100 in 2030); ``2020年 2025年 属性`` above ``营运车辆…较2020年下降率（%） — 5 预期性`` gives a 5%
decrease by 2025 on 2020.

The header is the nearest short line above the row with a year column and a word of a table header
(指标, 序号, 单位, 目标, 属性); its cells and the row's are split at whitespace and aligned from the right,
so an indicator name the PDF broke with a space still reads as one name. A row is read only when every
cell lands where the header says: the attribute column holds 约束性/预期性, the unit column a unit, the
year columns a value, a dash or a bracketed change. Columns of the present (2020年现状, 基期值, or a year
not after the document's history threshold) are base values, never targets. Rejected: the row's last
number under the header's newest year (``tables.row_target``), which read 2030 for rows with two target
columns and nothing for names holding a digit (较2020年下降率, 100万以上城市).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from ..types import Target
from ..units import UNIT_PATTERN, lookup, normalize_value
from .document import Doc
from .naming import item_code, name_subject
from .patterns import CELL_CMP, CHANGE_TAIL_RE, change_direction
from .spans import binding_of
from .subject import clean_subject, complete_items, split_items
from .values import unit_family

_LOOKBACK_LINES = 40
_HEADER_MAX = 80
_HEADER_WORDS = ("指标", "序号", "单位", "目标", "属性", "名称", "项目")
_YEAR_CELL_RE = re.compile(r"^((?:19|20)\d{2})年(.{0,6})$")
_STATUS_RE = re.compile(r"现状|基期|基准|基数|完成|实际|现值|基础")
_INDEX_CELLS = ("序号", "编号")
_CATEGORY_CELLS = ("类别", "领域", "分类", "类型")
_NAME_CELL_RE = re.compile(r"^(?:主要|具体)?(?:指标|名称|项目)(?:名称|内容)?$")
_CATEGORY_RE = re.compile(r"^[\u4e00-\u9fff]{1,6}$")
_UNIT_CELLS = ("单位", "计量单位")
_ATTR_CELLS = ("属性", "指标属性", "性质", "指标性质", "类型", "指标类型")
_ATTR_VALUE_RE = re.compile(r"^(?:约束性|预期性|引导性|指导性|约束|预期)$")
_INDEX_VALUE_RE = re.compile(r"^[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]?$")
_EMPTY_RE = re.compile(r"^(?:—{1,2}|-{1,2}|－|/|／)$")
_NUM = r"\d+(?:\.\d+)?"
_VALUE_RE = re.compile(rf"^(?P<cmp>[≥≤＞＜><])?(?P<open>[〔\[［])?(?P<nums>{_NUM}(?:、{_NUM})*)(?(open)[〕\]］])"
                       r"(?P<post>左右|以上|以下|以内)?$")
_LIST_CELL_RE = re.compile(rf"^(?:{_NUM}|—{{1,2}}|-)(?:、(?:{_NUM}|—{{1,2}}|-))+$")  # 66.2、—、—: one value per item
_NAME_UNIT_RE = re.compile(rf"[（(](?P<unit>{UNIT_PATTERN})[）)]$")
_BASE_RE = re.compile(r"(?:较|比)\s?((?:19|20)\d{2})\s?年(?:末|底)?")
_POST_CMP = {"以上": ">=", "以下": "<=", "以内": "<=", "左右": "~"}
_TOKEN_RE = re.compile(r"\S+")
_HEADER_CELL_MAX = 16
_CLAUSE_PUNCT_RE = re.compile(r"[，。；,;！？]")
_SPACED_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s+年")


@dataclass
class Header:
    """The columns of a table's header line: labels, and which column holds what."""

    cells: list[str]
    name_col: int  # the indicator name's column (0, or 1 after 序号)
    years: dict[int, int]  # column → the year it names
    status: set[int]  # year columns of the present (2020年现状, 基期值)
    unit_col: int | None
    attr_col: int | None

    def is_base(self, col: int, hist_threshold: int) -> bool:
        """A year column of the present, never a target: labelled so (2020年现状), not after the text's
        history threshold, or — when the text gives no threshold (a bare table) — the first of several
        columns when it names a five-year plan's base year (2005, 2010, 2015 or 2020) and later columns
        follow. Rejected: every first column, which read 2025年 2030年 (two aims) as base and aim."""
        year = self.years[col]
        if col in self.status or year <= hist_threshold:
            return True
        first = min(self.years)
        return (not hist_threshold and col == first and len(set(self.years.values())) > 1 and year % 5 == 0
                and year <= 2020)


def find_header(doc: Doc, lo: int) -> Header | None:
    """The header of the table whose row starts at ``lo``: the nearest short line above with a year
    column and a header word, or None. The row must still align with it (``year_column_row``), which
    is what keeps a header of another table from governing this one. Rejected: the newest year of any
    short line above (``tables.header_year``), which cannot say which column a value stands in."""
    norm = doc.norm
    pos = lo
    for _ in range(_LOOKBACK_LINES):
        if pos <= 0:
            return None
        start = norm.rfind("\n", 0, pos - 1) + 1
        line = norm[start:pos - 1] if pos - 1 >= start else ""
        pos = start
        header = parse_header(line)
        if header is not None:
            return header
    return None


def parse_header(line: str) -> Header | None:
    """The columns of ``line`` when it reads as a table's header (short, a header word, a year cell)."""
    if len(line) > _HEADER_MAX or not any(w in line for w in _HEADER_WORDS):
        return None
    cells = _SPACED_YEAR_RE.sub(r"\1年", line.strip()).split()
    if len(cells) < 3 or any(len(c) > _HEADER_CELL_MAX or _CLAUSE_PUNCT_RE.search(c) for c in cells):
        return None  # a sentence with spaces around its numbers, not a row of column labels
    if not any(_header_label(c) for c in cells) and sum(bool(_YEAR_CELL_RE.match(c)) for c in cells) < 2:
        return None  # 重点项目 2025 年 完成投资 100 亿元: prose with a header word in it, not column labels
    return header_of(cells)


def _header_label(cell: str) -> bool:
    """A cell that is a column's label (序号, 指标名称, 单位, 属性, 类别), not merely holds a header word."""
    return bool(cell in _INDEX_CELLS or cell in _UNIT_CELLS or cell in _ATTR_CELLS or cell in _CATEGORY_CELLS
                or _NAME_CELL_RE.match(cell))


def header_of(cells: list[str]) -> Header | None:
    """The columns the header cells name, or None without a year column after the name's."""
    years: dict[int, int] = {}
    status: set[int] = set()
    for i, cell in enumerate(cells):
        m = _YEAR_CELL_RE.match(cell)
        if m:
            years[i] = int(m.group(1))
            if _STATUS_RE.search(m.group(2)):
                status.add(i)
    if not years:
        return None
    named = [i for i, c in enumerate(cells) if _NAME_CELL_RE.search(c) and i not in years]
    name_col = named[0] if named else (1 if cells[0] in _INDEX_CELLS else 0)
    if name_col in years or min(years) <= name_col:
        return None
    # 类型 指标 单位 2020年 2025年 属性: only a column right of the name is the unit's or the attribute's
    unit_col = max((i for i, c in enumerate(cells) if c in _UNIT_CELLS and i > name_col), default=None)
    attr_col = max((i for i, c in enumerate(cells) if c in _ATTR_CELLS and i > name_col), default=None)
    return Header(cells, name_col, years, status, unit_col, attr_col)


def year_column_row(doc: Doc, lo: int, hi: int) -> list[Target] | None:
    """The targets of a table row under a header of year columns, or None when the row does not
    align with the header (then other readers try)."""
    norm = doc.norm
    tokens = [(m.group(), m.start()) for m in _TOKEN_RE.finditer(norm, lo, hi)]
    if len(tokens) < 3:
        return None
    header = find_header(doc, lo)
    if header is None:
        return None
    after = len(header.cells) - header.name_col - 1  # the cells right of the name
    if len(tokens) < after + 1:
        return None
    cells = tokens[len(tokens) - after:]
    name_tokens = tokens[:len(tokens) - after]
    for label in header.cells[:header.name_col]:  # 类别 序号 指标名称: a row's category and number, when present
        if len(name_tokens) > 1 and (_INDEX_VALUE_RE.match(name_tokens[0][0]) if label in _INDEX_CELLS
                                     else _CATEGORY_RE.match(name_tokens[0][0])):
            name_tokens = name_tokens[1:]
    if not name_tokens or any(_VALUE_RE.match(t) or _ATTR_VALUE_RE.match(t) for t, _ in name_tokens[1:]):
        return None  # cells inside the name: rows run together, or more cells than the header has
    columns = {header.name_col + 1 + k: cell for k, cell in enumerate(cells)}
    if header.attr_col is not None and not _ATTR_VALUE_RE.match(columns.get(header.attr_col, ("", 0))[0]):
        return None
    name_lo = name_tokens[0][1]
    name = "".join(t for t, _ in name_tokens)
    where = [a + i for t, a in name_tokens for i in range(len(t))]  # the text offset of each name character
    unit = ""
    m = _NAME_UNIT_RE.search(name)
    if m:
        unit, name = m.group("unit"), name[:m.start()]
    if header.unit_col is not None:
        cell = columns.get(header.unit_col, ("", 0))[0].strip("（）()")
        if lookup(cell) is None and cell != "%":
            return None
        unit = unit or cell
    if not unit or lookup(unit) is None and unit != "%":
        return None
    cells_by_year = []
    for col, year in sorted(header.years.items()):
        text, at = columns[col]
        if not (_VALUE_RE.match(text) or _EMPTY_RE.match(text) or _LIST_CELL_RE.match(text)) \
                and not text.startswith(("[", "〔", "［")):
            return None  # a misaligned row (or prose): a year column holding words
        if header.is_base(col, doc.info.hist_threshold):
            continue
        cells_by_year.append((year, text, at))
    targets: list[Target] = []
    for year, text, at in cells_by_year:
        targets.extend(cell_targets(doc, name, where, unit, year, text, at, lo, hi))
    if not targets:
        return None
    doc.decide("table_row", True, f"row under a header of year columns, {len(targets)} target(s)", name_lo, hi)
    return targets


def cell_targets(doc: Doc, name: str, where: list[int], unit: str, year: int, text: str, at: int,
                  lo: int, hi: int) -> list[Target]:
    """The targets one year column's cell sets: one per value (66.2、8.7、10 lists one per item of a
    name A、B、C…), none for a dash or words ([完成国家下达任务])."""
    m = _VALUE_RE.match(text)
    if m is None:
        return []
    name_lo = where[0]
    values = [float(v) for v in m.group("nums").split("、")]
    cumulative = m.group("open") is not None
    change = CHANGE_TAIL_RE.search(name)
    subject = name[:change.start()] if change else name
    base = _BASE_RE.search(subject)
    base_year = int(base.group(1)) if base else None
    if base:
        subject = subject[:base.start()] + subject[base.end():]
    metric = "cumulative" if cumulative else ("change" if change else "level")
    comparator = CELL_CMP.get(m.group("cmp") or "") or _POST_CMP.get(m.group("post") or "", "=")
    fam = unit_family(unit)
    subjects, codes = [clean_subject(subject)], []
    if len(values) > 1:
        cut = change.start() if change else len(name)  # the items end where the name's change word starts
        items = split_items(doc.norm, where[0], where[cut - 1] + 1, len(values))
        if items is None:
            return []
        codes = [item_code(doc, items, k, fam, metric) for k in range(len(items))]
        subjects = complete_items([clean_subject(re.sub(r"\s+", "", doc.norm[a:b])) for a, b in items], doc.cat)
    if any(len(s) < 2 for s in subjects):
        return []
    if not codes:
        codes = [name_subject(doc, subjects[0], "other", fam, metric)]
    end = at + len(text)
    out = []
    for value, subj, code in zip(values, subjects, codes, strict=True):
        ind = doc.cat.get(code) if code != "other" else None
        if change:
            direction = change_direction(change.group(0))
        else:
            direction = ind.better if ind is not None and ind.better in ("increase", "decrease") else "level"
        value_norm, unit_norm = normalize_value(value, unit)
        out.append(Target(
            metric_kind=metric, indicator=code, indicator_name=ind.name_zh if ind else subj, target_year=year,
            value_low=value, value_high=value, unit=unit, value_normalized=value_norm, unit_normalized=unit_norm,
            comparator=comparator, text=doc.text[name_lo:end], start=name_lo, end=end, base_year=base_year,
            direction=direction, binding=binding_of(doc.norm, name_lo, end, hi), sentence=doc.text[lo:hi].strip(),
            subject=subj,
        ))
    return out


# -- one cell per line -----------------------------------------------------------------------------
_MAX_PENDING = 6
_MAX_CELL_LINE = 30
_MAX_TABLE_LINES = 600  # lines of one table of one cell per line (100 rows of 6 cells)


def _header_cell(cell: str) -> bool:
    """A line of a header given one cell per line: a column label or a year column."""
    return _header_label(cell) or bool(_YEAR_CELL_RE.match(cell))


_PAGE_NUMBER_RE = re.compile(r"\s*(?:[—\-－]\s?\d{1,3}\s?[—\-－]|第\s?\d{1,3}\s?页)\s*")


def _lines(norm: str, lo: int, n: int, original: str = "", running: str = ""):
    """(start, end, stripped text) of each line from ``lo``, passing over a page's number line (— 4 —,
    blanked in ``norm``, read in ``original``) and its running header (the title repeated at the top
    of a page, ``running``) that a table runs across."""
    pos = lo
    while pos < n:
        nl = norm.find("\n", pos)
        end = n if nl < 0 else nl
        raw = norm[pos:end]
        text = raw.strip()
        blanked = not text and raw and (_PAGE_NUMBER_RE.fullmatch(original, pos, end)
                                        or (running and original[pos:end].strip() == running))
        if blanked or (running and text == running):
            pos = end + 1
            continue
        start = pos + len(raw) - len(raw.lstrip())  # an indented cell is quoted from its first character
        yield start, start + len(text), text
        pos = end + 1


def vertical_table(doc: Doc, lo: int, n: int) -> tuple[list[Target], int] | None:
    """A table the PDF gave one cell per line (序号 ⏎ 指标 ⏎ 2025年 ⏎ 2030年 ⏎ 1 ⏎ 星级绿色建筑占比（%） ⏎
    ≥30 ⏎ ≥40 …), read from its header at ``lo``: (targets, position after the table), or None.

    Each row is the lines before a run of cells that fits the header's columns after the name (unit,
    years, attribute, in order); its number and, under a 类别 column, its category lines are not its
    name. The table ends at a line that fits no row (a long line, a note, a heading). Rejected: joining
    the lines into rows by length, which cannot tell a wrapped name from the cells after it."""
    norm = doc.norm
    running = doc.text[:doc.text.find("\n")].strip() if "\n" in doc.text else ""
    lines = _lines(norm, lo, n, doc.text, running if lo > len(running) else "")
    cells: list[str] = []
    end = lo
    for start, stop, text in lines:
        if not _header_cell(text):
            first_row = (start, stop, text)
            break
        cells.append(_SPACED_YEAR_RE.sub(r"\1年", text))
        end = stop
    else:
        return None
    header = header_of(cells) if len(cells) >= 3 else None
    if header is None or not any(_NAME_CELL_RE.match(c) for c in cells):
        return None
    after = cells[header.name_col + 1:]
    targets: list[Target] = []
    pending: list[tuple[int, int, str]] = []
    window = [first_row, *islice(lines, _MAX_TABLE_LINES)]  # bounded: a header is no licence to read the rest
    k = 0
    while k < len(window):
        if pending and _row_cells(header, window, k):
            name_lines = _name_lines(header, pending)
            if name_lines:
                targets.extend(_vertical_row(doc, header, name_lines, window[k:k + len(after)], lo))
            end = window[k + len(after) - 1][1]
            pending, k = [], k + len(after)
            continue
        text = window[k][2]
        if not text or len(text) > _MAX_CELL_LINE or text.startswith(("注", "备注", "说明")) or len(pending) >= _MAX_PENDING:
            break
        pending.append(window[k])
        k += 1
    if not targets:
        return None
    doc.decide("table_row", True, f"a table of one cell per line, {len(targets)} target(s)", lo, end)
    return targets, end + 1


def _row_cells(header: Header, window: list, k: int) -> bool:
    """True when the lines from ``k`` fit the header's columns after the name."""
    labels = header.cells[header.name_col + 1:]
    if k + len(labels) > len(window):
        return False
    for j, _label in enumerate(labels):
        col = header.name_col + 1 + j
        text = window[k + j][2]
        if col in header.years:
            ok = bool(_VALUE_RE.match(text) or _EMPTY_RE.match(text) or (text[:1] in "[〔［" and len(text) <= 16))
        elif col == header.unit_col:
            ok = text == "%" or lookup(text.strip("（）()")) is not None
        elif col == header.attr_col:
            ok = bool(_ATTR_VALUE_RE.match(text))
        else:
            ok = 0 < len(text) <= 12
        if not ok:
            return False
    return True


def _name_lines(header: Header, pending: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The lines of a row's name: without its number, and under a 类别 column without its category."""
    lines = [ln for ln in pending if not _INDEX_VALUE_RE.match(ln[2])]
    has_category = any(c in _CATEGORY_CELLS for c in header.cells[:header.name_col])
    if has_category and len(lines) > 1:
        tail = 2 if _NAME_UNIT_RE.fullmatch(lines[-1][2]) else 1  # 装配式建筑占新建建筑比例 ⏎ （%）
        lines = lines[-tail:]
    return lines


def _vertical_row(doc: Doc, header: Header, name_lines: list, row_cells: list, lo: int) -> list[Target]:
    """The targets of one row of a table of one cell per line: its name (the unit in brackets at its end,
    or the unit column's cell) and a target per future year column; none without a known unit."""
    name = "".join(text for _s, _e, text in name_lines)
    where = [start + i for start, _e, text in name_lines for i in range(len(text))]
    unit = ""
    m = _NAME_UNIT_RE.search(name)
    if m:
        unit, name = m.group("unit"), name[:m.start()]
    out: list[Target] = []
    for j, (_start, _stop, text) in enumerate(row_cells):
        col = header.name_col + 1 + j
        if col == header.unit_col:
            unit = unit or text.strip("（）()")
    if not unit or (unit != "%" and lookup(unit) is None):
        return out
    hi = row_cells[-1][1]
    for j, (start, _stop, text) in enumerate(row_cells):
        col = header.name_col + 1 + j
        year = header.years.get(col)
        if year is None or header.is_base(col, doc.info.hist_threshold):
            continue
        out.extend(cell_targets(doc, name, where, unit, year, text, start, where[0], hi))
    return out
