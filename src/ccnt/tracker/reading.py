"""A policy's full text as a reader reads the document: headings, numbered items, tables, and
each target's source sentence marked.

The text is never changed, only cut into blocks: every character of ``text`` (line ends and the
spaces between a table's cells aside) appears once, escaped, in the output, so a target's offsets (``text[start:end] == target.text``)
still point at its mark, and a mark that runs across two blocks is split into pieces (the first
carries the anchor ``#t-<pk>``).

How a line is read follows the numbering of Chinese official documents (GB/T 9704): 一、 and
第X章 are section headings, （一） a sub-heading when it stands alone on its line, and 1. / （1）
items start a new paragraph where a running line holds several. Rejected: one pre-wrapped block in
a scroll box, where headings ran into paragraphs and the text hid below the fold.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_CN = "一二三四五六七八九十"
_SECTION_RE = re.compile(rf"^(?:[{_CN}]{{1,3}}、|第[{_CN}百零\d]{{1,4}}[章节部分篇])")
_SUBSECTION_RE = re.compile(rf"^[（(][{_CN}]{{1,3}}[）)]")
_ITEM_RE = re.compile(rf"(?:\d{{1,2}}[.．、](?!\d)|[（(]\d{{1,2}}[）)]|[（(][{_CN}]{{1,3}}[）)])")
_ITEM_AFTER = frozenset("。；;")
_LEAD_RE = re.compile(rf"(?:[（(]?[{_CN}\d]{{1,3}}[）)]?[、.．]?)[^。！？\n]{{1,28}}。")
_HEADING_MAX = 40
_CELL_GAP_RE = re.compile(r"\t+| {2,}|\u3000{2,}")


@dataclass
class Block:
    kind: str  # h3 / h4 / p / row
    start: int
    end: int
    lead_end: int | None = None  # a paragraph's bold lead-in: "(一)指导思想。"


def _heading(line: str) -> str | None:
    stripped = line.strip()
    if not stripped or len(stripped) > _HEADING_MAX or "。" in stripped[:-1]:
        return None
    if _SECTION_RE.match(stripped):
        return "h3"
    if _SUBSECTION_RE.match(stripped):
        return "h4"
    return None


def _item_starts(text: str, start: int, end: int) -> list[int]:
    """Where a numbered item begins inside a running line (after a sentence end)."""
    cuts = []
    for m in _ITEM_RE.finditer(text, start, end):
        if m.start() > start and text[m.start() - 1] in _ITEM_AFTER:
            cuts.append(m.start())
    return cuts


def blocks(text: str) -> list[Block]:
    """The text's blocks in order; together they cover every character but the line ends."""
    out: list[Block] = []
    pos = 0
    for line in text.split("\n"):
        ls, le = pos, pos + len(line)
        pos = le + 1
        while ls < le and text[ls].isspace():
            ls += 1
        if ls >= le:
            continue
        kind = _heading(text[ls:le])
        if kind:
            out.append(Block(kind, ls, le))
            continue
        if len(_CELL_GAP_RE.findall(text[ls:le].strip())) >= 1 and len(text[ls:le]) < 200:
            out.append(Block("row", ls, le))
            continue
        bounds = [ls, *_item_starts(text, ls, le), le]
        for a, b in zip(bounds, bounds[1:], strict=False):
            lead = _LEAD_RE.match(text, a, b)
            out.append(Block("p", a, b, lead.end() if lead and _ITEM_RE.match(text, a) else None))
    return _lone_rows_as_paragraphs(out, text)


def _lone_rows_as_paragraphs(found: list[Block], text: str) -> list[Block]:
    """A table is two or more such lines running together; a lone spaced line is a paragraph."""
    for i, block in enumerate(found):
        if block.kind != "row":
            continue
        before = i > 0 and found[i - 1].kind == "row" and text.count("\n", found[i - 1].end, block.start) == 1
        after = (i + 1 < len(found) and found[i + 1].kind == "row"
                 and text.count("\n", block.end, found[i + 1].start) == 1)
        if not (before or after):
            block.kind = "p"
    return found


def _merged_marks(text: str, targets: Iterable) -> list[tuple[int, int, list[int]]]:
    """The targets' source spans that quote the text; overlapping spans become one mark."""
    spans = sorted(
        (t.start, t.end, t.pk) for t in targets
        if t.start is not None and t.end is not None and 0 <= t.start < t.end <= len(text)
        and text[t.start:t.end] == t.text
    )
    merged: list[list] = []
    for start, end, pk in spans:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(pk)
        else:
            merged.append([start, end, [pk]])
    return [(a, b, pks) for a, b, pks in merged]


class _Marker:
    """Renders ranges of the text with the marks that fall in them; remembers which marks have
    already had their anchor written."""

    def __init__(self, text: str, marks: list[tuple[int, int, list[int]]], passage: tuple[int, int] | None = None):
        self.text = text
        self.marks = marks  # sorted and disjoint (``_merged_marks``)
        self.passage = passage  # the range a search result links to (``?passage=START-END``), lit
        self.ends = [b for _a, b, _pks in marks]
        self.anchored: set[int] = set()

    def _marks_in(self, start: int, end: int) -> list[tuple[int, int, list[int]]]:
        """The marks overlapping [start, end): a binary search, not a scan of every mark per block."""
        found = []
        for mark in self.marks[bisect.bisect_right(self.ends, start):]:
            if mark[0] >= end:
                break
            found.append(mark)
        return found

    def render(self, start: int, end: int, strong_until: int | None = None) -> str:
        cuts = {start, end}
        marks = self._marks_in(start, end)
        for a, b, _ in marks:
            cuts.update(x for x in (a, b) if start < x < end)
        if strong_until and start < strong_until < end:
            cuts.add(strong_until)
        if self.passage:
            cuts.update(x for x in self.passage if start < x < end)
        points = sorted(cuts)
        out = []
        for a, b in zip(points, points[1:], strict=False):
            piece = escape(self.text[a:b])
            mark = next((m for m in marks if m[0] <= a and b <= m[1]), None)
            if mark is not None:
                first = mark[2][0]
                if first not in self.anchored:
                    self.anchored.add(first)
                    anchors = "".join(f'<span id="t-{pk}" class="anchor"></span>' for pk in mark[2][1:])
                    piece = f'<mark id="t-{first}" class="target-source" tabindex="-1">{anchors}{piece}</mark>'
                else:
                    piece = f'<mark class="target-source">{piece}</mark>'
            if strong_until and b <= strong_until:
                piece = f"<strong>{piece}</strong>"
            if self.passage and self.passage[0] <= a and b <= self.passage[1]:
                anchor = '<span id="passage" class="anchor"></span>' if a == self.passage[0] else ""
                piece = f'{anchor}<span class="passage-hit">{piece}</span>'
            out.append(piece)
        return "".join(out)


def passage_range(value: str, text: str) -> tuple[int, int] | None:
    """``START-END`` (a search result's link to a passage) as offsets into ``text``, or None when
    it is not two offsets of a non-empty range inside the text (a stale or edited link shows the
    page without a passage lit, never an error)."""
    found = re.fullmatch(r"(\d{1,9})-(\d{1,9})", value or "", re.ASCII)
    if found is None:
        return None
    a, b = int(found.group(1)), int(found.group(2))
    return (a, b) if 0 <= a < b <= len(text) else None


def document_html(text: str, targets: Iterable = (), passage: tuple[int, int] | None = None) -> SafeString:
    """The full text as HTML blocks (h3, h4, p, table) with every target's source marked, and
    ``passage`` (offsets) lit with an anchor ``#passage`` at its start."""
    marker = _Marker(text, _merged_marks(text, targets), passage)
    out: list[str] = []
    rows: list[str] = []

    def flush_rows() -> None:
        if rows:
            out.append('<div class="table-wrap"><table class="text-table"><tbody>' + "".join(rows)
                       + "</tbody></table></div>")
            rows.clear()

    for block in blocks(text):
        if block.kind == "row":
            cells, cell_start = [], block.start
            for gap in _CELL_GAP_RE.finditer(text, block.start, block.end):
                if gap.start() > cell_start:
                    cells.append((cell_start, gap.start()))
                cell_start = gap.end()
            if cell_start < block.end:
                cells.append((cell_start, block.end))
            rows.append("<tr>" + "".join(f"<td>{marker.render(a, b)}</td>" for a, b in cells) + "</tr>")
            continue
        flush_rows()
        inner = marker.render(block.start, block.end, block.lead_end)
        out.append(f"<{block.kind}>{inner}</{block.kind}>")
    flush_rows()
    return mark_safe("\n".join(out))  # noqa: S308 - every piece of text above is escaped
