"""English names of divisions, made when the divisions are loaded.

Invariant: every province and prefecture-level unit (and every county-level division) has an
English name: the curated one in ``data/division_names_en.csv`` where the usual English form is not
plain pinyin (Inner Mongolia, Tibet (Xizang), Shaanxi beside Shanxi, Hong Kong, Macao, Hohhot,
Urumqi …), otherwise the Hanyu Pinyin of the name without its suffix (pypinyin, with its phrase
dictionary for place names such as 重庆 Chongqing, 六安 Lu'an), syllables run together with an
apostrophe before a vowel (Xi'an), and an English word for the kind of unit (District, County,
Banner, Prefecture, League). Development zones and statistical placeholders other than the few
below get none (the pages fall back to the Chinese name). Rejected: a hand-typed English column
for 3,000 rows (it drifts from the division list that ``scripts/regenerate_divisions.py`` rebuilds)
and a translation service (names are transliterated, not translated).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from pypinyin import Style, lazy_pinyin, load_phrases_dict, load_single_dict

from ccnt.paths import DATA_DIR

CURATED_PATH = DATA_DIR / "division_names_en.csv"

PLACEHOLDERS = {
    "市辖区": "City districts",
    "县": "Counties",
    "省直辖县级行政区划": "County-level units under the province",
    "自治区直辖县级行政区划": "County-level units under the autonomous region",
}

# name suffix → English kind word, longest first (a county-level city takes no word: Kunshan)
CITY_SUFFIXES = (("自治州", "Prefecture"), ("地区", "Prefecture"), ("盟", "League"), ("市", ""))
COUNTY_SUFFIXES = (("自治县", "Autonomous County"), ("自治旗", "Autonomous Banner"), ("林区", "Forestry District"),
                   ("特区", "Special District"), ("矿区", "Mining District"), ("新区", "New Area"), ("区", "District"),
                   ("县", "County"), ("旗", "Banner"), ("市", ""))


# readings a character takes in place names where pypinyin's everyday first reading differs
# (朝阳 Chaoyang, 魏都 Weidu, 民乐 Minle), and the few names that break even that rule
PLACE_READINGS = {"朝": "cháo,zhāo", "都": "dū,dōu", "乐": "lè,yuè", "长": "cháng,zhǎng", "藏": "zàng,cáng"}
PLACE_PHRASES = {"朝阳": [["cháo"], ["yáng"]], "民乐": [["mín"], ["lè"]], "乐清": [["yuè"], ["qīng"]], "乐亭": [["lào"], ["tíng"]], "长子": [["zhǎng"], ["zǐ"]]}
load_single_dict({ord(char): readings for char, readings in PLACE_READINGS.items()})
load_phrases_dict(PLACE_PHRASES)


@lru_cache(maxsize=1)
def curated(path: Path = CURATED_PATH) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["adcode"]: row["name_en"] for row in csv.DictReader(handle) if row["name_en"]}


def pinyin(text: str) -> str:
    """``西安`` → ``Xi'an``, ``吕梁`` → ``Lüliang``: one word, capitalised."""
    syllables = lazy_pinyin(text, style=Style.NORMAL, v_to_u=True)
    word = ""
    for syllable in syllables:
        if not syllable.isalpha():
            return ""  # not all Chinese characters: no transliteration rather than a half one
        if word and syllable[0] in "aoe":
            word += "'"
        word += syllable
    return word[:1].upper() + word[1:]


def _split(name: str, short_name: str, suffixes) -> tuple[str, str] | None:
    for suffix, kind in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            base = short_name if short_name and short_name != name and name.startswith(short_name) else name
            if base == name:
                base = name[: -len(suffix)]
            return base, kind
    return None


def english_name(adcode: str, name: str, short_name: str, level: str, kind: str) -> str:
    if adcode in curated():
        return curated()[adcode]
    if kind == "placeholder":
        return PLACEHOLDERS.get(name, "")
    if kind != "division" or level not in ("city", "county"):
        return ""
    parts = _split(name, short_name, CITY_SUFFIXES if level == "city" else COUNTY_SUFFIXES)
    if parts is None:
        return ""
    base, word = parts
    english = pinyin(base)
    if not english:
        return ""
    return f"{english} {word}" if word else english
