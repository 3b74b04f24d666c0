"""Dates in text, nothing more: where they are and what ISO day they name.

Forms: 2023年7月5日, 2023 年 7 月 5 日, 2023-07-05, 2023.7.5, 2023/7/5, 二〇二三年七月五日
(〇/○/零/O, 十/十一/二十一/三十一). Output is ISO ``yyyy-mm-dd``; impossible dates are rejected.

Invariant: this module imports nothing from the analysis, so every step that needs to find a date
(dates, issuers' signature blocks, titles) imports it at the top of the file. The rejected
alternative was keeping these helpers in ``dates.py``, which needs the signature blocks of
``issuers.py`` — a cycle that had to be hidden by an import inside ``step_dates``.
"""

from __future__ import annotations

import datetime as _dt
import re

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
