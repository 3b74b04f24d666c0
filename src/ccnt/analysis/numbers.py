"""Parse numbers as Chinese policy texts write them.

- Arabic: ``13.5``, ``1,200``, ``1 200``; full-width digits are handled by
  :func:`ccnt.analysis.normalize.normalize` first (``parse_number`` also accepts them).
- Chinese: ``三``, ``十五``, ``一千``, ``两百``, ``一千五百万``, ``三亿五千万``, ``零点五``.
- Mixed with a multiplier: ``1.2万`` → 12000, ``3亿`` → 3e8, ``三成`` is a unit (成) matter
  handled by :mod:`ccnt.analysis.units`.
"""

from __future__ import annotations

import math
import re

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
             "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8,
             "捌": 8, "九": 9, "玖": 9}
CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_UNITS) + "".join(CN_BIG) + "点"

_FULLWIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)} | {"．": ".", "，": ","})
_ARABIC_RE = re.compile(r"^\s*([+-]?\d[\d, ]*(?:\.\d+)?)\s*([万萬亿億]*)\s*$")


def _parse_cn_section(s: str) -> int | None:
    """Parse a Chinese numeral below 万 (e.g. 一千五百二十, 十五, 两百)."""
    if not s:
        return 0
    total = 0
    digit: int | None = None
    for ch in s:
        if ch in CN_DIGITS:
            if digit is not None and digit != 0 and CN_DIGITS[ch] != 0:
                # 二五 as digits (二五 → 25) is not a numeral form we accept inside sections
                return None
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            mult = CN_UNITS[ch]
            total += (digit if digit is not None else 1) * mult
            digit = None
        else:
            return None
    if digit is not None:
        total += digit
    return total


def parse_chinese(s: str) -> float | None:
    """Parse a Chinese numeral, with 万/亿 multipliers and 点 decimals. None if invalid."""
    s = s.strip()
    if not s:
        return None
    if "点" in s:
        head, _, tail = s.partition("点")
        whole = parse_chinese(head) if head else 0
        if whole is None or not tail or any(c not in CN_DIGITS for c in tail):
            return None
        frac = float("0." + "".join(str(CN_DIGITS[c]) for c in tail))
        return whole + frac
    if all(c in CN_DIGITS for c in s) and len(s) > 1:
        # digit-by-digit form (二〇二五) → 2025
        return float("".join(str(CN_DIGITS[c]) for c in s))
    return _parse_cn_big(s)


def _parse_cn_big(s: str) -> float | None:
    """Split on the last 亿, then on the last 万: 三亿五千万 → 3·10⁸ + 5000·10⁴."""
    for ch, mult in (("亿", 100_000_000), ("億", 100_000_000), ("万", 10_000), ("萬", 10_000)):
        if ch in s:
            head, _, tail = s.rpartition(ch)
            high = _parse_cn_big(head) if head else 1.0
            low = _parse_cn_big(tail) if tail else 0.0
            if high is None or low is None:
                return None
            return high * mult + low
    val = _parse_cn_section(s)
    return None if val is None else float(val)


def parse_arabic(s: str) -> float | None:
    """Parse ``13.5``, ``1,200``, ``2 000``, ``1.2万``, ``３亿``. None if invalid."""
    s = s.translate(_FULLWIDTH)
    m = _ARABIC_RE.match(s)
    if not m:
        return None
    digits = m.group(1).replace(",", "").replace(" ", "")
    try:
        value = float(digits)
    except ValueError:
        return None
    for ch in m.group(2):
        value *= CN_BIG[ch]
    return value if math.isfinite(value) else None  # 400 digits: not a quantity anyone wrote down


def parse_number(s: str) -> float | None:
    """Parse an Arabic or Chinese number (with optional 万/亿 multipliers)."""
    if not s:
        return None
    s = s.strip()
    value = parse_arabic(s)
    if value is not None:
        return value
    # mixed: 1.2万亿 handled above; 十 / 一千万 / 三亿
    return parse_chinese(s)


def is_chinese_numeral(s: str) -> bool:
    return bool(s) and all(c in CN_NUMERAL_CHARS for c in s)
