"""On PostgreSQL the full-text match is planned with a row estimate that follows how common its
terms are (the statistics of the GIN index expression), in powers of ten, and finds the same
policies whichever estimate it carries; on SQLite and without statistics nothing changes."""

from __future__ import annotations

import pytest
from django.db import connection

from ccnt.search import query
from ccnt.search.query import estimated_matches, parse_filters, search
from ccnt.search.tokenize import query_terms

from ._search_helpers import make_policy

pytestmark = pytest.mark.django_db


def _analyze():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_policyindex")


def _function(q: str) -> str:
    sql, _args = query._match_sql(query_terms(q))
    return sql.split("(")[0].removeprefix("SELECT * FROM ").strip()


@pytest.fixture
def corpus(db) -> set[int]:
    made = {make_policy(f"某地氢能产业方案{i}", "发展氢能产业，建设加氢站。").pk for i in range(40)}
    make_policy("某地氦气储备方案", "建立氦气储备。")
    return made


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL planner statistics")
def test_it_plans_a_common_term_for_more_rows_than_a_rare_one(corpus):
    _analyze()
    common, rare = estimated_matches(query_terms("氢能")), estimated_matches(query_terms("氦气"))
    assert common is not None and rare is not None and common >= 40 > 10 > rare
    assert _function("氢能") == "ccnt_match_tokens_r100" and _function("氦气") == "ccnt_match_tokens_r10"
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN SELECT * FROM ccnt_match_tokens_r100(to_tsquery('simple', 'x'))")
        assert "rows=100 " in cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL planner statistics")
def test_it_finds_the_same_policies_whatever_the_estimate(corpus, monkeypatch):
    _analyze()
    planned = {p.pk for p in search(parse_filters({"q": "氢能"}), page_size=100).policies}
    monkeypatch.setattr(query, "estimated_matches", lambda *a, **k: None)  # the fixed-estimate function
    fixed = {p.pk for p in search(parse_filters({"q": "氢能"}), page_size=100).policies}
    assert corpus <= planned and planned == fixed


def test_it_gives_no_estimate_for_a_prefix_term_or_without_statistics(corpus, monkeypatch):
    monkeypatch.setattr(query, "term_statistics", lambda title_only=False: None)
    assert estimated_matches(query_terms("氢能")) is None
    monkeypatch.setattr(query, "term_statistics", lambda title_only=False: (100.0, {"氢能": 0.5}, 0.01))
    assert estimated_matches(query_terms("氢能")) == 50.0
    assert estimated_matches(query_terms("氦气")) == pytest.approx(1.0)  # not listed: the least common share
