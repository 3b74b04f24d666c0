"""A policy text cut into passages for meaning search: spans that follow its structure.

Invariant: every passage is an exact span of the text (``text[p.start:p.end]``), begins and ends on
a non-blank character, never holds more than ``MAX_CHARS`` characters, and never straddles a top-level
heading (the highest level the text uses: 第X章, or 一、 …). Blocks are merged under the same governing
heading; only a passage shorter than ``MIN_CHARS`` (a heading with nothing under it, a one-line
item, the title) joins its neighbour under another heading of the same top-level section.
``heading`` is the text of the nearest heading that governs the passage — a standalone heading line
(``（三）推进城乡建设绿色低碳转型``), or the lead phrase of an inline one (``（四）优化城市结构和布局。…``).

How: the text's non-blank lines are classified (heading line, numbered item, paragraph); heading
lines attach to the block that follows them; consecutive blocks under the same heading are merged
while the merged span stays within ``MAX_CHARS``; short passages join a neighbour (``_join_small``);
a longer block is cut at sentence ends (。；！？) into pieces of about equal length, or at a comma,
or hard, in that order. ``MAX_CHARS`` keeps a passage (~1.35 characters a token in
Chinese) and its heading well inside the 512 tokens a small embedding model reads.

Rejected: fixed windows of N characters with overlap (they cut items in half, the heading is lost,
and the overlap is paid twice when embedding); one passage per line (PDF texts break lines inside
sentences, and numbered items of one line each are too short to carry a meaning of their own); and
leaving short passages alone (on the demo, 1 in 10 passages was under 70 characters — a heading, a
form's name, a title — and such passages came near the top for every question, on-topic or not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CHARS = 480  # a passage's span at most (≈ 360 tokens)
HEADING_CHARS = 50  # a heading line is at most this long
LEAD_CHARS = 40  # the lead phrase of an inline item, as its heading, at most this long
INLINE_BODY_CHARS = 30  # an inline item heads what follows only with this much text after its lead
MIN_CHARS = 80  # a shorter passage joins the next one in its top-level section (or the one before)

_CN = "一二三四五六七八九十百零〇两"
_DIGIT = "0-9０-９"
# (level, pattern at the start of a line); a smaller level governs the larger ones
_MARKERS: list[tuple[int, re.Pattern[str]]] = [
    (0, re.compile(rf"第[{_CN}{_DIGIT}]+[编章部篇](?:分)?(?=[\s\u3000]|[^\s\u3000，。；、])")),
    (1, re.compile(rf"第[{_CN}{_DIGIT}]+节")),
    (2, re.compile(rf"[{_CN}]+[、．.](?![{_DIGIT}])")),
    (3, re.compile(rf"[（(][{_CN}]+[）)]")),
    (4, re.compile(rf"[{_DIGIT}]{{1,2}}(?:[、．]|\.(?![{_DIGIT}]))")),
    (5, re.compile(rf"[（(][{_DIGIT}]{{1,2}}[）)]|[①-⑳]")),
]
_ARTICLE = re.compile(rf"第[{_CN}{_DIGIT}]+条")  # 第X条: an item, never a heading
ITEM_HEADS = 3  # inline items of this level or above (一、 （一） …) head what follows them
_BLANK = " \t\r\u3000\ufeff\xa0"
_SENTENCE_END = re.compile(r"[。；;！!？?][”’」』）)]*")
_CLAUSE_END = re.compile(r"[，,、：:][”’」』）)]*")
_LEAD_END = re.compile(r"[。；：:！？]")


@dataclass(frozen=True)
class Passage:
    start: int
    end: int
    heading: str


@dataclass
class _Block:
    start: int
    end: int
    heading: str
    context: int  # the start offset of the governing heading (-1: none): blocks merge only within one
    mergeable: bool = True
    section: int = -1  # the start offset of the top heading in force (-1: before any heading)


# a heading run on inside a line after a sentence (``…负责）。(二)工业领域达峰专项行动。…``, as texts
# copied from web pages give whole chapters as one line): the line is read as two at the marker
_RUN_ON_HEADING = re.compile(rf"(?<=。)[\s\u3000]*(?=[（(][{_CN}]+[）)]|[{_CN}]+、(?![{_DIGIT}]))")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, without its leading and trailing blanks; a line that
    holds a run-on heading (``_RUN_ON_HEADING``) counts as two lines."""
    out, pos = [], 0
    for raw in text.split("\n"):
        cuts = [0] + [m.end() for m in _RUN_ON_HEADING.finditer(raw)] + [len(raw)]
        for a, b in zip(cuts, cuts[1:], strict=False):
            piece = raw[a:b]
            stripped = piece.strip(_BLANK)
            if stripped:
                lead = len(piece) - len(piece.lstrip(_BLANK))
                out.append((pos + a + lead, pos + a + lead + len(stripped)))
        pos += len(raw) + 1
    return out


def _level(line: str) -> int | None:
    for level, pattern in _MARKERS:
        if pattern.match(line):
            return level
    return None


def _is_heading_line(line: str) -> bool:
    return len(line) <= HEADING_CHARS and not re.search(r"[。；;！!？?]", line[:-1]) and line[-1] not in "。；;，,：:"


def _lead(line: str) -> str:
    """The lead phrase of an inline item (``（四）优化城市结构和布局。城市形态…`` → its first sentence)."""
    found = _LEAD_END.search(line)
    lead = line[: found.start()] if found else ""
    return lead if 0 < len(lead) <= LEAD_CHARS else ""


def _blocks(text: str) -> list[_Block]:
    """The text's blocks: paragraphs and items, each with the heading lines just above it."""
    blocks: list[_Block] = []
    stack: dict[int, tuple[int, str]] = {}  # level -> (start offset, text) of the heading in force
    pending: tuple[int, int] | None = None  # (start, level) of heading lines not yet followed by a block

    def block(start: int, end: int, mergeable: bool) -> _Block:
        context, heading = stack[max(stack)] if stack else (-1, "")
        return _Block(start, end, heading, context, mergeable, stack[min(stack)][0] if stack else -1)

    def set_heading(level: int, start: int, heading: str) -> None:
        for deeper in [k for k in stack if k >= level]:
            del stack[deeper]
        stack[level] = (start, heading)

    for start, end in _lines(text):
        line = text[start:end]
        article = bool(_ARTICLE.match(line))
        level = None if article else _level(line)
        if level is not None and _is_heading_line(line):
            if pending is not None and level <= pending[1]:
                # headings with nothing under them: a block of their own
                blocks.append(block(pending[0], blocks_end(text, pending[0], start), False))
                pending = None
            set_heading(level, start, re.sub(r"\s+", "", line))
            if pending is None:
                pending = (start, level)
            continue
        lead = _lead(line) if level is not None and level <= ITEM_HEADS else ""
        inline_head = bool(lead) and len(line) - len(lead) >= INLINE_BODY_CHARS
        if inline_head:
            set_heading(level, start, lead)
        # a paragraph, a small item (1. （1） 第X条) or a short one of any level merges with what is above it
        mergeable = article or not inline_head and (level is None or level > ITEM_HEADS or bool(lead))
        blocks.append(block(pending[0] if pending else start, end, mergeable and pending is None))
        pending = None
    if pending is not None:
        blocks.append(block(pending[0], blocks_end(text, pending[0], len(text)), False))
    return blocks


def blocks_end(text: str, start: int, limit: int) -> int:
    """The end of the last non-blank character in ``text[start:limit]``."""
    return start + len(text[start:limit].rstrip(_BLANK + "\n"))


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most ``MAX_CHARS`` and of about equal length, cut after a
    sentence end where there is one (else after a comma, a line end, or hard at ``MAX_CHARS``)."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_CHARS:
        count = -(-(end - start) // MAX_CHARS)  # pieces still to make
        aim = (end - start) // count
        window = text[start : start + MAX_CHARS]
        cut = 0
        for pattern in (_SENTENCE_END, _CLAUSE_END):
            ends = [m.end() for m in pattern.finditer(window) if m.end() >= aim // 2]
            if ends:
                cut = min(ends, key=lambda e: abs(e - aim))
                break
        if not cut:
            newline = window.rfind("\n")
            cut = newline if newline >= aim // 2 else MAX_CHARS
        piece_end = blocks_end(text, start, start + cut)
        if piece_end > start:
            pieces.append((start, piece_end))
        start += cut
        while start < end and text[start] in _BLANK + "\n":
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces


def _join_small(blocks: list[_Block]) -> list[_Block]:
    """Passages shorter than ``MIN_CHARS`` (a heading with nothing under it, a one-line item, the
    title) joined to the next passage of the same top-level section — the text before the first
    heading joins the first section — or else to the one before, within ``MAX_CHARS``; the joined
    passage keeps the heading of its longer part. Alone they match every question a little
    (a short text's embedding is generic) and answer none."""
    out: list[_Block] = []
    for block in blocks:
        last = out[-1] if out else None
        if (last is not None and last.end - last.start < MIN_CHARS and block.end - last.start <= MAX_CHARS
                and last.section in (block.section, -1)):
            longer = block if block.end - block.start >= last.end - last.start else last
            out[-1] = _Block(last.start, block.end, longer.heading, longer.context, True, block.section)
        elif (last is not None and block.end - block.start < MIN_CHARS and block.end - last.start <= MAX_CHARS
                and last.section == block.section):
            last.end = block.end
        else:
            out.append(block)
    return out


def split_passages(text: str) -> list[Passage]:
    """The passages of ``text`` in order (see the module's docstring); [] for a blank text."""
    merged: list[_Block] = []
    for block in _blocks(text):
        last = merged[-1] if merged else None
        if (last is not None and block.mergeable and last.context == block.context
                and block.end - last.start <= MAX_CHARS):
            last.end = block.end
        else:
            merged.append(_Block(block.start, block.end, block.heading, block.context, True, block.section))
    passages: list[Passage] = []
    for block in _join_small(merged):
        for start, end in _cut(text, block.start, block.end):
            if text[start:end].strip(_BLANK + "\n"):
                passages.append(Passage(start, end, block.heading))
    return passages


_MEANINGFUL = re.compile(r"[\u4e00-\u9fffA-Za-z]")


_TOC_LINE = re.compile(r"(?:\.{4,}|…{2,}|·{4,})\s*\d+\s*$", re.M)


def worth_embedding(text: str) -> bool:
    """False for a passage that is a table of figures or a list of numbers (``2020 2025 13.5 …``)
    rather than prose — fewer than 8 letters or Chinese characters, or under 40% of its non-blank
    characters — or a table of contents (lines ending in dot leaders and a page number). Such
    passages stay findable by keyword; embedding them costs as much as prose and matches no
    question."""
    chars = re.sub(r"\s", "", text)
    letters = len(_MEANINGFUL.findall(chars))
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and len(_TOC_LINE.findall(text)) >= max(1, len(lines) // 3):
        return False
    return letters >= 8 and letters >= 0.4 * len(chars)
