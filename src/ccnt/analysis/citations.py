"""Titles a policy cites: candidate relations (implements / follows) for a curator to confirm.

Every 《…》 in the text that reads like a policy title (it ends in a policy type, or is a law,
plan or standard) is a candidate, in order of first appearance, whether it follows 根据 / 按照 /
依据 / 贯彻落实 / 落实 or not. A cited notice (《国务院关于印发2030年前碳达峰行动方案的通知》) is
recorded as the policy it wraps (2030年前碳达峰行动方案). The policy's own title, its short
self-references (《方案》, 本方案) and titles of a few characters are skipped. A document number
in brackets right after a cited title goes to ``cited_doc_numbers``.
"""

from __future__ import annotations

import re

from .policy_type import clean_title, policy_type_of, unwrap_all
from .types import PolicyAnalysis

_QUOTED = re.compile(r"《([^《》\n]{4,120})》")
_TITLE_LIKE = re.compile(
    r"(法|条例|规划|纲要|方案|意见|办法|决定|通知|规定|细则|标准|计划|指南|措施|政策|目录|协定|公约|要点|报告)$"
)


def cited_titles(text: str, own_titles: tuple[str, ...] = ()) -> list[str]:
    own = {clean_title(t) for t in own_titles if t}
    out: list[str] = []
    for m in _QUOTED.finditer(text):
        title = m.group(1).strip()
        title = title.replace("〈", "《").replace("〉", "》")
        verb, inner, _pre = unwrap_all(title)
        if verb and inner:
            title = inner
        if not (_TITLE_LIKE.search(clean_title(title)) or policy_type_of(title) not in ("", "other")):
            continue
        if clean_title(title) in own or len(title) < 5:
            continue
        if title not in out:
            out.append(title)
    return out


def step_citations(pa: PolicyAnalysis, gazetteer=None) -> PolicyAnalysis:
    pa.cited_titles = cited_titles(pa.text, (pa.title, pa.notice_title, pa.wrapped_title))
    return pa
