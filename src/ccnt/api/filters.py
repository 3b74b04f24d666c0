"""The search page's filters, parsed and applied by ``ccnt.search.query`` so the API, the
feeds and the pages give the same answer for the same query string."""

from __future__ import annotations

from django.http import QueryDict

from .errors import bad_request

# DESIGN.md, "Contracts shared by pages, exports, feeds, saved searches and the API"
FILTER_NAMES = (
    "q", "jurisdiction", "level", "category", "sector", "topic", "type", "legal_force", "year", "date_from",
    "date_to", "has_targets",
)


def filter_names() -> tuple[str, ...]:
    from ccnt.search import query

    extra = tuple(n for n in getattr(query, "FILTER_NAMES", ()) if n not in FILTER_NAMES + ("sort", "page"))
    return FILTER_NAMES + extra


def parse(query_params, names: tuple[str, ...] | None = None, **fixed: str):
    """``SearchParams`` from the given names of ``query_params`` (plus ``fixed`` values);
    a bad value is a 400 that names the parameter."""
    from ccnt.search import query

    data = QueryDict(mutable=True)
    for name in names if names is not None else filter_names():
        if name in query_params:
            data.setlist(name, query_params.getlist(name))
    for name, value in fixed.items():
        data[name] = value
    try:
        return query.parse_filters(data)
    except ValueError as error:
        raise bad_request(str(error)) from None


def queryset(params):
    """The filtered public policies (``Policy.objects.public()`` underneath)."""
    from ccnt.search import query

    return query.queryset(params)


def search(params, page_size: int):
    from ccnt.search import hybrid

    return hybrid.search(params, page_size, facets=False)


def with_meaning(params):
    """``params`` with a hybrid search's meaning matches (``hybrid.with_meaning``), so a date-ordered
    listing holds what the relevance one does."""
    from ccnt.search import hybrid

    return hybrid.with_meaning(params)


def count(params) -> int:
    from ccnt.search import query

    return query.count(params)


def page_ids(params, page: int, page_size: int, sort: str) -> list[int]:
    """One page's ids in date order (``-date`` or ``date``), from the search's cached order."""
    from dataclasses import replace

    from ccnt.search import query

    return query.page_ids(replace(params, sort=sort), page, page_size)
