"""The editorial lists of ``src/ccnt/data/editorial.toml``, read once.

Invariant: each list is a non-empty list of distinct, non-empty words, and the lists that must agree
do (the matrix's core sectors are among its sectors); otherwise ``load`` raises ``EditorialDataError``
naming the file, the list and what is wrong, so a bad edit stops the command or the site that reads
it instead of quietly emptying a page. Plain Python (``tomllib``), no Django: the analysis reads the
climate terms. Rejected: keeping the lists as constants in the modules that use them, where an
editor had to find and change code (issue 18, "Data, not code"); JSON, which cannot carry the
comments that say what each list means.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ccnt.paths import DATA_DIR

EDITORIAL_FILE = DATA_DIR / "editorial.toml"


class EditorialDataError(ValueError):
    """The editorial data file is missing, not TOML, or a list in it is malformed."""


@dataclass(frozen=True)
class Editorial:
    headline_indicators: tuple[str, ...]  # [report] the report compares these first, in order
    plan_types: frozenset[str]  # [matrix] policy types that make a policy a plan of the 1+N system
    matrix_sectors: tuple[str, ...]  # [matrix] the sector columns, in order
    core_sectors: frozenset[str]  # [matrix] columns shown even while empty
    climate_terms: tuple[str, ...]  # [climate] terms that make a text climate policy
    weak_climate_terms: tuple[str, ...]  # [climate] energy / environment words: relevant, not climate


def _words(path: Path, data: dict, table: str, key: str) -> tuple[str, ...]:
    where = f"{path}: [{table}] {key}"
    section = data.get(table)
    if not isinstance(section, dict) or key not in section:
        raise EditorialDataError(f"{where}: missing")
    value = section[key]
    if not isinstance(value, list) or not value:
        raise EditorialDataError(f"{where}: must be a non-empty list of words")
    bad = [item for item in value if not isinstance(item, str) or not item.strip()]
    if bad:
        raise EditorialDataError(f"{where}: not a word: {bad[0]!r}")
    seen: set[str] = set()
    for item in value:
        if item in seen:
            raise EditorialDataError(f"{where}: {item!r} is listed twice")
        seen.add(item)
    return tuple(value)


def load(path: Path = EDITORIAL_FILE) -> Editorial:
    """Read and check ``path`` (see the module's invariant)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise EditorialDataError(f"{path}: missing (the editorial lists)") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise EditorialDataError(f"{path}: not valid TOML: {error}") from error
    sectors = _words(path, data, "matrix", "sectors")
    core = _words(path, data, "matrix", "core_sectors")
    stray = [code for code in core if code not in sectors]
    if stray:
        raise EditorialDataError(f"{path}: [matrix] core_sectors: {stray[0]!r} is not among the sectors")
    return Editorial(
        headline_indicators=_words(path, data, "report", "headline_indicators"),
        plan_types=frozenset(_words(path, data, "matrix", "plan_types")),
        matrix_sectors=sectors,
        core_sectors=frozenset(core),
        climate_terms=_words(path, data, "climate", "terms"),
        weak_climate_terms=_words(path, data, "climate", "weak_terms"),
    )


@functools.cache
def editorial() -> Editorial:
    """The lists of ``EDITORIAL_FILE``, read on first use and kept."""
    return load()
