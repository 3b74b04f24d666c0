"""Dates of a policy: 成文 (signed), 发布 (published), 施行 (effective), 有效期至 (expires).

Finding and parsing dates lives in ``datefind.py``; this module decides what each date means.

Cues, strongest first: labelled header fields (成文日期：…, 发布日期：…, 施行日期：…, 有效期至…),
the date line of the signature block (signed), 自…起施行 (effective), 自印发/发布之日起施行 (the
effective date is the signing / publication date), 有效期至… / 有效期N年 (expires).
A bare date in the body decides nothing.
"""

from __future__ import annotations

import datetime as _dt
import re

from .datefind import DATE_RE, cn_small_number, find_dates, is_date_line, parse_date, parse_date_match
from .issuers import find_signature_blocks
from .types import DateFact, PolicyAnalysis

# the date helpers stay importable from here for older callers (ingest, the tests)
__all__ = [
    "DATE_RE",
    "cn_small_number",
    "extract_dates",
    "find_dates",
    "is_date_line",
    "parse_date",
    "parse_date_match",
    "step_dates",
]

_LABELS = [
    ("signed", r"成文(?:日期|时间)"),
    ("published", r"(?:发布|公布|公开|印发|发文)(?:日期|时间)"),
    ("effective", r"(?:施行|实施|生效|执行)(?:日期|时间)"),
    ("expires", r"(?:有效期至|有效期限至|废止日期|失效日期|有效期截至)"),
]


def _add_years(iso: str, years: int) -> str | None:
    d = _dt.date.fromisoformat(iso)
    try:
        end = d.replace(year=d.year + years)
    except ValueError:  # 29 Feb
        end = d.replace(year=d.year + years, day=28)
    return (end - _dt.timedelta(days=1)).isoformat()


_CN_COUNT = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}


def extract_dates(text: str, signature_date: tuple[int, int, str] | None = None) -> list[DateFact]:
    """All dated facts of ``text``. ``signature_date`` is (start, end, iso) of the signature block's date."""
    facts: list[DateFact] = []

    def add(kind: str, iso: str | None, start: int | None, end: int | None) -> None:
        if not iso:
            return
        if any(f.kind == kind for f in facts):
            return
        facts.append(
            DateFact(
                kind=kind, date=iso, text=text[start:end] if start is not None else "", start=start, end=end
            )
        )

    head = text[:3000]
    # 1. labelled header fields (gov.cn style metadata tables)
    for kind, label in _LABELS:
        for m in re.finditer(label + r"[\s\u3000]*[:：]?[\s\u3000]*", head):
            found = find_dates(text[m.end() : m.end() + 20])
            if found and found[0][0] == 0:
                s, e, iso = found[0]
                add(kind, iso, m.end() + s, m.end() + e)
                break
    # 2. the signature block
    if signature_date is not None:
        add("signed", signature_date[2], signature_date[0], signature_date[1])
    # 3. 自2023年1月1日起施行 / 自…起实施
    for m in re.finditer(r"自[\s\u3000]*", text):
        found = find_dates(text[m.end() : m.end() + 20])
        if found and found[0][0] == 0:
            s, e, iso = found[0]
            after = text[m.end() + e : m.end() + e + 8]
            if re.match(r"[\s\u3000]*起?[\s\u3000]*(施行|实施|执行|生效|起施行|起实施|起执行|起生效)", after):
                add("effective", iso, m.end() + s, m.end() + e)
    # 有效期至2025年12月31日 anywhere
    for m in re.finditer(r"有效期(?:限)?(?:至|到|截至)[\s\u3000]*", text):
        found = find_dates(text[m.end() : m.end() + 20])
        if found and found[0][0] == 0:
            s, e, iso = found[0]
            add("expires", iso, m.end() + s, m.end() + e)
    # 4. 自印发之日起施行 → effective = signed / published
    m = re.search(r"自(?:印发|发布|公布|签发|下发)之日起(?:施行|实施|执行|生效)", text)
    if m and not any(f.kind == "effective" for f in facts):
        base = next((f for f in facts if f.kind == "published"), None) or next(
            (f for f in facts if f.kind == "signed"), None
        )
        if base:
            add("effective", base.date, base.start, base.end)
    # 5. 有效期N年 / 有效期为N年 → expires
    if not any(f.kind == "expires" for f in facts):
        m = re.search(r"有效期(?:为|是)?[\s\u3000]*(\d{1,2}|[一二两三四五六七八九十])[\s\u3000]*年", text)
        if m:
            n = int(m.group(1)) if m.group(1).isdigit() else _CN_COUNT[m.group(1)]
            base = next((f for f in facts if f.kind == "effective"), None) or next(
                (f for f in facts if f.kind in ("published", "signed")), None
            )
            if base:
                add("expires", _add_years(base.date, n), m.start(), m.end())
    order = {"signed": 0, "published": 1, "effective": 2, "expires": 3, "unknown": 4}
    facts.sort(key=lambda f: order.get(f.kind, 9))
    return facts


def step_dates(pa: PolicyAnalysis, gazetteer=None) -> PolicyAnalysis:
    blocks = find_signature_blocks(pa.text)
    sig = blocks[0].date if blocks else None
    pa.dates = extract_dates(pa.text, sig)
    return pa
