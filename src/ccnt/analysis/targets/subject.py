"""The subject of a target: where it starts after year phrases and adverbs, the subject without
them, and the items of a parallel subject (A、B和C分别…)."""

from __future__ import annotations

import re

from .patterns import PERIOD_RE, SUBJECT_FILLER_RE, YEAR_RE


def subject_lead(norm: str, a: int, b: int) -> int:
    """Where the subject of text[a:b] starts, after punctuation, year phrases and adverbs."""
    m = SUBJECT_FILLER_RE.match(norm, a, b)
    return m.end() if m else a


def strip_years(subject: str) -> str:
    """The subject without year phrases and fillers ('' when elliptic: 到2030年，力争达到…)."""
    s = YEAR_RE.sub("", subject)
    s = PERIOD_RE.sub(lambda m: "" if m.group("post") else m.group(0), s)
    m = SUBJECT_FILLER_RE.match(s)
    if m:
        s = s[m.end():]
    return s.strip(" ，,、")


def split_items(norm: str, a: int, b: int, n: int | None) -> list[tuple[int, int]] | None:
    """Split a parallel subject (A、B和C) into item spans; None when the count is not n."""
    seg = norm[a:b]
    # drop a leading year phrase and firmness words
    lead = 0
    m = re.match(r"\s*(?:(?:力争|确保|争取)?(?:到|在)?(?:19|20)\d{2}\s?年(?:底|末)?(?:前)?|[“\"]?十[一二三四五六]五[”\"]?"
                 r"(?:期间|时期|末)?)?\s*(?:[，,]\s*)?(?:力争|确保|争取|全省|全市|全区|全国|本市)*", seg)
    if m:
        lead = m.end()
    fb = seg.rfind("分别")
    end = fb if fb >= lead else len(seg)
    body = seg[lead:end]
    if not body:
        return None
    parts: list[tuple[int, int]] = []
    for splitter in (r"、", r"、|和|及|与|以及"):
        parts = []
        pos = 0
        for sm in re.finditer(splitter, body):
            parts.append((pos, sm.start()))
            pos = sm.end()
        parts.append((pos, len(body)))
        if (n is None and len(parts) > 1) or len(parts) == n:
            break
    if n is not None and len(parts) != n:
        return None
    if any(p[1] - p[0] < 1 for p in parts):
        return None
    off = a + lead
    return [(off + p, off + q) for p, q in parts]
