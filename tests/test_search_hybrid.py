"""The default search fuses keyword and passage results: a policy that answers the question in
other words is found, marked as a meaning match with its passage linked, counted in the total and
the facets, and held to the same filters and public gate as a keyword match; ``mode=keyword`` and a
site without vectors give the keyword search unchanged."""

from __future__ import annotations

import pytest

from ccnt.search import passages
from ccnt.search.models import Passage

from ._search_helpers import DATA, FOREST, HEATING, ids, make_policy, run

pytestmark = pytest.mark.django_db

QUESTION = "q=冬天供暖怎样少烧煤"


@pytest.fixture
def site(settings):
    settings.CCNT_EMBEDDINGS = True
    made = {
        "heating": make_policy("某省清洁取暖实施方案", HEATING, adcode="130000"),
        "data": make_policy("某市数据中心能效方案", DATA, adcode="320100", level="city"),
        "forest": make_policy("国土绿化行动方案", FOREST, adcode="320000"),
    }
    passages.embed_pending()
    return made


def test_it_finds_by_meaning_what_the_keywords_miss(site):
    assert ids(QUESTION + "&mode=keyword") == []
    result = run(QUESTION, page_size=10)
    assert result.mode == "hybrid"
    assert [p.pk for p in result.policies][0] == site["heating"].pk
    assert site["heating"].pk in result.meaning_only
    assert result.total == len(result.policies)


def test_it_links_the_passage_by_its_offsets(site):
    result = run(QUESTION, page_size=10)
    match = result.passages[site["heating"].pk][0]
    passage = Passage.objects.filter(policy=site["heating"], kind="text").first()
    assert (match.start, match.end) == (passage.start, passage.end)
    assert match.url == f"/policies/{site['heating'].pk}/?passage={passage.start}-{passage.end}#passage"
    assert HEATING[match.start:match.end] == passage.text


def test_it_counts_meaning_matches_in_the_facets(site):
    result = run(QUESTION, page_size=10)
    levels = {code: n for code, _label, n in result.facets["level"]}
    assert sum(levels.values()) == result.total
    assert levels.get("province", 0) >= 1


def test_it_holds_meaning_matches_to_the_filters(site):
    assert site["heating"].pk not in ids(QUESTION + "&level=city")
    assert site["heating"].pk in ids(QUESTION + "&jurisdiction=130000")
    assert ids(QUESTION + "&jurisdiction=130000") == [site["heating"].pk]


def test_it_never_lists_a_policy_unpublished_since_it_was_embedded(site):
    from ccnt.tracker.models import Policy

    heating = site["heating"]
    assert heating.pk in ids(QUESTION)
    # unpublished behind the signals' back: its passages and vectors stay in the index
    Policy.objects.filter(pk=heating.pk).update(review_state="draft")
    assert Passage.objects.filter(policy=heating).exists()
    assert heating.pk not in ids(QUESTION)
    assert heating.pk not in ids(QUESTION + "&sort=-date")


def test_it_keeps_every_keyword_match(site):
    keyword = ids("q=森林覆盖率&mode=keyword")
    hybrid = run("q=森林覆盖率", page_size=1000)
    assert site["forest"].pk in keyword
    assert set(keyword) <= {p.pk for p in hybrid.policies}
    assert hybrid.total == len(keyword) + len(hybrid.meaning_only)


def test_it_answers_an_english_question_with_a_chinese_policy(site):
    found = ids("q=what energy use limits apply to new data centres")
    assert found and found[0] == site["data"].pk


def test_it_sorts_the_union_by_date_when_asked(site, client):
    relevance = run(QUESTION, page_size=1000)
    by_date = run(QUESTION + "&sort=-date", page_size=1000)
    assert {p.pk for p in by_date.policies} == {p.pk for p in relevance.policies}
    assert by_date.total == relevance.total
    dates = [p.published_date for p in by_date.policies]
    assert dates == sorted(dates, reverse=True)
    api = {sort: client.get(f"/api/v1/policies/?{QUESTION}&sort={sort}&page_size=200").json() for sort in
           ("relevance", "-date", "date")}
    counts = {sort: data["meta"]["count"] for sort, data in api.items()}
    assert counts["relevance"] == counts["-date"] == counts["date"] == relevance.total


def test_it_is_the_keyword_search_when_embeddings_are_off(site, settings):
    settings.CCNT_EMBEDDINGS = False
    result = run(QUESTION, page_size=10)
    assert result.mode == "keyword" and result.policies == []


def test_it_shows_the_meaning_match_on_the_page_and_in_the_json(site, client):
    page = client.get("/policies/?" + QUESTION).content.decode()
    assert "语义匹配" in page and f"/policies/{site['heating'].pk}/?passage=" in page
    data = client.get("/policies/?" + QUESTION + "&format=json").json()
    assert data["mode"] == "hybrid"
    first = data["results"][0]
    assert first["match"] == "meaning" and first["passages"][0]["url"].endswith("#passage")


def test_it_rejects_an_unknown_mode(client):
    response = client.get("/policies/?q=储能&mode=magic&format=json")
    assert response.status_code == 400 and "mode" in response.json()["error"]


def test_it_pages_through_the_union_once_each(site, monkeypatch):
    from ccnt.search import hybrid

    monkeypatch.setattr(hybrid, "KEYWORD_DEPTH", 2)  # so the pages reach past the fused head
    query = "q=数据中心"
    keyword = set(ids(query + "&mode=keyword"))
    assert len(keyword) > 2  # past the head of two
    first = run(query, page_size=3)
    seen = []
    for page in range(1, first.num_pages + 1):
        seen += [p.pk for p in run(f"{query}&page={page}", page_size=3).policies]
    assert len(seen) == len(set(seen)) == first.total
    assert set(seen) == keyword | set(first.meaning_only)


def test_it_serves_no_cached_page_from_before_the_passages_were_embedded(settings, client):
    settings.CCNT_EMBEDDINGS = True
    settings.CCNT_PAGE_CACHE_SECONDS = 600
    heating = make_policy("某省清洁取暖实施方案", HEATING, adcode="130000")
    before = client.get("/policies/?" + QUESTION).content.decode()
    assert f"/policies/{heating.pk}/?passage=" not in before  # nothing embedded yet: keyword only
    passages.embed_pending()
    after = client.get("/policies/?" + QUESTION).content.decode()
    assert f"/policies/{heating.pk}/?passage=" in after


def test_it_looks_for_meaning_inside_the_filters(site, monkeypatch):
    from ccnt.search import hybrid

    monkeypatch.setattr(hybrid, "MEANING_LIMIT", 1)  # the best policy of the whole site is the heating one
    assert ids(QUESTION) == [site["heating"].pk]
    inside = ids(QUESTION + "&jurisdiction=320000")  # not the heating plan: the best of Jiangsu's
    assert inside and site["heating"].pk not in inside


def test_it_downloads_what_the_page_lists(site, client):
    csv = client.get("/policies/export.csv?" + QUESTION).content.decode("utf-8")
    assert "某省清洁取暖实施方案" in csv
    keyword_only = client.get("/policies/export.csv?" + QUESTION + "&mode=keyword").content.decode("utf-8")
    assert "某省清洁取暖实施方案" not in keyword_only
