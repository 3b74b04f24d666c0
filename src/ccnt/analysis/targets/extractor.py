"""The driver: paragraphs, then the events of a paragraph in text order (year phrases, headings,
value candidates, peak keywords), each handed to its rule."""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable

from ..indicators import IndicatorCatalogue, default_catalogue
from ..types import Target
from .clause import emit_group
from .columns import parse_header, vertical_table
from .document import Candidate, Decision, Doc, Previous, YearScope
from .naming import name_by_unit
from .patterns import (
    BARE_RE,
    DOUBLE_RE,
    HEADING_RE,
    MAX_TEXT_CHARS,
    PEAK_RE,
    PERIOD_RE,
    VALUE_RE,
    YEAR_RE,
    ZERO_GROWTH_RE,
)
from .peaks import peak
from .regions import split_places
from .roles import assign_roles
from .rows import is_row_line, multiline_row
from .scope import RELATIVE_YEAR_RE, period_scope, relative_scope, year_scope
from .sections import SectionTracker, heading_rank, is_heading_line
from .tables import table_row
from .values import bare_value, make_value, paired_value


def read_paragraph(doc: Doc, lo: int, hi: int, section: YearScope | None = None,
                   section_rank: int | None = None) -> tuple[YearScope | None, bool]:
    """Reads one paragraph; ``section`` is the scope a heading or lead sentence above governs it with.
    Returns the scope in force at the paragraph's end and whether an inline heading closed the section."""
    norm = doc.norm
    if section is None and not any(ch.isdigit() for ch in norm[lo:hi]) and "五" not in norm[lo:hi] \
            and not (doc.info.current_year and "年" in norm[lo:hi]):
        # no year can be stated without a digit or a 十四五-like period; under a section's year a value
        # in words (创建百家绿色示范园区, 达到百分之百) still counts
        return None, False
    events: list[tuple[int, int, str, object]] = []
    for m in YEAR_RE.finditer(norm, lo, hi):
        events.append((m.start(), 0, "year", m))
    for m in PERIOD_RE.finditer(norm, lo, hi):
        events.append((m.start(), 0, "period", m))
    for m in RELATIVE_YEAR_RE.finditer(norm, lo, hi):
        events.append((m.start(), 0, "relative", m))
    for m in HEADING_RE.finditer(norm, lo, hi):
        if m.start() > lo:
            events.append((m.start(), 1, "reset", m))
    values: list[Candidate] = []
    value_ends: list[int] = []  # every number with a unit, kept or not: subjects never reach over one
    for m in VALUE_RE.finditer(norm, lo, hi):
        value_ends.append(m.end())
        v = make_value(doc, m, lo, hi)
        if v is not None:
            values.append(v)
            pair = paired_value(doc, m, hi)
            if pair is not None:
                values.append(pair)
                value_ends.append(pair.end)
        else:
            doc.decide("value", False, "a qualifier, code, ordinal or unit-less fragment, not a target value",
                       m.start(), m.end())
    for m in BARE_RE.finditer(norm, lo, hi):
        v = bare_value(doc, m, lo, hi)
        if v is not None:
            values.append(v)
    if values:
        values.sort(key=lambda v: v.start)
    for m in DOUBLE_RE.finditer(norm, lo, hi):
        times = {"一": 1, "两": 2, "二": 2, "三": 3}[m.group(1) or "一"]
        pct = 100.0 * (2 ** times - 1)
        values.append(Candidate(m.start(), m.end(), pct, pct, "%", "", True, doubling=True))
    for m in ZERO_GROWTH_RE.finditer(norm, lo, hi):
        values.append(Candidate(m.start(), m.end(), 0.0, 0.0, "%", "", True, zero_growth=True))
    for v in values:
        events.append((v.start, 2, "value", v))
    for m in PEAK_RE.finditer(norm, lo, hi):
        events.append((m.start("kw"), 3, "peak", m))
    sentence_ends = [i for i in range(lo, hi) if norm[i] in "。！？!?"] if events else []
    events.sort(key=lambda e: (e[0], e[1]))

    # an annual plan's items need no year of their own (全年新增光伏装机200万千瓦 in a 2022年行动计划)
    default = YearScope((doc.info.plan_year,), "=", None, "", lo, lo) if doc.info.plan_year else None
    ctx: YearScope | None = section or default
    closed = False
    prev: Previous | None = None
    last_year_end = -1
    handled_until = -1
    peaks_seen: set[tuple[int, str, int]] = set()
    for idx, (pos, _prio, kind, obj) in enumerate(events):
        if ctx is not None and ctx.until is not None and pos >= ctx.until:
            ctx = ctx.saved
        if kind == "reset":
            rank = heading_rank(norm, obj.start(), hi)  # type: ignore[attr-defined]
            if section is not None and not closed and rank is not None and section_rank is not None \
                    and rank > section_rank:
                ctx, prev = section, None  # an item of the section: the section's year still governs
            else:
                closed = closed or section is not None
                ctx, prev = default, None
        elif kind == "year":
            m = obj  # type: ignore[assignment]
            if m.start() < last_year_end:
                continue
            new = year_scope(doc, m, ctx, lo, hi, sentence_ends)
            if new is not False:
                last_year_end = m.end()
                ctx = new  # type: ignore[assignment]
        elif kind == "period":
            m = obj  # type: ignore[assignment]
            new = period_scope(doc, m, ctx, hi, sentence_ends)
            if new is not False:
                ctx = new  # type: ignore[assignment]
        elif kind == "relative":
            ctx = relative_scope(doc, obj, ctx, hi, sentence_ends)  # type: ignore[arg-type]
        elif kind == "value":
            v = obj  # type: ignore[assignment]
            if v.start < handled_until:
                continue
            if ctx is None or ctx.historical or not ctx.years:
                why = "a historical year governs it" if ctx is not None and ctx.historical else "no target year in scope"
                doc.decide("year_scope", False, why, v.start, v.end)
                continue
            group = [v]
            j = idx + 1
            while j < len(events):
                e = events[j]
                if e[2] != "value":
                    if e[2] in ("year", "period") and e[0] < group[-1].end:
                        j += 1
                        continue
                    break
                sep = norm[group[-1].end:e[3].start]  # type: ignore[union-attr]
                if re.fullmatch(r"\s*(?:、|和|及|与|或|以及|/|，(?=\s*\d))\s*", sep):
                    group.append(e[3])  # type: ignore[arg-type]
                    j += 1
                else:
                    break
            k = bisect_right(value_ends, v.start) - 1
            floor = value_ends[k] if k >= 0 else lo
            prev = emit_group(doc, group, ctx, prev, lo, hi, max(lo, floor))
            handled_until = group[-1].end
        elif kind == "peak":
            peak(doc, obj, ctx, lo, hi, peaks_seen)  # type: ignore[arg-type]
    if ctx is not None and ctx.until is not None:
        ctx = ctx.saved
    return ctx, closed

# -- year contexts ------------------------------------------------------


def run(doc: Doc) -> list[Target]:
    """Every paragraph (line) of the document in turn; the targets in text order."""
    norm = doc.norm
    pos = 0
    n = len(norm)
    norm = drop_page_numbers(norm)
    width = wrap_width(norm)
    shifts: list[tuple[int, int]] = []
    norm = doc.norm = join_wrapped(norm, width, shifts) if width else join_cut_clauses(norm, shifts)
    sections = SectionTracker(norm, doc.info.hist_threshold, doc.info.plan_year)
    while pos < n:
        nl = norm.find("\n", pos)
        if nl < 0:
            nl = n
        nl = broken_line_end(norm, pos, nl)
        if nl > pos and not norm[pos:nl].isspace():
            vertical = vertical_table(doc, pos, n) if nl - pos <= 12 else None
            if vertical is not None:  # a table of one cell per line, read whole from its header
                doc.targets.extend(vertical[0])
                pos = vertical[1]
                continue
            row = table_row(doc, pos, nl) if nl - pos <= 120 else None
            section = sections.enter(pos, nl)
            multi = multiline_row(doc, pos, n) if row is None and nl - pos <= 30 else None
            if row is not None:
                doc.targets.extend(row)
            elif multi is not None:
                doc.targets.extend(multi[0])
                pos = multi[1]
                continue
            else:
                final, closed = read_paragraph(doc, pos, nl, section, sections.rank)
                sections.leave(pos, nl, final, closed)
        pos = nl + 1
    doc.targets.sort(key=lambda t: (t.start, t.end))
    name_by_unit(doc, doc.targets)
    targets, allocated = split_places(doc, doc.targets)
    unshift(targets, doc.text, shifts)
    return assign_roles([trim_marks(t, doc.text) for t in targets], doc.text, allocated)


_LEADING_MARK_RE = re.compile(r"[^\w\u3400-\u9fff“‘\"《（(【\[〔]+")


def trim_marks(t: Target, text: str) -> Target:
    """The target quoted from its first word: a bullet or emoji before it (✅ 营运车辆…, ● 森林覆盖率…) is no
    part of what it says."""
    m = _LEADING_MARK_RE.match(text, t.start, t.end)
    lead = _LEADING_MARK_RE.match(t.subject or "")
    subject = t.subject[lead.end():].strip() if lead is not None and t.subject else t.subject
    if m is None or m.end() >= t.end:
        return t if subject == t.subject else dataclasses.replace(t, subject=subject)
    return dataclasses.replace(t, start=m.end(), text=text[m.end():t.end], subject=subject)


_LINE_END_STOPS = frozenset("。；;：:！？!?）)”\"")
_BROKEN_MIN = 40  # shorter lines are titles, headings and table rows, never a sentence cut by a page
# …unless the line holds a clause break: a heading, title or table row has no comma, a cut sentence
# does (（一）森林覆盖率稳定在67%左右，森林蓄积量达到8亿立 ⏎ 方米以上；)
_BROKEN_CLAUSE_MIN = 16


def _cut_clause(norm: str, lo: int, nl: int) -> bool:
    """A short line that is a sentence cut by the page: a comma outside brackets (a table row's
    产业集中度（前10家，%） holds one inside) and a word, not a value, at its end (…达到8亿立).
    Rejected: any line without a stop at its end, which is every heading, title and table row."""
    line = _BRACKETED_RE.sub("", norm[lo:nl])
    last = norm[nl - 1]
    if last in ",、":
        return True  # …取得积极成效。主要农作物化肥、 ⏎ 农药利用率…: no line ends a paragraph on a comma
    # normalised: "，" reads ","; a digit or a point at the end is a number the page cut (高标准农田1. ⏎ 2亿亩)
    return "," in line and ("\u4e00" <= last <= "\u9fff" or last.isdigit() or last == ".")


_BRACKETED_RE = re.compile(r"\([^()]*\)")


def wrap_width(norm: str) -> int:
    """The width a PDF wrapped its text at, when it did (most lines exactly 28 characters long), or 0.

    Some PDFs give every printed line as a line of its own: a sentence then runs over lines of the
    page's width, far shorter than ``_BROKEN_MIN``. The width is the most common line length, when
    it (±1) holds a quarter of the lines of ten characters or more. Rejected: lowering
    ``_BROKEN_MIN`` for every text, which ran headings and table rows into the next line."""
    lengths = Counter(len(line.rstrip()) for line in norm.split("\n") if len(line.strip()) >= 10)
    total = sum(lengths.values())
    if not total:
        return 0
    common, _count = lengths.most_common(1)[0]
    near = lengths[common - 1] + lengths[common] + lengths[common + 1]
    return common if common >= 15 and near >= max(8, total // 4) else 0


def broken_line_end(norm: str, lo: int, nl: int) -> int:
    """The end of the paragraph starting at ``lo``: a long line that stops mid-sentence (no stop at its
    end: a PDF page or column break) runs on into the next line unless that line opens a heading.
    Rejected: joining every line without a stop, which runs titles and table rows into the text."""
    n, line = len(norm), lo
    while (nl < n and nl - lo >= _BROKEN_MIN and norm[nl - 1] not in _LINE_END_STOPS
           and not table_row_tail(norm, line, nl) and parse_header(norm[line:nl]) is None
           and not norm[line:nl].isspace()):  # a blanked page number line runs into nothing
        nxt = norm.find("\n", nl + 1)
        nxt = n if nxt < 0 else nxt
        if (nxt == nl + 1 or norm[nl + 1:nxt].isspace() or heading_rank(norm, nl + 1, nxt) is not None
                or parse_header(norm[nl + 1:nxt]) is not None):
            break  # an empty line, a blanked page number, a heading or a table's header ends the paragraph
        line, nl = nl + 1, nxt
    return nl


WRAP_JOIN = "\u3000"  # stands for a line break inside a wrapped sentence: a space, not a clause stop


def join_wrapped(norm: str, width: int, shifts: list[tuple[int, int]] | None = None) -> str:
    """``norm`` with the line breaks of sentences wrapped at ``width`` replaced by ``WRAP_JOIN`` (same
    length, so offsets still point into the text): a line of that width without a stop at its end
    runs on into the next line, unless that one opens a heading. Subjects drop the character
    (``subject.clean_subject``), so 单位GDP二氧⏎化碳排放 is named like 单位GDP二氧化碳排放."""
    return _join_lines(norm, lambda pos, nl: (nl - pos >= width - 1 and norm[nl - 1] not in _LINE_END_STOPS) or (
        nl - pos >= _BROKEN_CLAUSE_MIN and _cut_clause(norm, pos, nl)), shifts)  # a shorter line cut mid-clause too


def join_cut_clauses(norm: str, shifts: list[tuple[int, int]] | None = None) -> str:
    """``norm`` with the line break of each short line that is a sentence cut by the page replaced by
    ``WRAP_JOIN`` (same length): （一）森林覆盖率稳定在67%左右，森林蓄积量达到8亿立 ⏎ 方米以上； reads as one
    clause. A line is cut when it holds a comma outside brackets and ends with a word (``_cut_clause``)
    and the next line opens no heading. Rejected: lowering ``_BROKEN_MIN`` for every line, which ran
    titles, headings and table rows (产业集中度（前10家，%） 34 60) into the next line."""
    return _join_lines(norm, lambda pos, nl: nl - pos >= _BROKEN_CLAUSE_MIN and _cut_clause(norm, pos, nl), shifts)


def _join_lines(norm: str, cut: Callable[[int, int], bool], shifts: list[tuple[int, int]] | None = None) -> str:
    """``norm`` with the break after each line [pos, nl) that ``cut`` calls cut replaced by ``WRAP_JOIN``
    (and a number or value phrase it split mended, each move recorded in ``shifts``), unless the next
    line is empty, blank or opens a heading."""
    chars = list(norm)
    pos, n = 0, len(norm)
    while pos < n:
        nl = norm.find("\n", pos)
        if nl < 0:
            break
        nxt = norm.find("\n", nl + 1)
        nxt = n if nxt < 0 else nxt
        if (nxt > nl + 1 and not norm[pos:nl].isspace() and cut(pos, nl) and not norm[nl + 1:nxt].isspace()
                and heading_rank(norm, nl + 1, nxt) is None and not _META_LINE_RE.match(norm, nl + 1, nxt)
                and not table_row_tail(norm, pos, nl) and parse_header(norm[nl + 1:nxt]) is None
                and parse_header(norm[pos:nl]) is None):
            chars[nl] = WRAP_JOIN
            moved = mend_number(chars, norm, nl) or mend_value_phrase(chars, norm, nl)
            if moved and shifts is not None:
                shifts.append(moved)
        pos = nl + 1
    return "".join(chars)


# a page's or article's label line (来源：广东交通, 责任编辑：…): never the rest of the sentence above
_META_LINE_RE = re.compile(r"\s*(?:来源|出处|编辑|责任编辑|作者|记者|审核|校对|发布时间|发布日期|字号|附件)\s?[：:]")


# the cells that end a table row: two or more values, dashes, bracketed changes or 约束性/预期性, each after a space
_ROW_TAIL_RE = re.compile(
    r"(?:[ \t]+(?:[≥≤><]?[\[〔［]?\d+(?:\.\d+)?(?:、\d+(?:\.\d+)?)*%?[\]〕］]?(?:以上|以下|左右|以内)?|—{1,2}|-|/|约束性|预期性|[\[〔［][^\]〕］\s]{1,16}[\]〕］])){2,}[ \t]*$")


_ROW_TAIL_SPAN = 160


def table_row_tail(norm: str, lo: int, nl: int) -> bool:
    """The line [lo, nl) ends with a table row's cells (… 93.5 100 约束性): a row as long as the page's
    wrap width is not a sentence running on. Rejected: joining by length alone, which ran a whole
    indicator table into one paragraph and lost every row."""
    if _ROW_TAIL_RE.search(norm, max(lo, nl - _ROW_TAIL_SPAN), nl) is not None:  # the tail only: linear
        return True
    # a row as a PDF glues it (1规模以上工业单位增加值能耗吨标准煤/万元0.32 0.27下降15%约束性)
    return nl - lo <= _ROW_TAIL_SPAN and is_row_line(norm[lo:nl])


def drop_page_numbers(norm: str) -> str:
    """``norm`` with each page's number line (— 3 —) blanked (same length): inside a sentence cut by the
    page (…全市公共机构 ⏎ — 3 — ⏎ 以2020年为基数…) the two halves join (``WRAP_JOIN``); elsewhere — after a
    heading, between table rows — the line is left as spaces, so nothing joins across it. Rejected:
    joining whenever the line before ends without a stop, which ran headings and table rows together."""
    if "—" not in norm and "-" not in norm and "页" not in norm:
        return norm
    chars = list(norm)
    title = norm[:norm.find("\n")].strip() if "\n" in norm else ""
    for m in _PAGE_LINE_RE.finditer(norm):
        lo, hi = m.start(1), m.end(1)  # the page number line, without its line breaks
        after = norm.find("\n", hi + 1)
        after = len(norm) if after < 0 else after
        if title and hi + 1 < len(norm) and norm[hi + 1:after].strip() == title:
            hi = after  # the page's running header (the title again) goes with its number
        before = norm.rfind("\n", 0, lo - 1) + 1
        if title and before > len(title) and norm[before:lo - 1].strip() == title:
            lo = before  # …or its running footer before it
        prev = norm.rfind("\n", 0, lo - 1) + 1
        line = norm[prev:lo - 1]
        prose = ((heading_rank(norm, prev, lo - 1) is None or not is_heading_line(line)) and not _CELL_GAP_RE.search(line)
                 and not table_row_tail(norm, prev, lo - 1))
        sentence = prose and line[-1:] not in _SENTENCE_END and len(line) >= _BROKEN_CLAUSE_MIN and (
            "," in _BRACKETED_RE.sub("", line) or len(line) >= _BROKEN_MIN)
        for i in range(lo - 1 if sentence else lo, hi + 1 if sentence and hi < len(norm) else hi):
            chars[i] = WRAP_JOIN if sentence else "\n" if norm[i] == "\n" else " "
    return "".join(chars)


_CELL_GAP_RE = re.compile(r"\t|\S {2,}\S")  # a table row's cells
_SENTENCE_END = "。；;！？!?：:"
# a page's number printed on a line of its own: — 3 —, - 12 -, 第3页
_PAGE_LINE_RE = re.compile(r"(?<=\n)([ \t]*(?:[—\-－][ ]?\d{1,3}[ ]?[—\-－]|第[ ]?\d{1,3}[ ]?页)[ \t]*)(?=\n|$)")


def mend_number(chars: list[str], norm: str, nl: int) -> tuple[int, int] | None:
    """A line break the page put inside a number (到202⏎5年, 达到2⏎7%) moves to the number's end, as
    ``normalize`` does with a PDF's space (2 022年 → 2022 年): the digits shift left by one, so a span
    over them may start or end one character off in the text. Rejected: leaving the break, which read
    202 and 5年 as two fragments and lost the year of every sentence after it."""
    if not (0 < nl < len(norm) - 1 and (norm[nl + 1].isdigit() or norm[nl + 1] == ".")):
        return None
    if norm[nl - 1] == "." and nl >= 2 and norm[nl - 2].isdigit() and norm[nl + 1].isdigit():
        pass  # 1. ⏎ 2亿亩: the point stays where it is, the fraction joins it
    elif not norm[nl - 1].isdigit():
        return None
    j = nl + 1
    while j < len(norm) and (norm[j].isdigit() or norm[j] == "."):
        j += 1
    chars[nl:j] = list(norm[nl + 1:j]) + [WRAP_JOIN]
    return nl, j


_PHRASE_STOPS = frozenset(",;。、:)）\n \u3000\t；，：")
_PHRASE_MAX = 10


def mend_value_phrase(chars: list[str], norm: str, nl: int) -> tuple[int, int] | None:
    """A line break the page put inside a value phrase — in its unit or comparator (7450万 ⏎ 千瓦以上,
    8亿立 ⏎ 方米, 55%以 ⏎ 上) or in the verb before its number (达 ⏎ 到2600万立方米) — moves to the
    phrase's end, the next stop, as ``mend_number`` moves it to a number's end; the characters between
    shift left by one, and ``unshift`` maps the spans over them back to the text. Rejected: leaving the
    break, which read 7450万 without its unit and 达 ⏎ 到 as no verb."""
    if not (0 < nl < len(norm) - 1) or norm[nl - 1] in _PHRASE_STOPS or norm[nl + 1] in _PHRASE_STOPS:
        return None
    before, after = norm[max(0, nl - 6):nl], norm[nl + 1:nl + 4]
    digit = next((k for k, c in enumerate(after) if c.isdigit()), -1)
    if "\u4e00" <= norm[nl - 1] <= "\u9fff" and digit > 0 and all("\u4e00" <= c <= "\u9fff" for c in after[:digit]):
        j = nl + 1 + digit  # 遴 ⏎ 选20家: the verb made whole, the break left before the number
        chars[nl:j] = list(norm[nl + 1:j]) + [WRAP_JOIN]
        return nl, j
    if not (any(c.isdigit() for c in before) and not norm[nl + 1].isdigit()):
        return None
    j = nl + 1
    while j < len(norm) and j - nl <= _PHRASE_MAX and norm[j] not in _PHRASE_STOPS:
        j += 1
    if j - nl > _PHRASE_MAX or j >= len(norm):
        return None
    chars[nl:j] = list(norm[nl + 1:j]) + [WRAP_JOIN]
    return nl, j


def unshift(targets: list[Target], text: str, shifts: list[tuple[int, int]]) -> None:
    """Map each target's span from the mended text back to the text: a character the mending moved left
    by one (``mend_number``, ``mend_value_phrase``) stands one place further on in the text. Holds
    because every move is by exactly one character and moves never overlap (each stops before the
    next line break). ``--explain`` quotes the mended text, so a quote there may end one character
    early. Rejected: leaving the spans as found, which quoted 7450万⏎千瓦以 without its 上."""
    if not shifts:
        return
    for t in targets:
        start = t.start + any(nl <= t.start < j - 1 for nl, j in shifts)
        end = t.end + any(nl <= t.end - 1 < j - 1 for nl, j in shifts)
        if (start, end) != (t.start, t.end):
            t.start, t.end, t.text = start, end, text[start:end]


def check_input(text: object) -> bool:
    """False for an empty text; raises for a non-string or an absurdly long one."""
    if text is None:
        return False
    if isinstance(text, (bytes, bytearray)):
        raise TypeError("extract_targets() needs str, not bytes: decode the document first")
    if not isinstance(text, str):
        raise TypeError(f"extract_targets() needs str, got {type(text).__name__}")
    if not text.strip():
        return False
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"text too long for target extraction ({len(text)} > {MAX_TEXT_CHARS} characters)")
    return True


def extract_targets(text: str, catalogue: IndicatorCatalogue | None = None) -> list[Target]:
    """All quantitative targets and peak/neutrality commitments in ``text``, in text order.

    ``text[t.start:t.end] == t.text`` holds for every target. Empty or non-Chinese input
    gives ``[]``; a non-string raises ``TypeError``; a text over ``MAX_TEXT_CHARS``
    characters raises ``ValueError``.
    """
    if not check_input(text):
        return []
    return run(Doc(text, catalogue or default_catalogue()))


def explain_targets(text: str, catalogue: IndicatorCatalogue | None = None) -> list[Decision]:
    """Every rule's decision on every candidate, in text order (``ccnt extract --explain``)."""
    if not check_input(text):
        return []
    doc = Doc(text, catalogue or default_catalogue(), explain=True)
    for t in run(doc):
        doc.decide("role", True, t.role, t.start, t.end)
    return sorted(doc.trace, key=lambda d: (d.start, d.rule != "target"))
