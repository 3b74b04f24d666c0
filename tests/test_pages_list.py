"""The policy list page on the search backend: the query, every filter, paging, JSON."""

from __future__ import annotations

import pytest

from ._pages_helpers import assert_no_inline_script, assert_strict_csp

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_demo")]


def results(client, query: str) -> dict:
    response = client.get(f"/policies/?{query}&format=json")
    assert response.status_code == 200, response.content
    return response.json()


def test_it_finds_energy_storage_and_marks_the_word(client):
    response = client.get("/policies/?q=储能")
    html = response.content.decode()
    assert_no_inline_script(html)
    assert_strict_csp(response)
    data = results(client, "q=储能")
    assert data["count"] > 0
    assert "<mark>储能</mark>" in html
    assert 'value="储能"' in html  # the query stays in the box


@pytest.mark.parametrize(("query", "check"), [
    ("level=province", lambda p: p["level"] == "province"),
    ("category=energy", lambda p: p["category"] == "energy"),
    ("sector=transport", lambda p: "transport" in p["sectors"]),
    ("type=实施方案", lambda p: p["policy_type"] == "实施方案"),
    ("year=2021", lambda p: (p["published_date"] or p["signed_date"] or "").startswith("2021")),
    ("jurisdiction=320000", lambda p: any(a.startswith("32") for a in p["jurisdictions"])),
    ("date_from=2022-01-01&date_to=2022-03-31",
     lambda p: "2022-01-01" <= (p["published_date"] or p["signed_date"]) <= "2022-03-31"),
])
def test_each_filter_narrows_the_list(client, query, check):
    everything = results(client, "")["count"]
    data = results(client, query)
    assert 0 < data["count"] < everything
    assert all(check(p) for p in data["results"])
    html = client.get(f"/policies/?{query}").content.decode()
    assert html.count('class="policy"') == len(data["results"])


def test_two_filters_combine_and_show_as_selected(client):
    one = results(client, "q=储能&level=province")
    two = results(client, "q=储能&level=province&category=one_plus_n")
    assert 0 < two["count"] <= one["count"]
    html = client.get("/policies/?q=储能&level=province&category=one_plus_n").content.decode()
    assert '<option value="province" selected>' in html
    assert '<option value="one_plus_n" selected>' in html


def test_it_filters_by_targets_and_sorts_by_date(client):
    from ccnt.tracker.models import Policy

    with_targets = results(client, "has_targets=1")
    assert with_targets["count"] == Policy.objects.public().filter(targets__isnull=False).distinct().count()
    oldest = results(client, "sort=date")["results"]
    dates = [p["published_date"] or p["signed_date"] for p in oldest if p["published_date"] or p["signed_date"]]
    assert dates == sorted(dates)


def test_it_pages_and_keeps_the_filters_in_the_links(client):
    data = results(client, "level=province&page=2")
    assert data["page"] == 2
    html = client.get("/policies/?level=province&page=2").content.decode()
    assert 'href="?level=province&amp;page=3"' in html and 'href="?level=province&amp;page=1"' in html
    assert 'href="/policies/export.csv?level=province"' in html


def test_it_rejects_a_bad_filter_with_400(client):
    assert client.get("/policies/?level=galaxy").status_code == 400
    assert client.get("/policies/?year=abc&format=json").status_code == 400


def test_it_never_lists_a_draft(client, draft_policy):
    data = results(client, "q=储能")
    assert draft_policy.pk not in {p["policy_id"] for p in data["results"]}
    assert draft_policy.title not in client.get("/policies/?q=储能").content.decode()
