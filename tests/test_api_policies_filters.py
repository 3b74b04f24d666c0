"""/api/v1/policies/ takes every filter of the search page under the contract's names and gives
the same policies as the search backend (and so the pages, feeds and exports)."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from ccnt.search import query

from ._api_helpers import all_pages, api_client, get_json

pytestmark = pytest.mark.usefixtures("whole_demo")


@pytest.fixture
def api(db, settings):
    return api_client(settings)

FILTERS = [
    "q=储能",
    "q=氢能",
    "jurisdiction=320000",
    "jurisdiction=100000",
    "level=province",
    "level=city,county",
    "category=energy",
    "sector=energy",
    "topic=",
    "type=实施方案",
    "legal_force=normative_document",
    "year=2022",
    "date_from=2022-01-01&date_to=2022-06-30",
    "has_targets=1",
    "has_targets=0",
    "q=碳达峰&level=province&has_targets=1",
]


def expected_ids(querystring: str) -> set[int]:
    return set(query.queryset(query.parse_filters(QueryDict(querystring))).values_list("id", flat=True))


@pytest.mark.parametrize("querystring", FILTERS)
def test_it_gives_the_search_backends_policies_for_each_filter(api, querystring):
    rows = all_pages(api, f"/api/v1/policies/?{querystring}&page_size=200&fields=policy_id&sort=-id")
    ids = [r["policy_id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert set(ids) == expected_ids(querystring)


def test_it_finds_two_character_words_in_longer_ones(api):
    data = get_json(api, "/api/v1/policies/?q=储能&fields=policy_id,title&page_size=50")
    assert data["meta"]["count"] > 0
    assert data["meta"]["sort"] == "relevance"
    assert any("储能" in r["title"] for r in data["results"])


def test_it_counts_what_it_lists(api):
    data = get_json(api, "/api/v1/policies/?level=province&page_size=1")
    assert data["meta"]["count"] == len(expected_ids("level=province"))


def test_it_names_the_bad_filter(api):
    for querystring, param in [("year=abc", "year"), ("jurisdiction=12", "jurisdiction"), ("level=planet", "level"),
                               ("category=nope", "category"), ("date_from=2022-13-01", "date_from"),
                               ("has_targets=maybe", "has_targets"), ("sort=random", "sort")]:
        data = get_json(api, f"/api/v1/policies/?{querystring}", status=400)
        assert param in data["detail"], data
        assert data["status"] == 400
