"""The header of an indicator table and the year it gives its values: the nearest header line
above a row (序号 指标 单位 2020年 2025年 属性), or the run of short lines a PDF broke it into, or
else the end of the period the plan's title names (“十四五”… → 2025)."""

from __future__ import annotations

import re

from .document import TITLE_PERIOD_RE, Doc
from .patterns import PERIOD_NAMES

HEADER_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")  # 2025 ⏎ — 3 — ⏎ 年: a page may cut the cell
# a plan whose title names its horizon (到2020年化肥使用量零增长行动方案): the first line only
_TITLE_HORIZON_RE = re.compile(r"[^\n]{0,12}?到((?:19|20)\d{2})\s?年[^\n\d]{0,30}?(?:方案|规划|计划|意见)[）)]?[ \t]*(?:\n|$)")
_PLAN_SPAN = 5  # a five-year plan's span: a longer period's end is not the deadline of its near-term goals
_LOOKBACK_LINES = 40


def title_period_end(head: str) -> int:
    """The last year of the period a plan's title covers (“十四五”… → 2025, （2022—2025年） → 2025), or 0.
    0 for a period longer than a five-year plan (中长期规划（2022－2035年）): its goals come by stages
    (近期目标 到2025年, 远期目标 到2035年), so the period's end governs no yearless goal."""
    m = TITLE_PERIOD_RE.search(head)
    if m is None:
        horizon = _TITLE_HORIZON_RE.match(head.lstrip())
        return int(horizon.group(1)) if horizon else 0  # 到2020年化肥使用量零增长行动方案 → 2020
    if m.group(1):
        return PERIOD_NAMES[m.group(1) + "五"]
    first, last = int(m.group(2)), int(m.group(3))
    return last if last - first < _PLAN_SPAN else 0


_HEADER_WORDS = ("目标", "指标", "序号", "单位")
# a piece of a header the PDF put on a line of its own: 序号 / 指标名称 / 2020 / 年 / 2025年 / 属性
_PIECE_RE = re.compile(r"^[^\d]{1,12}$|^\s*(?:19|20)\d{2}\s?年?\s*$")


def _is_header(text: str) -> bool:
    years = HEADER_YEAR_RE.findall(text)
    return bool(years) and (len(years) > 1 or any(w in text for w in _HEADER_WORDS))


def header_line(doc: Doc, lo: int) -> tuple[int, int]:
    """The (start, end) of the nearest header naming years above ``lo``, or (0, 0): a short line
    (序号 指标 2020年 2025年 属性), or a run of short lines a PDF broke it into, one cell or piece a
    line (序号 ⏎ 指标名称 ⏎ 2020 ⏎ 年 ⏎ 2025 ⏎ 年 ⏎ 属性). Rejected: single lines only, which passed over
    a broken header to the header of the table before it (“十三五”完成情况, 2020年)."""
    norm = doc.norm
    pos = lo
    run_end = 0  # the end of the run of header pieces above the line being read, 0 outside one
    for _ in range(_LOOKBACK_LINES):
        if pos <= 0:
            break
        start = norm.rfind("\n", 0, pos - 1) + 1
        line = norm[start:pos - 1] if pos - 1 >= start else ""
        end, pos = pos - 1, start
        if _PIECE_RE.match(line):
            run_end = run_end or end
            if start > 0:
                continue
            line, end = "", 0  # the text's first line ends the run
        if run_end and _is_header(norm[end + 1 if end else 0:run_end]):
            return (end + 1 if end else 0), run_end
        run_end = 0
        if len(line) <= 60 and _is_header(line):
            return start, end
    return 0, 0


def header_year(doc: Doc, lo: int) -> int:
    """The newest year named by the nearest header above ``lo`` (``header_line``: a short line or a
    run of short lines a PDF broke it into), or 0."""
    years = header_years(doc, lo)
    return years[-1] if years else 0


_YEAR_DIGITS_RE = re.compile(r"[^\d\n]*(?:(?:19|20)\d{2}[^\d\n]*)+$")  # digits only in years: 序号…2020年2025
_HEADER_PIECE_RE = re.compile(r"^[^\d]*(?:(?:19|20)\d{2}\s?年[^\d]*)*$")


def header_block(doc: Doc, lo: int) -> str:
    """The header line of the table above ``lo`` with the pieces a PDF broke off it: the short lines
    after it that hold no number but a year (增量 / 属性 on a line of their own), up to the rows, and
    the line before it when it is the header's start (序号指标名称单位2020年2025 ⏎ 年2030年指标属 ⏎ 性)."""
    start, end = header_line(doc, lo)
    if end <= start:
        return ""
    norm = doc.norm
    pieces, pos = [norm[start:end]], end + 1
    if start > 0 and norm[start:start + 1] == "年":  # the line above ends with the year this one's 年 closes
        above = norm.rfind("\n", 0, start - 1) + 1
        if start - above <= 40 and _YEAR_DIGITS_RE.match(norm, above, start - 1):
            pieces.insert(0, norm[above:start - 1])
    for _ in range(6):
        nl = norm.find("\n", pos, lo)
        if nl < 0 or nl - pos > 20 or not _HEADER_PIECE_RE.match(norm[pos:nl]):
            break
        pieces.append(norm[pos:nl])
        pos = nl + 1
    return "".join(pieces)


def header_years(doc: Doc, lo: int) -> list[int]:
    """The distinct years the header above ``lo`` names, oldest first (2020年 2023年 2025年 → [2020,
    2023, 2025]): the columns of base, interim and final values."""
    return sorted({int(y) for y in HEADER_YEAR_RE.findall(header_block(doc, lo))})


def row_year(doc: Doc, lo: int) -> int:
    """The year of a row's target: the header's newest year, or the end of the title's period."""
    return header_year(doc, lo) or title_period_end(doc.norm[:300])
