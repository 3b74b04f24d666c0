"""The indicator catalogue (``data/indicators.csv``) and alias matching.

Matching is a first-character index over every alias and zh name (longest alias first at
each position), so finding the indicator mentions in a window costs a few dictionary
look-ups per character — no regex alternation over hundreds of aliases.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from ccnt.paths import DATA_DIR

DEFAULT_PATH = DATA_DIR / "indicators.csv"


@dataclass(frozen=True)
class Indicator:
    code: str
    name_zh: str
    name_en: str = ""
    unit_family: str = ""
    better: str = ""
    sector: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    code: str
    alias: str


@dataclass
class IndicatorCatalogue:
    indicators: dict[str, Indicator] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index: dict[str, list[tuple[str, str]]] = {}
        for ind in self.indicators.values():
            for alias in (ind.name_zh, *ind.aliases):
                self._add(alias, ind.code)
                self._add(fold_wording(alias), ind.code)
        for lst in self._index.values():
            lst.sort(key=lambda pair: len(pair[0]), reverse=True)

    def _add(self, alias: str, code: str) -> None:
        alias = alias.strip()
        if not alias or code == "other":
            return
        lst = self._index.setdefault(alias[0], [])
        if all(a != alias for a, _ in lst):
            lst.append((alias, code))

    # -- loading -------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None) -> IndicatorCatalogue:
        path = Path(path) if path else DEFAULT_PATH
        indicators: dict[str, Indicator] = {}
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                code = (row.get("code") or "").strip()
                if not code:
                    continue
                aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
                indicators[code] = Indicator(
                    code=code,
                    name_zh=(row.get("name_zh") or "").strip(),
                    name_en=(row.get("name_en") or "").strip(),
                    unit_family=(row.get("unit_family") or "").strip(),
                    better=(row.get("better") or "").strip(),
                    sector=(row.get("sector") or "").strip(),
                    aliases=aliases,
                )
        return cls(indicators)

    # -- queries -------------------------------------------------------------
    def __contains__(self, code: str) -> bool:
        return code in self.indicators

    def get(self, code: str) -> Indicator | None:
        return self.indicators.get(code)

    def name(self, code: str) -> str:
        ind = self.indicators.get(code)
        if ind is not None:
            return ind.name_zh
        return "其他指标" if code == "other" else code

    def match_at(self, text: str, pos: int, end: int | None = None) -> Mention | None:
        """The longest alias starting at ``pos`` (and ending by ``end``), or None."""
        lst = self._index.get(text[pos]) if 0 <= pos < len(text) else None
        if not lst:
            return None
        limit = len(text) if end is None else end
        for alias, code in lst:
            if pos + len(alias) <= limit and text.startswith(alias, pos):
                return Mention(pos, pos + len(alias), code, alias)
        return None

    def find_all(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Alias mentions in text[start:end]; a mention inside a longer one is dropped."""
        end = len(text) if end is None else min(end, len(text))
        found: list[Mention] = []
        index = self._index
        for i in range(max(0, start), end):
            if text[i] not in index:
                continue
            m = self.match_at(text, i, end)
            if m is None:
                continue
            if found and found[-1].end >= m.end:
                continue  # contained in the previous, longer mention
            found.append(m)
        # drop mentions contained in a later, longer one that started earlier-overlapping
        result: list[Mention] = []
        for m in found:
            while result and result[-1].start >= m.start and result[-1].end <= m.end:
                result.pop()
            result.append(m)
        return result

    def best_before(self, text: str, start: int, end: int) -> Mention | None:
        """The indicator mention in text[start:end] nearest to ``end`` (longest wins on overlap)."""
        mentions = self.find_all(text, start, end)
        if not mentions:
            return None
        # a longer mention overlapping a nearer shorter one wins: 非化石能源占能源消费总量比重
        best = mentions[-1]
        for m in reversed(mentions[:-1]):
            if m.end > best.start and (m.end - m.start) > (best.end - best.start):
                best = m
        return best


    # -- unit-aware resolution -------------------------------------------------
    def compatible(self, code: str, value_family: str, metric_kind: str = "level") -> bool:
        """Can a value of ``value_family`` (units.Unit.family) measure indicator ``code``?"""
        ind = self.indicators.get(code)
        if ind is None or not value_family:
            return True
        fam = ind.unit_family
        if fam in ("", "other"):
            return True
        if fam == "year":
            return False
        if value_family == "electricity" and fam == "power" and code in ENERGY_RATED:
            return True  # 新型储能装机规模260万千瓦时: storage is rated in energy as well as power
        allowed = _COMPAT.get(value_family)
        if allowed is None:
            return True
        if value_family in ("share", "share_change") and metric_kind != "level":
            return True  # 下降13.5%, 增长10%: a change of any quantity
        return fam in allowed

    def _bigram_index(self) -> dict[str, list[tuple[str, str, int]]]:
        idx = getattr(self, "_bigrams", None)
        if idx is None:
            idx = {}
            for ind in self.indicators.values():
                if ind.code == "other":
                    continue
                for alias in {ind.name_zh, *ind.aliases}:
                    grams = _grams(alias)
                    if len(alias) < 4 or len(grams) < 3:
                        continue
                    for g in grams:
                        idx.setdefault(g, []).append((alias, ind.code, len(grams)))
            self._bigrams = idx
        return idx

    def fuzzy(self, subject: str, value_family: str = "", metric_kind: str = "level",
              threshold: float = 0.75) -> tuple[str, float] | None:
        """The indicator whose alias's character bigrams are best contained in ``subject``."""
        grams = _grams(subject)
        if not grams:
            return None
        idx = self._bigram_index()
        hits: dict[tuple[str, str, int], int] = {}
        for g in grams:
            for key in idx.get(g, ()):
                hits[key] = hits.get(key, 0) + 1
        # rank by the F-measure of "alias bigrams found in the subject" (recall, must reach
        # the threshold) and "subject bigrams found in the alias" (precision): a short alias
        # whose bigrams happen to be scattered over a long subject does not win
        best: tuple[float, float, int, str] | None = None
        ns = len(grams)
        for (alias, code, n), k in hits.items():
            recall = k / n
            if recall < threshold or not self.compatible(code, value_family, metric_kind):
                continue
            precision = min(1.0, k / ns)
            f = 2 * precision * recall / (precision + recall)
            cand = (f, recall, len(alias), code)
            if best is None or cand > best:
                best = cand
        if best is None:
            return None
        return best[3], best[0]

    def peak_indicator(self, subject: str, default: str = "co2_peak") -> str:
        """For a peak statement (X达到峰值): the year-family indicator whose stem X names."""
        stems = getattr(self, "_peak_stems", None)
        if stems is None:
            stems = []
            for ind in self.indicators.values():
                if ind.unit_family != "year" or ind.code in ("carbon_neutrality",):
                    continue
                for alias in (ind.name_zh, *ind.aliases):
                    stem = _PEAK_WORDS_RE.sub("", alias)
                    if len(stem) >= 2 and not any(c.isdigit() for c in stem):
                        stems.append((stem, ind.code))
            stems.sort(key=lambda p: len(p[0]), reverse=True)
            self._peak_stems = stems
        for stem, code in stems:
            if stem in subject:
                return code
        return default


# capacities rated in energy as well as in power: only storage holds energy (a wind farm's kWh are
# its generation, a different quantity). Rejected: letting every kWh value name a capacity in kW,
# which named 可再生能源发电量 (generation) as renewable capacity.
ENERGY_RATED = frozenset({"new_energy_storage_capacity", "pumped_storage_capacity"})

_COMPAT: dict[str, set[str]] = {
    "share": {"share", "intensity", "concentration"},
    "share_change": {"share", "intensity", "concentration"},
    "power": {"power"},
    "electricity": {"energy"},  # 亿千瓦时 is generation, never a capacity in 千瓦
    "energy": {"energy", "intensity", "specific_energy"},
    "co2": {"co2", "mass"},
    "mass": {"mass", "co2", "energy"},
    "volume": {"volume"},
    "area": {"area", "land_area"},
    "land_area": {"land_area", "area"},
    "length": {"length"},
    "money": {"money"},
    "vehicles": {"vehicles", "count"},
    "count": {"count", "vehicles"},
}

_PEAK_WORDS_RE = re.compile(r"(?:力争|确保)?(?:\d{4}年前)?(?:实现)?(?:达到峰值|达峰|峰值|碳达峰)")


def _grams(s: str) -> set[str]:
    s = "".join(ch for ch in s if ch not in " ，,、（）()“”\"")
    return {s[i:i + 2] for i in range(len(s) - 1)}


# wording that never changes the quantity named: 并网装机规模 is 装机容量, 二氧化碳排放 is 碳排放 …
# (variant, canonical), applied in order to aliases and subjects alike (``fold_wording``)
WORDING_VARIANTS: tuple[tuple[str, str], ...] = (
    ("二氧化碳排放", "碳排放"), ("并网", ""), ("总装机", "装机"), ("装机容量", "装机"), ("装机规模", "装机"),
    ("国内生产总值", "GDP"), ("地区生产总值", "GDP"), ("生产总值", "GDP"), ("能源消耗", "能耗"),
    ("固体废弃物", "固废"), ("固体废物", "固废"), ("占比", "比重"), ("比例", "比重"), ("、", "和"),
    ("的比重", "比重"), ("能源消费总量比重", "能源消费比重"), ("面积比重", "比重"), ("营运", "运营"), ("星级以上", "星级"),
)


def fold_wording(phrase: str) -> str:
    """A phrase with its wording variants folded (非化石能源消费占比 → 非化石能源消费比重), so that the
    catalogue's aliases match a subject however the document words the same quantity. Rejected:
    listing every combination as an alias (并网/总/规模/容量 alone make eight spellings of one)."""
    for variant, canonical in WORDING_VARIANTS:
        phrase = phrase.replace(variant, canonical)
    return phrase


_DEFAULT: IndicatorCatalogue | None = None


def default_catalogue() -> IndicatorCatalogue:
    """The catalogue from the package's data file (loaded once per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = IndicatorCatalogue.load()
    return _DEFAULT
