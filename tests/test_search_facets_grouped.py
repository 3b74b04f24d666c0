"""Facets and the total come from one grouped statement over the matched index rows: every count
equals a brute-force count of the public policies in Python, under any mix of filters (each facet
leaving out its own filter), and a policy that is not public is never counted, even when the
index still holds its row."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from ccnt.search.query import facets_for, parse_filters
from ccnt.tracker.models import Jurisdiction, Policy, Sector, Topic

from ._search_helpers import make_policy, run
from .conftest import rows_for_module

pytestmark = pytest.mark.django_db

WORD = "氦能"
# (title, text, level, category, adcode, policy_type, published, sectors, topics, extra jurisdictions)
POLICIES = [
    ("某省氦能发展规划", "总体要求。", "province", "energy", "320000", "规划", date(2023, 5, 1), ["energy"], ["hydrogen"], []),
    ("某市氦能试点方案", "", "city", "energy", "320100", "方案", date(2022, 3, 1), ["energy", "industry"], [], []),
    ("某市节能方案", "探索氦能应用。", "city", "efficiency", "320500", "方案", date(2023, 7, 1), ["industry"],
     ["energy_efficiency"], []),
    ("某省交通方案", "推广氦能车辆。", "province", "transport", "440000", "通知", date(2021, 1, 1), ["transport"],
     ["evs", "hydrogen"], ["320000"]),
    ("某县清洁取暖方案", "氦能供暖。", "county", "buildings", "320115", "实施意见", None, ["buildings", "energy"],
     ["clean_heating"], []),
    ("国家氦能指导意见", "", "national", "energy", "100000", "指导意见", date(2024, 2, 1), ["energy"], ["hydrogen"], []),
    ("某市煤电方案", "与本词无关。", "city", "energy", "440100", "方案", date(2023, 9, 1), ["energy"], ["coal_control"], []),
]
FILTERS = {
    "level": ["", "city", "province,county"],
    "category": ["", "energy"],
    "sector": ["", "energy", "industry,transport"],
    "topic": ["", "hydrogen"],
    "jurisdiction": ["", "320000"],
    "year": ["", "2023", "2021,2022"],
    "type": ["", "方案"],
}


@pytest.fixture(scope="module")
def policy_rows(django_db_setup, django_db_blocker):
    """The seven policies, made once for the module's eleven tests (``rows_for_module``: rolled
    back after its last test; what a test changes is undone by its own transaction)."""
    with rows_for_module(django_db_blocker):
        yield make_policies()


@pytest.fixture
def policies(db, policy_rows):
    return [Policy.objects.get(pk=policy.pk) for policy in policy_rows]


def make_policies() -> list[Policy]:
    made = []
    for title, text, level, category, adcode, kind, published, sectors, topics, extra in POLICIES:
        policy = make_policy(title, text, level=level, category=category, adcode=adcode, published=published,
                             policy_type=kind, signed_date=None)
        policy.sectors.set(Sector.objects.filter(code__in=sectors))
        policy.topics.set(Topic.objects.filter(code__in=topics))
        if extra:
            policy.jurisdictions.add(*[Jurisdiction.objects.by_adcode(code) for code in extra])
        made.append(policy)
    return made


def facts(policy: Policy) -> dict:
    day = policy.published_date or policy.signed_date
    places = [j.adcode for j in policy.jurisdictions.all()]
    return {
        "level": {policy.level}, "category": {policy.category.code}, "type": {policy.policy_type},
        "year": {str(day.year)} if day else set(),
        "sector": {s.code for s in policy.sectors.all()}, "topic": {t.code for t in policy.topics.all()},
        "province": {code[:2] + "0000" for code in places if code != "100000"},
        "jurisdiction": {code[:n] for code in places for n in (2, 4, 6)},
        "text": policy.title + (policy.published_version.text if policy.published_version_id else ""),
    }


def filters_of(query: dict[str, str]) -> dict[str, set[str]]:
    """Each filter's values as ``facts`` holds them (a jurisdiction as its adcode prefix)."""
    wanted = {name: set(value.split(",")) for name, value in query.items() if value and name not in ("q", "sort")}
    if "jurisdiction" in wanted:
        wanted["jurisdiction"] = {Jurisdiction.objects.by_adcode(code).descendant_codes_prefix()
                                  for code in wanted["jurisdiction"]}
    return wanted


def public_facts() -> list[dict]:
    return [facts(p) for p in Policy.objects.public()]


def brute_force(query: dict[str, str], public: list[dict] | None = None) -> tuple[dict[str, dict[str, int]], int]:
    """Facet counts and the total, from the public policies' own fields in Python (``public``:
    their ``facts``, read once by a caller that asks for many queries on unchanged data)."""
    wanted = filters_of(query)
    rows = public_facts() if public is None else public
    rows = [r for r in rows if not query.get("q") or query["q"] in r["text"]]

    def passes(row, but: str = "") -> bool:
        return all(row[name] & values for name, values in wanted.items() if name != but)

    counts = {}
    for facet in ("level", "category", "sector", "topic", "type", "year", "province"):
        own = "jurisdiction" if facet == "province" else facet
        tally = Counter(value for row in rows if passes(row, own) for value in row[facet] if value)
        counts[facet] = dict(tally)
    return counts, sum(1 for row in rows if passes(row))


def counted(result) -> dict[str, dict[str, int]]:
    return {name: {code: n for code, _label, n in values} for name, values in result.facets.items()}


def combinations():
    names = list(FILTERS)
    for values in itertools.product(*(FILTERS[name] for name in names)):
        query = {name: value for name, value in zip(names, values, strict=True) if value}
        if len(query) <= 3:  # every pair and triple of filters, with and without the query
            yield query


def test_it_counts_every_facet_and_the_total_like_a_brute_force_count(policies):
    checked = 0
    public = public_facts()  # the rows never change in this test: read once, not for each of its 298 queries
    for query in combinations():
        for q in ("", WORD):
            full = {**query, **({"q": q} if q else {})}
            result = run("&".join(f"{k}={v}" for k, v in full.items()))
            expected, total = brute_force(full, public)
            assert (counted(result), result.total) == (expected, total), full
            checked += 1
    assert checked > 100


def test_it_never_counts_a_policy_that_is_not_public_even_with_a_stale_index_row(policies, draft_policy):
    before = run(f"q={WORD}&level=city")
    hidden = policies[1]  # a city's, with the word in its title
    # bypassing the signals leaves its index rows in place: only the gate keeps it out
    Policy.objects.filter(pk=hidden.pk).update(review_state="needs_review")
    from ccnt.search.index import bump

    bump()  # a new generation: nothing cached from before
    after = run(f"q={WORD}&level=city")
    assert after.total == before.total - 1
    assert counted(after)["level"]["city"] == counted(before)["level"]["city"] - 1
    expected, total = brute_force({"q": WORD, "level": "city"})
    assert (counted(after), after.total) == (expected, total)
    assert draft_policy.pk not in {p.pk for p in run(f"q={WORD}", page_size=100).policies}


def test_it_reads_the_matched_rows_and_their_terms_in_one_statement(policies):
    params = parse_filters(QueryDict(f"q={WORD}&level=city&sector=energy&jurisdiction=320000"))
    with CaptureQueriesContext(connection) as captured:
        facets_for(params)
    reading = [q["sql"] for q in captured if "pg_stats" not in q["sql"]  # PostgreSQL: the terms' frequencies
               and ("search_policyindex" in q["sql"] or "search_policyterm" in q["sql"])]
    assert len(reading) == 1, reading


def brute_force_page(query: dict[str, str], page: int, size: int) -> list[int]:
    """The page in the search's order, from the public policies' own fields: more query terms in
    the title first (relevance), then newer first (undated last), then higher id."""
    wanted = filters_of(query)
    rows = []
    for policy in Policy.objects.public():
        row = facts(policy)
        if query.get("q") and query["q"] not in row["text"]:
            continue
        if all(row[name] & values for name, values in wanted.items()):
            day = policy.published_date or policy.signed_date
            hits = 1 if query.get("q") and query["q"] in policy.title else 0
            rows.append((policy.pk, hits, day))
    if query.get("sort") == "date":
        rows.sort(key=lambda r: (r[2] is None, r[2].toordinal() if r[2] else 0, r[0]))
    else:
        relevance = query.get("q") and query.get("sort", "relevance") == "relevance"
        rows.sort(key=lambda r: (-r[1] if relevance else 0, r[2] is None, -(r[2].toordinal() if r[2] else 0), -r[0]))
    return [pk for pk, _hits, _day in rows][(page - 1) * size : page * size]


@pytest.mark.parametrize("query", [
    {"q": WORD}, {"q": WORD, "level": "city,province"}, {"q": WORD, "sector": "energy"},
    {"q": WORD, "sort": "-date"}, {"q": WORD, "sort": "date", "jurisdiction": "320000"}, {"level": "city"}, {},
])
def test_it_takes_the_page_from_the_counting_statement_in_the_searchs_order(policies, query):
    """A cold search finds its page in the statement that counts the facets (the page is cached
    for it); that page, and the one the page query finds alone, are the brute-force order."""
    from django.core.cache import cache

    from ccnt.search.query import _page_ids

    for page, size in ((1, 2), (2, 2), (3, 2), (1, 30)):
        cache.clear()
        text = "&".join(f"{k}={v}" for k, v in {**query, "page": str(page)}.items())
        result = run(text, page_size=size)
        expected = brute_force_page(query, page, size)
        if page <= result.num_pages:
            assert [p.pk for p in result.policies] == expected, (query, page)
        assert _page_ids(parse_filters(QueryDict(text)), (page - 1) * size, size) == expected, (query, page)


def test_it_keeps_the_full_text_triggers_of_the_index_table_after_its_migrations():
    """SQLite: adding a column to the index table must not rebuild it (a rebuild drops the triggers
    that keep the FTS5 table in step, and every later write would be missing from search)."""
    if connection.vendor != "sqlite":
        pytest.skip("the FTS5 triggers are SQLite's")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'search_policyindex'")
        names = {row[0] for row in cursor.fetchall()}
    assert names == {"search_policyindex_ai", "search_policyindex_ad", "search_policyindex_au"}
    policy = make_policy("某市氪能试点方案", "")
    assert [p.pk for p in run("q=氪能").policies] == [policy.pk]


def test_it_reads_the_matched_rows_out_of_the_match_on_postgresql(policies):
    """PostgreSQL: the counting statement takes the rows (and their columns) from the match
    function, never ``policy_id IN (match)`` — a semi-join planned as 200 rows whatever matched."""
    if connection.vendor != "postgresql":
        pytest.skip("the match functions are PostgreSQL's")
    from ccnt.search.query import facet_sql

    sql, _args = facet_sql(parse_filters(QueryDict(f"q={WORD}&level=city&sector=energy")), 30)
    assert 'FROM ccnt_match_rows' in sql and '"search_policyindex"' in sql
    assert "IN (SELECT * FROM ccnt_match_tokens" not in sql
