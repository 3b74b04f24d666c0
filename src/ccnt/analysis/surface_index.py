"""The dictionary scan shared by the gazetteer (places, authorities) and the actor registry.

Invariant: it imports nothing from the analysis, so ``gazetteer.py`` and ``actors.py`` both import it
at the top. The rejected alternative kept it private to ``gazetteer.py``: ``actors.py`` then imported
the gazetteer while the gazetteer built an ``ActorRegistry`` — a cycle hidden by an import inside
``Gazetteer.__init__``.
"""

from __future__ import annotations

from typing import Any


class SurfaceIndex:
    """surface → values, scanned longest match first with a two-character prefix table."""

    def __init__(self) -> None:
        self.table: dict[str, list[Any]] = {}
        self.lengths: dict[str, list[int]] = {}

    def add(self, surface: str, value: Any) -> None:
        if len(surface) < 2:
            return
        values = self.table.setdefault(surface, [])
        if value not in values:
            values.append(value)
        lens = self.lengths.setdefault(surface[:2], [])
        if len(surface) not in lens:
            lens.append(len(surface))
            lens.sort(reverse=True)

    def match_at(self, text: str, i: int) -> tuple[str, list[Any]] | None:
        lens = self.lengths.get(text[i : i + 2])
        if not lens:
            return None
        for n in lens:
            surface = text[i : i + n]
            if len(surface) == n and surface in self.table:
                return surface, self.table[surface]
        return None

    def scan(self, text: str) -> list[tuple[int, int, str, list[Any]]]:
        out = []
        i, n = 0, len(text)
        while i < n - 1:
            hit = self.match_at(text, i)
            if hit:
                surface, values = hit
                out.append((i, i + len(surface), surface, values))
                i += len(surface)
            else:
                i += 1
        return out
