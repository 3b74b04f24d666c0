"""Where clauses and sentences start and end, and the words read around a value: firmness
(力争 / 确保), binding (约束性 / 预期性), titles in 《…》. Pure functions over the normalised text."""

from __future__ import annotations

import re

from .patterns import CLAUSE_STOPS, SENT_STOPS, SENTENCE_CAP, WINDOW, YEAR_RE


def in_title_quotes(norm: str, pos: int, lo: int) -> bool:
    """True when pos is inside 《…》 (looking back at most 60 chars, not before lo)."""
    left = max(lo, pos - 60)
    i = norm.rfind("《", left, pos)
    if i < 0:
        return False
    return norm.find("》", i, pos) < 0


def clause_start(norm: str, pos: int, lo: int) -> int:
    i = pos - 1
    floor = max(lo, pos - WINDOW)
    depth = 0  # inside a closed bracket (电能利用效率（PUE，指…比值）优于1.3) a comma ends no clause
    while i >= floor:
        ch = norm[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            depth = max(0, depth - 1)
        elif ch in CLAUSE_STOPS and not (depth and ch in "，,"):
            return i + 1
        i -= 1
    return floor


def clause_end(norm: str, pos: int, hi: int) -> int:
    ceil = min(hi, pos + WINDOW)
    i = pos
    while i < ceil:
        if norm[i] in CLAUSE_STOPS:
            return i
        i += 1
    return ceil


def sentence_of(text: str, norm: str, start: int, end: int, lo: int, hi: int) -> str:
    a = start - 1
    floor = max(lo, start - SENTENCE_CAP)
    while a >= floor and norm[a] not in SENT_STOPS:
        a -= 1
    b = end
    ceil = min(hi, end + SENTENCE_CAP)
    while b < ceil and norm[b] not in SENT_STOPS:
        b += 1
    if b < hi and norm[b] in "。！？!?":
        b += 1
    return text[a + 1:b].strip()


def sentence_key(norm: str, pos: int, lo: int) -> int:
    i = pos - 1
    floor = max(lo, pos - SENTENCE_CAP)
    while i >= floor and norm[i] not in SENT_STOPS and norm[i] not in "；;":
        i -= 1
    return i


def firmness_of(window: str) -> str:
    if "力争" in window or "争取" in window or "努力" in window:
        return "stretch"
    if "确保" in window:
        return "ensure"
    return ""


def binding_of(norm: str, start: int, end: int, hi: int) -> str:
    """约束性 / 预期性 stated right after the value (…下降18%（约束性）) or in the clause before it."""
    after = norm[end:min(hi, end + 8)]
    before = norm[max(0, start - 30):start]
    cut = max(before.rfind(c) for c in "，,；;。")
    before = before[cut + 1:]
    for seg in (after, before):
        if "约束性" in seg:
            return "binding"
        if "预期性" in seg:
            return "indicative"
    return ""


def last_year(norm: str, a: int, b: int) -> re.Match[str] | None:
    found = None
    for m in YEAR_RE.finditer(norm, a, b):
        found = m
    return found
