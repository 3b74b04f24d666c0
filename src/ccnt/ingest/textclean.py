"""Turn page-layout text (PDF text layers, OCR, DOC conversions) into paragraphs.

* page numbers (``- 3 -``, ``— 3 —``, ``第3页``, ``3/10``, a lone number) are dropped;
* running headers and footers (the same line at the top or bottom of many pages) are dropped;
* lines are joined into paragraphs: a new paragraph starts at an indented line, a heading
  marker (一、 （一） 1． 第一章 …) or after a short line that ends a sentence;
* the spaces that PDF layout puts between Chinese characters and digits (``比 2020 年下降``)
  are removed; spaces between Latin words stay.
"""

from __future__ import annotations

import re
from collections import Counter

CJK = r"\u3400-\u9fff\uf900-\ufaff"
CJK_PUNCT = r"\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019\u00b7"
_PAGE_NO = re.compile(
    r"^\s*(?:[-—–－─_]\s*\d{1,4}\s*[-—–－─_]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|"
    r"\d{1,4}\s*/\s*\d{1,4}|[·•]?\s*\d{1,4}\s*[·•]?|[-—–－]?\s*[ivxlcIVXLC]{1,6}\s*[-—–－]?)\s*$"
)
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|\([一二三四五六七八九十百]+\)|"
    r"\d{1,3}[\.．、](?!\d)|（\d{1,3}）|\(\d{1,3}\)|第[一二三四五六七八九十百零\d]+[章节条部分篇]|"
    r"附件\s*\d*[:：]?\s*$|[①②③④⑤⑥⑦⑧⑨⑩]|——)"
)
_END = re.compile(r"[。！？；：!?;:」』》\u201d）)]\s*$")
_SPACE_CJK = re.compile(rf"(?<=[{CJK}{CJK_PUNCT}])[ \t\u00a0]+|[ \t\u00a0]+(?=[{CJK}{CJK_PUNCT}])")
_SPACE_DIGIT_PCT = re.compile(r"(?<=\d)[ \t]+(?=[%‰℃])")


def _width(line: str) -> float:
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in line.strip())


def tidy_spaces(line: str) -> str:
    line = _SPACE_CJK.sub("", line)
    return _SPACE_DIGIT_PCT.sub("", line)


def _norm_repeat(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and the lines repeated at the top or bottom of many pages."""
    if len(pages) >= 3:
        counts: Counter[str] = Counter()
        for lines in pages:
            edge = [ln for ln in lines if ln.strip()]
            for ln in set(edge[:2] + edge[-2:]):
                if _width(ln) <= 40 and not _END.search(ln):  # headers are short and are not sentences
                    counts[_norm_repeat(ln)] += 1
        threshold = max(3, len(pages) // 2)
        repeated = {key for key, n in counts.items() if n >= threshold and key}
    else:
        repeated = set()
    out = []
    for lines in pages:
        kept = [ln for ln in lines if ln.strip()]
        # page numbers sit at the edges of a page
        while kept and _PAGE_NO.match(kept[-1]):
            kept.pop()
        while kept and _PAGE_NO.match(kept[0]):
            kept.pop(0)
        if repeated:
            edge = set(range(min(2, len(kept)))) | set(range(max(0, len(kept) - 2), len(kept)))
            kept = [ln for i, ln in enumerate(kept) if not (i in edge and _norm_repeat(ln) in repeated)]
        out.append(kept)
    return out


def join_lines(pages: list[list[str]]) -> tuple[str, list[int]]:
    """Paragraphs from page lines; returns the text and the offset where each page starts."""
    widths = [_width(ln) for lines in pages for ln in lines if _width(ln) >= 4]
    if widths:
        widths.sort()
        full = widths[int(len(widths) * 0.8)]
    else:
        full = 0.0
    paragraphs: list[str] = []
    current = ""
    page_starts: list[int] = []
    previous_line = ""
    previous_was_page_end = False
    for lines in pages:
        page_starts.append(sum(len(p) + 1 for p in paragraphs) + len(current))
        for index, raw in enumerate(lines):
            indented = bool(re.match(r"^[ \t\u3000\u00a0]{1,}\S", raw))
            line = tidy_spaces(raw.strip())
            if not line:
                continue
            new_paragraph = not current
            if current:
                if _HEADING.match(line) or indented:
                    new_paragraph = True
                elif previous_was_page_end:
                    # the page broke a paragraph unless the previous line closed a sentence short
                    new_paragraph = bool(_END.search(previous_line)) and _width(previous_line) < full * 0.85
                elif full and _width(previous_line) < full * 0.8:
                    new_paragraph = True
            if new_paragraph:
                if current:
                    paragraphs.append(current)
                current = line
            else:
                joiner = " " if (current[-1:].isascii() and current[-1:].isalnum() and line[:1].isascii()
                                 and line[:1].isalnum()) else ""
                current += joiner + line
            previous_line = line
            previous_was_page_end = index == len(lines) - 1
        previous_was_page_end = True
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs), page_starts


def clean_pages(pages_text: list[str]) -> tuple[str, list[int]]:
    pages = [text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n").split("\n") for text in pages_text]
    return join_lines(strip_running_lines(pages))
