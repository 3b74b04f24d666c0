"""Snippets of a search result: the passage of a policy's text around the first hit, and every hit of
the query's words marked (<mark>) in escaped text.

Invariant: what is returned is safe HTML — the text is escaped before any mark is added. Rejected:
marking hits in the stored text and escaping afterwards (it escaped the marks too).
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ccnt.tracker.models import Policy

SNIPPET_CHARS = 160


def pattern_of(terms) -> re.Pattern | None:
    """The query words as one pattern, longest first (so 碳达峰 marks before 碳), or None."""
    words = sorted({t.text for t in terms if t.text}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def highlight(text: str, pattern: re.Pattern | None) -> SafeString:
    """``text`` escaped, with every hit of ``pattern`` wrapped in <mark>."""
    if pattern is None:
        return mark_safe(escape(text))
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def snippet(policy: Policy, pattern: re.Pattern | None, size: int = SNIPPET_CHARS) -> SafeString:
    body = policy.published_version.text if policy.published_version_id else ""
    sources = [s for s in (body, policy.summary_zh, policy.summary_en, policy.title_en) if s]
    for source in sources:
        hit = pattern.search(source) if pattern else None
        if hit:
            start = max(0, hit.start() - size // 4)
            end = min(len(source), start + size)
            text = " ".join(source[start:end].split())
            return mark_safe(("…" if start else "") + highlight(text, pattern) + ("…" if end < len(source) else ""))
    if not sources:
        return mark_safe("")
    source = " ".join(sources[0][: size + 1].split())
    return mark_safe(highlight(source[:size], pattern) + ("…" if len(sources[0]) > size else ""))
