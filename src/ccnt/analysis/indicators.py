"""The indicator catalogue (``data/indicators.csv``) and alias matching.

Matching is a first-character index over every alias and zh name (longest alias first at
each position), so finding the indicator mentions in a window costs a few dictionary
look-ups per character — no regex alternation over hundreds of aliases.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "indicators.csv"


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


_DEFAULT: IndicatorCatalogue | None = None


def default_catalogue() -> IndicatorCatalogue:
    """The catalogue from the package's data file (loaded once per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = IndicatorCatalogue.load()
    return _DEFAULT
