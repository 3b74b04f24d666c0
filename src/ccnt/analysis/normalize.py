"""Length-preserving text normalisation for the analysis.

Every function here returns a string of exactly the same length as its input, so
character offsets found in the normalised text are valid offsets into the original
(``text[start:end]`` stays the source span). Only one-to-one character substitutions
are made:

- full-width ASCII (０-９, Ａ-Ｚ, ａ-ｚ, ％, ．, ～, －, ＋, ／, （, ）, ，, ：, ；) → half-width;
- the ideographic space U+3000 and other exotic spaces → an ASCII space;
- dash variants used in ranges (‒ – ― −) → "—" (U+2014, the usual Chinese dash);
- Chinese-digit years (二〇二五年) → Arabic digits (2025年), four characters for four;
- a PDF's stray space inside a number moves to its end (2 022年 → 2022 年, 14. 5平方米 → 14.5 平方米).

Nothing else changes: CJK punctuation (、。《》“”) is kept as written.
"""

from __future__ import annotations

import re

_TABLE: dict[int, str] = {}
for _cp in range(0xFF01, 0xFF5F):  # full-width ASCII block
    _TABLE[_cp] = chr(_cp - 0xFEE0)
for _sp in ("\u3000", "\u00a0", "\u2002", "\u2003", "\u2009", "\u200a", "\u202f", "\u205f"):
    _TABLE[ord(_sp)] = " "
for _dash in ("\u2012", "\u2013", "\u2015", "\u2212", "\ufe63", "\ufe58"):
    _TABLE[ord(_dash)] = "\u2014"
_TABLE[ord("\u301c")] = "~"  # 〜 wave dash
_TABLE[ord("\u2236")] = ":"  # ∶ ratio
_TABLE[ord("\u00b7")] = "\u00b7"

_CN_DIGIT = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "一": "1", "二": "2", "三": "3", "四": "4",
             "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_YEAR_RE = re.compile(r"[〇零○一二三四五六七八九]{4}(?=年)")


# 2 022年 / 14. 5平方米: a space a PDF put inside a number (a year's digits, or after its decimal point)
_SPLIT_NUMBER_RE = re.compile(r"(?<![\d.])(\d{1,3}(?= \d{1,3}年)|\d+\.) (\d{1,3})")


def _join_number(m: re.Match[str]) -> str:
    joined = m.group(1) + m.group(2)
    if not joined.endswith(".") and "." not in joined and not (len(joined) == 4 and joined[:2] in ("19", "20")):
        return m.group(0)  # not a year split in two: 第1 2项 stays as written
    return joined + " "


def _cn_year(match: re.Match[str]) -> str:
    s = match.group(0)
    if s[0] not in "一二" or s[1] not in "〇零○九":  # only 19xx / 20xx years
        return s
    return "".join(_CN_DIGIT[c] for c in s)


def normalize(text: str) -> str:
    """Return ``text`` with width and digit variants unified; same length as ``text``."""
    if not text:
        return ""
    out = text.translate(_TABLE)
    if "年" in out:
        out = _CN_YEAR_RE.sub(_cn_year, out)
    if " " in out:
        out = _SPLIT_NUMBER_RE.sub(_join_number, out)
    if len(out) != len(text):  # pragma: no cover - guarded by construction
        raise AssertionError("normalize() must preserve length")
    return out


def phrases_alike(a: str, b: str, ratio: float, at_least: int = 0) -> bool:
    """Two subject phrases name the same thing: one holds the other, or they share a run of at least
    ``ratio`` of the shorter (and ``at_least`` characters). Empty phrases are never alike."""
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    return longest_common_run(a, b) >= max(at_least, ratio * min(len(a), len(b)))


def longest_common_run(a: str, b: str) -> int:
    """The length of the longest run of characters two phrases share (水泥行业碳排放 / 水泥碳排放: 3)."""
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size
