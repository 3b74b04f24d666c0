"""The one search interface for pages, exports, feeds, saved searches and the API.

    params = parse_filters(request.GET)       # ValueError with a readable message if bad
    result = search(params, page_size=30)     # .policies .total .page .num_pages .facets .snippets
    policies = queryset(params)               # the filtered public queryset, for exports

The parameters and their validation live in ``params.py`` (re-exported here).

Facet counts are "what you would get if you picked this value": each facet is counted under
the query and every other filter, but not its own, so sibling values keep their counts. The
year and the date range use the policy's date: published, else signed.

Ranking for ``sort=relevance`` (the default when ``q`` is given): the number of query terms
found in the title (Chinese or English) first, then newer before older, then higher id.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString

from ccnt.tracker.models import Category, Jurisdiction, Policy, Sector, Topic
from ccnt.tracker.models.geo import Level
from ccnt.tracker.models.review import ReviewState
from ccnt.tracker.serializers import for_rows, with_related

from .models import PolicyIndex, PolicyTerm
from .params import FILTER_NAMES, SearchParams, _with_terms, parse_filters
from .snippets import highlight, pattern_of, snippet

FACETS = ("level", "category", "sector", "topic", "type", "year", "province")
# the complement of Policy.objects.public(), worded as the partial index search_policy_not_public
# (migration 0004) so both databases read that index instead of the policy table
NOT_PUBLIC_SQL = f"SELECT id FROM tracker_policy WHERE review_state <> '{ReviewState.PUBLISHED.value}'"


def not_public():
    """``NOT_PUBLIC_SQL`` as a subquery. SQLite's planner prefers scanning the whole
    ``review_state`` index to the partial one, so it is told which index to read."""
    sql = NOT_PUBLIC_SQL
    if connection.vendor == "sqlite":
        sql = sql.replace("FROM tracker_policy", "FROM tracker_policy INDEXED BY search_policy_not_public")
    return RawSQL(sql, [])
# --- matching: the only database-specific part ----------------------------------------------

def _fts5(terms, column: str = "", any_term: bool = False) -> str:
    parts = []
    for term in terms:
        tokens = [f'"{t}"' for t in term.tokens] or [f'"{term.prefix}"*']
        parts.append("(" + " AND ".join(tokens) + ")")
    expression = (" OR " if any_term else " AND ").join(parts)
    return f"{column} : ({expression})" if column else expression


def _tsquery(terms, any_term: bool = False) -> str:
    parts = []
    for term in terms:
        tokens = [f"'{t}'" for t in term.tokens] or [f"'{term.prefix}':*"]
        parts.append("(" + " & ".join(tokens) + ")")
    return (" | " if any_term else " & ").join(parts)


ROW_STEPS = (10, 100, 1000, 10000, 100000, 1000000)  # the match functions' estimates (migration 0006)
STATS_INDEX = {False: "search_pi_tokens_tsv", True: "search_pi_title_tsv"}


def term_statistics(title_only: bool = False) -> tuple[float, dict[str, float], float] | None:
    """(index rows, lexeme → share of rows holding it, the share below which a lexeme is not
    listed) from the statistics ANALYZE keeps for the GIN index expression, or None without
    them. Cached per generation: one catalogue query after a publish."""
    from .index import per_generation

    def read() -> tuple[float, dict[str, float], float] | None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.reltuples, s.most_common_elems::text::text[], s.most_common_elem_freqs "
                "FROM pg_stats s JOIN pg_class c ON c.relname = 'search_policyindex' "
                "AND c.relnamespace = to_regnamespace(s.schemaname) "
                "WHERE s.schemaname = current_schema() AND s.tablename = %s", [STATS_INDEX[title_only]])
            row = cursor.fetchone()
        if not row or not row[1] or not row[2] or (row[0] or 0) <= 0:
            return None
        rows, elems, freqs = row
        return float(rows), dict(zip(elems, freqs, strict=False)), float(freqs[len(elems)])

    return per_generation(f"term_statistics:{int(title_only)}", read, timeout=3600)


def estimated_matches(terms, title_only: bool = False, any_term: bool = False) -> float | None:
    """How many index rows match, from each token's share of rows (tokens taken as independent,
    as PostgreSQL's own estimate for a tsquery does; a token not among the common ones at the
    least common share — PostgreSQL takes half of it, but too low an estimate is the costly
    mistake: a nested loop over ninety thousand ids), or None for a prefix term or a database
    without statistics."""
    stats = term_statistics(title_only)
    if stats is None or not terms or any(not term.tokens for term in terms):
        return None
    rows, shares, floor = stats
    per_term = [math.prod(shares.get(token.lower(), floor) for token in term.tokens) for term in terms]
    share = 1 - math.prod(1 - s for s in per_term) if any_term else math.prod(per_term)
    return rows * share


def _match_sql(terms, title_only: bool = False, any_term: bool = False) -> tuple[str, list]:
    """SQL selecting the ids of index rows whose tokens (or title tokens) hold every term (or,
    with ``any_term``, at least one). On PostgreSQL always a GIN index scan, however common the
    term (migration 0002), through the function whose row estimate is the power of ten at or
    above the term's expected matches (migration 0006), so the query around it is planned for a
    dozen ids or for ninety thousand; the 0002 function (a fixed estimate) without one."""
    if connection.vendor == "sqlite":
        return ("SELECT rowid FROM search_fts WHERE search_fts MATCH %s",
                [_fts5(terms, "title_tokens" if title_only else "", any_term)])
    call, args = _match_call("ccnt_match_title" if title_only else "ccnt_match_tokens", terms, title_only, any_term)
    return f"SELECT * FROM {call}", args


def _match_call(function: str, terms, title_only: bool = False, any_term: bool = False) -> tuple[str, list]:
    """PostgreSQL: the call of ``function`` (or of its row-estimate step for these terms) on their
    tsquery."""
    expected = estimated_matches(terms, title_only, any_term)
    if expected is not None:
        function += f"_r{next((step for step in ROW_STEPS if step >= expected), ROW_STEPS[-1])}"
    return f"{function}(to_tsquery('simple', %s))", [_tsquery(terms, any_term)]


def _matching(rows, terms, title_only: bool = False, any_term: bool = False, also: tuple[int, ...] = ()):
    """``rows`` (index rows) narrowed to those that match ``terms`` (or whose policy is in ``also``:
    the policies a hybrid search found by meaning)."""
    sql, args = _match_sql(terms, title_only, any_term)
    if also:
        return rows.filter(Q(policy_id__in=RawSQL(sql, args)) | Q(policy_id__in=also))
    return rows.filter(policy_id__in=RawSQL(sql, args))


# --- filtering ------------------------------------------------------------------------------

def _filtered(params: SearchParams, skip: frozenset[str] = frozenset()):
    """Index rows of public policies matching the query and every filter not in ``skip``."""
    # The index holds public policies only (index.py); as a second gate, rows of any policy
    # that is not public are excluded here — the complement of Policy.objects.public(), which
    # is small, so this costs little even when a query matches most of the index.
    rows = PolicyIndex.objects.exclude(policy_id__in=not_public())
    if params.terms:
        rows = _matching(rows, params.terms, also=params.meaning_ids)
    if params.jurisdiction_prefix and "jurisdiction" not in skip:
        rows = rows.filter(policy_id__in=PolicyTerm.objects.filter(kind="j", value=params.jurisdiction_prefix)
                           .values("policy_id"))
    for name, column in (("level", "level"), ("category", "category"), ("type", "policy_type"),
                         ("legal_force", "legal_force"), ("year", "year")):
        values = getattr(params, name)
        if values and name not in skip:
            rows = rows.filter(**{f"{column}__in": values})
    for name in ("sector", "topic"):
        values = getattr(params, name)
        if values and name not in skip:
            rows = rows.filter(policy_id__in=PolicyTerm.objects.filter(kind=name, value__in=values).values("policy_id"))
    if params.date_from:
        rows = rows.filter(date__gte=params.date_from)
    if params.date_to:
        rows = rows.filter(date__lte=params.date_to)
    if params.has_targets is not None:
        rows = rows.filter(has_targets=params.has_targets)
    return rows


def _rows_sql(params: SearchParams, columns: tuple[str, ...], skip: frozenset[str] = frozenset()) -> tuple[str, list]:
    """SQL (and its parameters) selecting ``columns`` of the index rows ``_filtered(params, skip)``
    holds: what the facets, the total and the pages read.

    On PostgreSQL the rows come straight out of the match (``ccnt_match_rows…``, migration 0008:
    the bitmap heap scan that finds them returns their narrow columns), with the filters and the
    public gate applied to them there. Rejected: ``policy_id IN (match)``, for which the planner
    de-duplicates the match's ids, always estimating 200 distinct values, and then looks each id up
    in the primary key one by one (160 ms for 60,000 ids, 600 ms for 100,000, at 100,000 policies);
    joining the ids to the index table, a hash join over the whole table for every common word —
    and for any rare word whose frequency the statistics overestimate."""
    if not params.terms or connection.vendor != "postgresql" or params.meaning_ids:
        sql, args = _filtered(params, skip).values_list(*columns).order_by().query.sql_with_params()
        return sql, list(args)
    base, base_args = (_filtered(replace(params, terms=()), skip).values_list(*columns).order_by()
                       .query.sql_with_params())
    table = connection.ops.quote_name(PolicyIndex._meta.db_table)
    source = f"FROM {table}"
    call, call_args = _match_call("ccnt_match_rows", params.terms)
    if base.count(source) == 1 and "%s" not in base[: base.index(source)]:
        # the filters name the table's columns: the function's rows take the table's name
        return base.replace(source, f"FROM {call} AS {table}"), [*call_args, *base_args]
    match, match_args = _match_sql(params.terms)  # pragma: no cover - a shape Django does not write today
    return (f"SELECT i.* FROM ({match}) AS matched (id) JOIN ({base}) AS i ON i.policy_id = matched.id",
            [*match_args, *base_args])


def _count(params: SearchParams, undated_only: bool = False) -> int:
    """How many index rows match (``undated_only``: of those without a date)."""
    sql, args = _rows_sql(params, ("policy_id", "date"))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS r{' WHERE r.date IS NULL' if undated_only else ''}", args)
        return int(cursor.fetchone()[0])


def queryset(params: SearchParams):
    """The filtered public policies, unpaginated, in the search's order (exports, feeds)."""
    params = _with_terms(params)
    return Policy.objects.public().filter(pk__in=_filtered(params).values("policy_id")).order_by(
        *_policy_order(params))


def _policy_order(params: SearchParams) -> list:
    sort = params.effective_sort
    if sort == "date":
        return [F("published_date").asc(nulls_last=True), "id"]
    return [F("published_date").desc(nulls_last=True), F("signed_date").desc(nulls_last=True), "-id"]


def _page_order(params: SearchParams) -> tuple[list[str], list]:
    """The ORDER BY keys of a page over index rows ``r`` (``policy_id``, ``date``), and their
    parameters.

    Relevance: rows with more of the query's terms in their title first, then newer first, then
    higher id — the first key counts, per row, the terms its title holds (each term's title matches
    read once from the index, a hashed set), so a page is a top-N sort of the matches, never a list
    of every titled row in Python."""
    sort = params.effective_sort
    if sort == "date":
        return ["r.date ASC NULLS LAST", "r.policy_id ASC"], []
    keys, args = ["r.date DESC NULLS LAST", "r.policy_id DESC"], []
    if sort == "relevance":
        hits = []
        for term in params.terms:
            title_sql, title_args = _match_sql([term], title_only=True)
            hits.append(f"CASE WHEN r.policy_id IN ({title_sql}) THEN 1 ELSE 0 END")
            args += title_args
        keys.insert(0, f"({' + '.join(hits)}) DESC")
    return keys, args


def _page_ids(params: SearchParams, offset: int, limit: int) -> list[int]:
    """The ids of one page of the matching rows in the requested order: one ordered statement."""
    sql, args = _rows_sql(params, ("policy_id", "date"))
    keys, key_args = _page_order(params)
    select = f"SELECT r.policy_id FROM ({sql}) AS r ORDER BY {', '.join(keys)} LIMIT %s OFFSET %s"
    with connection.cursor() as cursor:
        cursor.execute(select, [*args, *key_args, limit, offset])
        return [row[0] for row in cursor.fetchall()]


# --- facets ---------------------------------------------------------------------------------

def _labels() -> dict[str, dict[str, str]]:
    return {
        "level": {k: str(v) for k, v in Level.choices},
        "category": dict(Category.objects.values_list("code", "name_zh")),
        "sector": dict(Sector.objects.values_list("code", "name_zh")),
        "topic": dict(Topic.objects.values_list("code", "name_zh")),
    }


def _cache_key(params: SearchParams, kind: str = "facets", keep: tuple[str, ...] = ()) -> str:
    from .index import generation_key

    query = params.as_query()
    for name in ("page", "sort"):
        if name not in keep:
            query.pop(name, None)
    digest = hashlib.sha1(repr((sorted(query.items()), params.meaning_ids)).encode("utf-8")).hexdigest()
    return generation_key(f"search.{kind}:{digest}")


def _cached(key: str, compute):
    """``compute()`` cached under ``key`` (which holds the index generation: any index write
    makes a new one, so a stale count or page is never served)."""
    if not getattr(settings, "CCNT_SEARCH_CACHE_SECONDS", 300):
        return compute()
    found = cache.get(key)
    if found is None:
        found = compute()
        _store(key, found)
    return found


def _store(key: str, value) -> None:
    seconds = getattr(settings, "CCNT_SEARCH_CACHE_SECONDS", 300)
    if seconds:
        cache.set(key, value, seconds)


def facets_for(params: SearchParams, page_size: int | None = None) -> dict[str, list[tuple[str, str, int]]]:
    """Facet counts, cached per index generation. With ``page_size``, counting them also finds the
    ids of ``params.page`` (same statement, same matched rows) and caches them for ``page_ids``."""
    return _cached(_cache_key(params), lambda: _facets(params, page_size))


def _flag(params: SearchParams, name: str):
    """The SQL condition of one many-valued filter (jurisdiction, sector, topic) on an index row,
    with its parameters, or None when the filter is not set."""
    table = PolicyTerm._meta.db_table
    if name == "jurisdiction":
        if not params.jurisdiction_prefix:
            return None
        return (f"r.policy_id IN (SELECT policy_id FROM {table} WHERE kind = 'j' AND value = %s)",
                [params.jurisdiction_prefix])
    values = getattr(params, name)
    if not values:
        return None
    return (f"r.policy_id IN (SELECT policy_id FROM {table} WHERE kind = %s AND value IN "
            f"({', '.join(['%s'] * len(values))}))", [name, *values])


SINGLE = {"level": "level", "category": "category", "type": "policy_type", "year": "year"}
FACET_FILTERS = frozenset({*SINGLE, "sector", "topic", "jurisdiction"})


def facet_rows(params: SearchParams, page_size: int | None = None) -> list[tuple]:
    """(grouping set, level, category, policy_type, year, facet_key, the count of each facet in
    ``COUNTED`` order, then a page's policy id, title hits and date) rows: see ``facet_sql``."""
    sql, args = facet_sql(params, page_size)
    # (no larger work_mem: with the rows read out of the match, 4 MB and 64 MB cost the same for
    # 99,681 rows — the spills were the hash join and the sort of the plans this replaced)
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        return cursor.fetchall()


# the grouping sets, as PostgreSQL's GROUPING() of (level, category, policy_type, year, facet_key)
# numbers them: a bit set for each column the set leaves out
GROUPED = {"level": 0b01111, "category": 0b10111, "type": 0b11011, "year": 0b11101, "facet_key": 0b11110}
COUNTED = ("level", "category", "type", "year", "sector", "topic", "province", "")  # "": the total
OWN_FILTER = {"province": "jurisdiction"}  # the filter each facet leaves out (its own name otherwise)


PAGE_ROWS = -1  # facet_sql's rows of the page


def facet_sql(params: SearchParams, page_size: int | None = None) -> tuple[str, list]:
    """Every count the facets and the total need, from one statement over the matched rows — and,
    with ``page_size``, the ids of ``params.page`` from the same rows.

    The rows matching the query and the filters no facet leaves out (legal force, dates, has
    targets; the public gate) are read once (``m``); each carries its single-valued facet columns,
    its ``facet_key`` (sector, topic and province terms) and, for each filter a facet leaves out,
    whether it passes. They are grouped by each facet column alone (PostgreSQL: grouping sets in one
    pass; SQLite: a union), and each group counts, for every facet, the rows that pass every filter
    but that facet's own — so one statement gives each facet its counts and the total (a
    ``facet_key`` group's terms are split in Python: some hundreds of distinct keys however many
    rows match). The page's rows (``PAGE_ROWS``) are the top of the rows that pass every filter,
    with their sort keys so the caller can put them in order."""
    columns = (*SINGLE.values(), "facet_key")
    inner, inner_args = _rows_sql(params, ("policy_id", "date", *columns), FACET_FILTERS)
    oks, ok_args = {}, []
    for name, column in SINGLE.items():
        values = getattr(params, name)
        if values:
            oks[name] = f"r.{column} IN ({', '.join(['%s'] * len(values))})"
            ok_args += list(values)
    for name in ("jurisdiction", "sector", "topic"):
        found = _flag(params, name)
        if found:
            oks[name] = found[0]
            ok_args += found[1]
    flags = "".join(f", ({condition}) AS {name}_ok" for name, condition in oks.items())
    counted = []
    for facet in COUNTED:
        own = OWN_FILTER.get(facet, facet)
        others = [f"{name}_ok" for name in oks if name != own]
        counted.append(f"COUNT(*) FILTER (WHERE {' AND '.join(others)})" if others else "COUNT(*)")
    aggregates = ", ".join(counted) + ", NULL, NULL, NULL"
    rows = f"SELECT policy_id, date, {', '.join(columns)}{flags} FROM ({inner}) AS r"
    if connection.vendor == "postgresql":
        sets = ", ".join(f"({c})" for c in columns)
        parts = [f"SELECT GROUPING({', '.join(columns)}), {', '.join(columns)}, {aggregates} FROM m "
                 f"GROUP BY GROUPING SETS ({sets})"]
    else:
        parts = []
        for mask, column in zip(GROUPED.values(), columns, strict=True):
            picked = ", ".join(c if c == column else "NULL" for c in columns)
            parts.append(f"SELECT {mask}, {picked}, {aggregates} FROM m GROUP BY {column}")
    page_args = []
    if page_size:
        keys, key_args = _page_order(params)
        hits = keys[0].removesuffix(" DESC") if params.effective_sort == "relevance" else "0"
        nothing = ", ".join(["NULL"] * (len(columns) + len(COUNTED)))
        passing = " AND ".join(f"{name}_ok" for name in oks) or "1 = 1"
        page = (f"SELECT {PAGE_ROWS}, {nothing}, r.policy_id, {hits}, r.date FROM m AS r "
                f"WHERE {passing} ORDER BY {', '.join(keys)} LIMIT %s OFFSET %s")
        # a member of the union in parentheses (PostgreSQL: its NULLs take the other members'
        # types); SQLite has no parenthesised members, and no types to match
        parts.append(f"({page})" if connection.vendor == "postgresql" else f"SELECT * FROM ({page}) AS page")
        page_args = [*(key_args * 2 if hits != "0" else key_args), page_size, (params.page - 1) * page_size]
    sql = f"WITH m AS MATERIALIZED ({rows}) " + " UNION ALL ".join(parts)
    return sql, [*ok_args, *inner_args, *page_args]


def _facets(params: SearchParams, page_size: int | None = None) -> dict[str, list[tuple[str, str, int]]]:
    labels = _labels()
    counts: dict[str, dict[str, int]] = {name: defaultdict(int) for name in FACETS}
    total, page = 0, []
    for mask, *values, facet_key, level_n, category_n, type_n, year_n, sector_n, topic_n, province_n, total_n, \
            page_id, page_hits, page_date in facet_rows(params, page_size):
        if mask == PAGE_ROWS:
            page.append((page_id, page_hits, page_date))
            continue
        by_facet = {"level": level_n, "category": category_n, "type": type_n, "year": year_n}
        for (name, grouped), value in zip(list(GROUPED.items())[:4], values, strict=True):
            if mask == grouped:
                counts[name]["" if value is None else str(value)] += by_facet[name]
                if name == "level":  # every row is in exactly one level group: these add up to the total
                    total += total_n
        if mask == GROUPED["facet_key"]:
            by_kind = {"sector": sector_n, "topic": topic_n, "province": province_n}
            for term in (facet_key or "").split():
                kind, _, value = term.partition(":")
                counts[kind][value] += by_kind[kind]
    if page_size:
        _store(_page_key(params, params.page, page_size), [pk for pk, _hits, _date in sorted(page, key=_page_sort(params))])
    # the same groups give the total under every filter: store it for count()
    _store(_cache_key(params, "total"), total)
    places = dict(Jurisdiction.objects.current().filter(adcode__in=list(counts["province"]))
                  .values_list("adcode", "name"))
    labels["province"] = places
    order = {"level": list(Level.values), "category": list(Category.objects.values_list("code", flat=True))}
    facets: dict[str, list[tuple[str, str, int]]] = {}
    for name in FACETS:
        tally = {k: n for k, n in counts[name].items() if k and n}
        if name in order:
            keys = [k for k in order[name] if k in tally] + sorted(k for k in tally if k not in order[name])
        elif name == "year":
            keys = sorted(tally, reverse=True)
        else:
            keys = sorted(tally, key=lambda k: (-tally[k], k))
        names = labels.get(name, {})
        facets[name] = [(k, names.get(k, k), tally[k]) for k in keys]
    return facets


# --- search ---------------------------------------------------------------------------------

@dataclass
class SearchResult:
    params: SearchParams
    policies: list[Policy]
    total: int
    page: int
    num_pages: int
    page_size: int
    facets: dict[str, list[tuple[str, str, int]]]
    snippets: dict[int, SafeString]
    titles: dict[int, SafeString]  # titles with <mark> around the query's hits
    # undated policies that match every filter but the dates: a date filter cannot place them,
    # so it leaves them out — and says so (日期不详)
    undated_left_out: int = 0
    # hybrid.py: the best passages of each listed policy found by meaning, "hybrid" or "keyword",
    # and the policies listed for their meaning alone (no keyword match)
    passages: dict = field(default_factory=dict)
    mode: str = "keyword"
    meaning_only: frozenset = frozenset()

    @property
    def terms(self) -> list[str]:
        return [t.text for t in self.params.terms]

    def facets_json(self) -> dict[str, list[dict]]:
        return {name: [{"code": c, "label": label, "count": n} for c, label, n in values]
                for name, values in self.facets.items()}


def count(params: SearchParams) -> int:
    """How many public policies match (cached per index generation: a common term matches
    most policies, and counting them is the slow part of a search)."""
    params = _with_terms(params)
    return _cached(_cache_key(params, "total"), lambda: _count(params))


def page_ids(params: SearchParams, page: int, page_size: int) -> list[int]:
    """The policy ids of one page in the order ``params`` asks for, cached like the count."""
    params = _with_terms(params)
    return _cached(_page_key(params, page, page_size), lambda: _page_ids(params, (page - 1) * page_size, page_size))


def _page_key(params: SearchParams, page: int, page_size: int) -> str:
    return _cache_key(replace(params, page=page), f"page{page_size}", keep=("page", "sort"))


def _page_sort(params: SearchParams):
    """The order of ``_page_order`` for (policy id, title hits, date) rows, in Python."""
    def day(value) -> int:  # SQLite gives raw dates as text
        return (date.fromisoformat(value) if isinstance(value, str) else value).toordinal() if value else 0

    if params.effective_sort == "date":
        return lambda row: (row[2] is None, day(row[2]), row[0])
    return lambda row: (-(row[1] or 0), row[2] is None, -day(row[2]), -row[0])


def undated_params(params: SearchParams) -> SearchParams:
    """The same search without its date filters (the undated policies are among its results)."""
    return replace(params, year=(), date_from=None, date_to=None, page=1)


def undated_left_out(params: SearchParams) -> int:
    if not (params.year or params.date_from or params.date_to):
        return 0
    undated = undated_params(params)
    return _cached(_cache_key(undated, "undated"), lambda: _count(undated, undated_only=True))


def page_policies(ids: list[int], full: bool) -> list[Policy]:
    """The public policies of ``ids``, in that order, loaded for ``policy_dict`` (``full``: the JSON)
    or for a result row (``for_rows``); the text for the snippet, never the extraction record."""
    related = with_related if full else for_rows
    by_id = {p.pk: p for p in related(Policy.objects.public().filter(pk__in=ids)).select_related(
        "published_version").defer("published_version__extracted")}
    return [by_id[i] for i in ids if i in by_id]


def search(params: SearchParams, page_size: int = 30, facets: bool = True, full: bool = True) -> SearchResult:
    """The page of ``params``: its policies loaded for ``policy_dict`` (``full``: the JSON), else
    for a result row (``for_rows``: issuers, place, category; the text for the snippet)."""
    params = _with_terms(params)
    # first: counting the facets stores the total and this page's ids
    facet_counts = facets_for(params, page_size) if facets else {}
    total = count(params)
    num_pages = max(1, math.ceil(total / page_size))
    page = min(params.page, num_pages)
    ids = page_ids(params, page, page_size)
    # the text gives the snippets; the extraction record is shown nowhere in a list
    policies = page_policies(ids, full)
    pattern = pattern_of(params.terms)
    return SearchResult(
        params=params, policies=policies, total=total, page=page, num_pages=num_pages, page_size=page_size,
        facets=facet_counts, undated_left_out=undated_left_out(params),
        snippets={p.pk: snippet(p, pattern) for p in policies},
        titles={p.pk: highlight(p.title, pattern) for p in policies},
    )


__all__ = ["FILTER_NAMES", "SearchParams", "SearchResult", "count", "highlight", "page_ids", "parse_filters", "queryset",
           "search", "undated_params"]
