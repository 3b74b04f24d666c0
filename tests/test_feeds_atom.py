"""Atom feeds of newly published policies: the whole tracker, a region, a category and any
search (the page's own filters). Each parses as Atom with the required elements."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.http import QueryDict

from ccnt.search import query

from ._api_helpers import api_client

pytestmark = pytest.mark.usefixtures("whole_demo")


@pytest.fixture
def api(db, settings):
    return api_client(settings)

ATOM = "{http://www.w3.org/2005/Atom}"


def parse_atom(response) -> ET.Element:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{name}") is not None and feed.find(f"{ATOM}{name}").text, name
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    assert any(link.get("rel") == "self" for link in feed.findall(f"{ATOM}link"))
    ids = []
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}") is not None and entry.find(f"{ATOM}{name}").text, name
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
        ids.append(entry.find(f"{ATOM}id").text)
    assert len(ids) == len(set(ids))
    return feed


def entry_policy_ids(feed) -> set[int]:
    return {int(e.find(f"{ATOM}link").get("href").rstrip("/").rsplit("/", 1)[1]) for e in feed.findall(f"{ATOM}entry")}


def test_it_serves_a_valid_feed_of_the_whole_tracker(api):
    feed = parse_atom(api.get("/feeds/policies/"))
    assert len(feed.findall(f"{ATOM}entry")) == 50
    assert feed.find(f"{ATOM}rights").text


def test_it_follows_the_search_pages_own_filters(api):
    querystring = "q=储能&level=province"
    feed = parse_atom(api.get(f"/policies/feed/?{querystring}"))
    expected = set(query.queryset(query.parse_filters(QueryDict(querystring))).values_list("id", flat=True))
    entries = entry_policy_ids(feed)  # events: a policy published, then updated, appears twice
    assert expected and entries <= expected
    assert entries == expected or len(feed.findall(f"{ATOM}entry")) == 50


def test_it_has_a_feed_per_region_and_per_category(api):
    region = parse_atom(api.get("/feeds/regions/320000/"))
    assert "江苏省" in region.find(f"{ATOM}title").text
    ids = entry_policy_ids(region)
    assert ids and ids <= set(query.queryset(query.parse_filters(QueryDict("jurisdiction=320000")))
                              .values_list("id", flat=True))
    category = parse_atom(api.get("/feeds/categories/energy/"))
    assert entry_policy_ids(category) <= set(query.queryset(query.parse_filters(QueryDict("category=energy")))
                                             .values_list("id", flat=True))


def test_it_answers_bad_filters_and_unknown_places_with_4xx(api):
    assert api.get("/policies/feed/?year=abc").status_code == 400
    assert api.get("/feeds/regions/999999/").status_code == 404
    assert api.get("/feeds/categories/nothing/").status_code == 404


def test_it_leaves_drafts_out(api, draft_policy):
    feed = parse_atom(api.get("/policies/feed/?q=草稿储能试点"))
    assert draft_policy.pk not in entry_policy_ids(feed)
