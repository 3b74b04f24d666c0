"""Lines of a text, labelled header fields and what reads like the name of a body.

Invariant: this module imports nothing from the analysis, so titles (``policy_type``), document
numbers, issuers, jurisdictions and summaries all import it at the top of the file. The rejected
alternative was keeping these helpers in ``issuers.py``, which itself needs ``policy_type`` — a
cycle that ``policy_type`` and ``docnumber`` had hidden with imports inside functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BODY_END = re.compile(
    r"(人民政府|政府|委员会|党委|市委|省委|区委|县委|州委|委|部|局|厅|院|办公室|办公厅|办|中心|分行|支行|行|"
    r"总局|总署|署|会|社|处|所|管委会|管理委员会|公司|集团|联合会|协会|中央)$"
)

@dataclass
class Line:
    start: int
    end: int
    text: str  # stripped


def lines_of(text: str) -> list[Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip(" \t\r\u3000\ufeff")
        if stripped:
            lead = len(raw) - len(raw.lstrip(" \t\r\u3000\ufeff"))
            out.append(Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def compact(s: str) -> str:
    return re.sub(r"[\s\u3000]+", "", s)


def looks_like_body(name: str) -> bool:
    name = compact(name)
    return 2 <= len(name) <= 40 and bool(BODY_END.search(name)) and not re.search(r"[。；：:，,“”《》]", name)


def header_field(text: str, labels: str, limit: int = 3000) -> tuple[str, int, int] | None:
    """The value of a labelled header field (发文机关：国务院) in the first ``limit`` characters."""
    m = re.search(rf"(?:{labels})[\s\u3000]*[:：][\s\u3000]*([^\n|｜]*)", text[:limit])
    if not m:
        return None
    value = m.group(1)
    # a metadata table flattened on one line: cut at the next label
    value = re.split(
        r"[\s\u3000]{2,}|(?:成文日期|发布日期|发文字号|主题分类|索引号|标题|主题词|有效性)[:：]", value
    )[0]
    return value.strip(), m.start(1), m.start(1) + len(value.strip())
