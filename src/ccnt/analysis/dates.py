"""Dates of a policy: 成文 (signed), 发布 (published), 施行 (effective), 有效期至 (expires).

Forms: 2023年7月5日, 2023 年 7 月 5 日, 2023-07-05, 2023.7.5, 2023/7/5, 二〇二三年七月五日
(〇/○/零/O, 十/十一/二十一/三十一). Output is ISO ``yyyy-mm-dd``; impossible dates are rejected.

Cues, strongest first: labelled header fields (成文日期：…, 发布日期：…, 施行日期：…, 有效期至…),
the date line of the signature block (signed), 自…起施行 (effective), 自印发/发布之日起施行 (the
effective date is the signing / publication date), 有效期至… / 有效期N年 (expires).
A bare date in the body decides nothing.
"""

from __future__ import annotations

import datetime as _dt
import re

from .types import DateFact, PolicyAnalysis

_CN_DIGIT = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "O": 0,
    "Ｏ": 0,
    "o": 0,
    "0": 0,
    "０": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_FULLWIDTH = str.maketrans("０１２３４５６７８９．－／", "0123456789.-/")

_CN_YEAR = "[〇○零OＯ一二三四五六七八九]{4}"
_CN_SMALL = "[一二三四五六七八九十]{1,3}"
_SP = r"[ \t\u3000]*"

DATE_RE = re.compile(
    rf"(?P<y>(?:19|20)\d{{2}}){_SP}年{_SP}(?P<m>\d{{1,2}}){_SP}月{_SP}(?P<d>\d{{1,2}}){_SP}日"
    rf"|(?P<cy>{_CN_YEAR}){_SP}年{_SP}(?P<cm>{_CN_SMALL}){_SP}月{_SP}(?P<cd>{_CN_SMALL}){_SP}日"
    r"|(?<![\d.])(?P<iy>(?:19|20)\d{2})(?P<sep>[-./])(?P<im>\d{1,2})(?P=sep)(?P<id>\d{1,2})(?![\d.])"
)

_LABELS = [
    ("signed", r"成文(?:日期|时间)"),
    ("published", r"(?:发布|公布|公开|印发|发文)(?:日期|时间)"),
    ("effective", r"(?:施行|实施|生效|执行)(?:日期|时间)"),
    ("expires", r"(?:有效期至|有效期限至|废止日期|失效日期|有效期截至)"),
]


def cn_small_number(s: str) -> int | None:
    """十 → 10, 十一 → 11, 二十一 → 21, 三十 → 30, 五 → 5."""
    if not s:
        return None
    if "十" in s:
        left, _, right = s.partition("十")
        tens = _CN_DIGIT.get(left, None) if left else 1
        ones = _CN_DIGIT.get(right, None) if right else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if len(s) == 1:
        return _CN_DIGIT.get(s)
    return None


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date_match(m: re.Match) -> str | None:
    if m.group("y"):
        return _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if m.group("cy"):
        digits = [_CN_DIGIT.get(c) for c in m.group("cy")]
        if None in digits:
            return None
        y = int("".join(str(x) for x in digits))
        mo, d = cn_small_number(m.group("cm")), cn_small_number(m.group("cd"))
        if mo is None or d is None:
            return None
        return _iso(y, mo, d)
    if m.group("iy"):
        return _iso(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    return None


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """All valid dates in ``text``: (start, end, iso)."""
    out = []
    t = text.translate(_FULLWIDTH)  # same length: offsets stay valid
    for m in DATE_RE.finditer(t):
        iso = parse_date_match(m)
        if iso and 1949 <= int(iso[:4]) <= 2100:
            out.append((m.start(), m.end(), iso))
    return out


def parse_date(s: str) -> str | None:
    """The single date in ``s`` (ISO), or None."""
    found = find_dates(s)
    return found[0][2] if found else None


def is_date_line(line: str) -> bool:
    """A line that is only a date (the signature block's date, 2022年7月5日 / （2022年7月5日）)."""
    s = re.sub(r"[\s\u3000（）()]+", "", line)
    found = find_dates(s)
    if len(found) != 1:
        return False
    start, end, _ = found[0]
    rest = s[:start] + s[end:]
    return rest in ("", "印发", "发布", "签发")


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
    from .issuers import find_signature_blocks

    blocks = find_signature_blocks(pa.text)
    sig = blocks[0].date if blocks else None
    pa.dates = extract_dates(pa.text, sig)
    return pa
