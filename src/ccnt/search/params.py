"""The parameters of a search, parsed and validated from a request's GET (or any mapping of
lists): ``parse_filters`` raises ValueError with a message naming the bad parameter.

Filter names (DESIGN.md contract): ``q``, ``jurisdiction`` (an adcode; includes the units below
it), ``level``, ``category``, ``sector``, ``topic``, ``type``, ``legal_force``, ``year``,
``date_from``, ``date_to``, ``has_targets``, ``sort`` (``relevance``, ``-date``, ``date``),
``mode`` (``hybrid``, the default: keyword and passage results fused; ``keyword``: the exact
keyword search), ``page``. A filter may repeat or hold a comma-separated list
(``level=province,city``): values of one filter are alternatives (OR), different filters
combine (AND).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlencode

from ccnt.tracker.models import Category, Jurisdiction, Sector, Topic
from ccnt.tracker.models.geo import Level
from ccnt.tracker.models.policy import LegalForce

from .tokenize import Term, query_terms

SORTS = ("relevance", "-date", "date")
LIST_FILTERS = ("level", "category", "sector", "topic", "type", "legal_force", "year")
FILTER_NAMES = ("q", "jurisdiction", *LIST_FILTERS, "date_from", "date_to", "has_targets", "sort", "mode", "page")
MAX_Q = 200
MAX_VALUES = 20
MODES = ("hybrid", "keyword")
_ADCODE = re.compile(r"^\d{6}$")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    jurisdiction: str = ""
    level: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    legal_force: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    has_targets: bool | None = None
    sort: str = ""
    mode: str = ""  # "" or "hybrid": keyword and passage results fused; "keyword": keyword only
    page: int = 1
    terms: tuple[Term, ...] = field(default=(), compare=False, repr=False)
    jurisdiction_prefix: str = field(default="", compare=False, repr=False)
    # policies found by meaning only (hybrid.py): matched besides the keyword match, under the
    # same filters and facets; part of the result's identity, so part of its cache keys
    meaning_ids: tuple[int, ...] = field(default=(), repr=False)

    @property
    def effective_sort(self) -> str:
        if self.sort:
            return "-date" if self.sort == "relevance" and not self.terms else self.sort
        return "relevance" if self.terms else "-date"

    def as_query(self) -> dict[str, list[str]]:
        """The parameters as they appear in a URL (only those set), lists kept as lists."""
        out: dict[str, list[str]] = {}
        for name in FILTER_NAMES:
            value = getattr(self, name)
            if name == "page" and value == 1:
                continue
            if value in ("", None, ()):
                continue
            if isinstance(value, tuple):
                out[name] = [str(v) for v in value]
            elif isinstance(value, bool):
                out[name] = ["1" if value else "0"]
            else:
                out[name] = [value.isoformat() if isinstance(value, date) else str(value)]
        return out

    def urlencode(self, **changes) -> str:
        """A shareable query string, e.g. for links: ``params.urlencode(page=2)``."""
        query = self.as_query()
        for name, value in changes.items():
            if value in ("", None, ()):
                query.pop(name, None)
            else:
                query[name] = [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
        return urlencode(query, doseq=True)


# --- parsing --------------------------------------------------------------------------------

def _values(querydict, name: str) -> list[str]:
    raw = querydict.getlist(name) if hasattr(querydict, "getlist") else (
        querydict.get(name) if isinstance(querydict.get(name), list) else [querydict.get(name, "")])
    values = []
    for item in raw:
        for part in str(item or "").split(","):
            part = part.strip()
            if part and part not in values:
                values.append(part)
    if len(values) > MAX_VALUES:
        raise ValueError(f"{name}: at most {MAX_VALUES} values")
    return values


def _one(querydict, name: str) -> str:
    values = _values(querydict, name)
    if len(values) > 1:
        raise ValueError(f"{name}: one value expected, got {len(values)}")
    return values[0] if values else ""


def _codes(values: list[str], name: str, known: set[str]) -> tuple[str, ...]:
    for value in values:
        if value not in known:
            raise ValueError(f"{name}: unknown code {value!r}")
    return tuple(values)


def _date(value: str, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name}: expected a date as YYYY-MM-DD, got {value!r}") from None


def parse_filters(querydict) -> SearchParams:
    """Validated parameters from a request's GET (or any mapping of lists). Raises ValueError
    with a message naming the bad parameter."""
    q = " ".join(str(v) for v in (querydict.getlist("q") if hasattr(querydict, "getlist") else [querydict.get("q", "")]))
    q = " ".join(q.split())
    if len(q) > MAX_Q:
        raise ValueError(f"q: at most {MAX_Q} characters")
    jurisdiction, prefix = _one(querydict, "jurisdiction"), ""
    if jurisdiction:
        if not _ADCODE.match(jurisdiction):
            raise ValueError(f"jurisdiction: expected a six-digit adcode, got {jurisdiction!r}")
        place = Jurisdiction.objects.by_adcode(jurisdiction)
        if place is None:
            raise ValueError(f"jurisdiction: unknown adcode {jurisdiction!r}")
        prefix = place.descendant_codes_prefix()
    levels = _codes(_values(querydict, "level"), "level", set(Level.values))
    categories = _codes(_values(querydict, "category"), "category", set(Category.objects.values_list("code", flat=True)))
    sectors = _codes(_values(querydict, "sector"), "sector", set(Sector.objects.values_list("code", flat=True)))
    topics = _codes(_values(querydict, "topic"), "topic", set(Topic.objects.values_list("code", flat=True)))
    forces = _codes(_values(querydict, "legal_force"), "legal_force", {v for v in LegalForce.values if v})
    types = tuple(_values(querydict, "type"))
    if any(len(t) > 32 for t in types):
        raise ValueError("type: at most 32 characters")
    years = []
    for value in _values(querydict, "year"):
        if not value.isdigit() or not 1949 <= int(value) <= 2100:
            raise ValueError(f"year: expected a year such as 2025, got {value!r}")
        years.append(int(value))
    date_from, date_to = _date(_one(querydict, "date_from"), "date_from"), _date(_one(querydict, "date_to"), "date_to")
    if date_from and date_to and date_from > date_to:
        raise ValueError("date_from: must not be after date_to")
    has_targets = _one(querydict, "has_targets").lower()
    if has_targets and has_targets not in _TRUE | _FALSE:
        raise ValueError(f"has_targets: expected 1 or 0, got {has_targets!r}")
    sort = _one(querydict, "sort")
    if sort and sort not in SORTS:
        raise ValueError(f"sort: expected one of {', '.join(SORTS)}, got {sort!r}")
    mode = _one(querydict, "mode")
    if mode and mode not in MODES:
        raise ValueError(f"mode: expected one of {', '.join(MODES)}, got {mode!r}")
    page = _one(querydict, "page") or "1"
    if not page.isdigit() or int(page) < 1:
        raise ValueError(f"page: expected a positive whole number, got {page!r}")
    return SearchParams(
        q=q, jurisdiction=jurisdiction, level=levels, category=categories, sector=sectors, topic=topics,
        type=types, legal_force=forces, year=tuple(years), date_from=date_from, date_to=date_to,
        has_targets=None if not has_targets else has_targets in _TRUE, sort=sort, mode="" if mode == "hybrid" else mode,
        page=min(int(page), 10**6),
        terms=tuple(query_terms(q)) if q else (), jurisdiction_prefix=prefix,
    )


def _with_terms(params: SearchParams) -> SearchParams:
    """Params built by hand (not by parse_filters) get their terms and prefix here."""
    updates = {}
    if params.q and not params.terms:
        updates["terms"] = tuple(query_terms(params.q))
    if params.jurisdiction and not params.jurisdiction_prefix:
        place = Jurisdiction.objects.by_adcode(params.jurisdiction)
        updates["jurisdiction_prefix"] = place.descendant_codes_prefix() if place else params.jurisdiction
    return replace(params, **updates) if updates else params

