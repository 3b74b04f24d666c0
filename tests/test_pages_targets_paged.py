"""The target explorer's table is paged: every row of the selection on exactly one page, in the
table's order (the JSON's), a group's count the same on every page, a link made for one target
opening the page that holds its row, and the downloads still the whole table."""

from __future__ import annotations

import csv
import io
import re

import pytest

pytestmark = pytest.mark.django_db

ROW_ID = re.compile(r'<tr class="row[^"]*" id="r-(\d+)">')
GROUP_COUNT = re.compile(r'<tr class="group">.*?<span class="count">(\d+)</span>')
QUERY = "indicator=energy_intensity&indicator=non_fossil_share&year=2025"


@pytest.fixture
def three_per_page(monkeypatch):
    from ccnt.tracker import explorer

    monkeypatch.setattr(explorer, "PAGE_ROWS", 3)
    return 3


def test_it_shows_every_row_once_across_the_pages_in_the_tables_order(client, three_per_page):
    order = [r["target_id"] for r in client.get(f"/targets/?{QUERY}&format=json").json()["rows"]]
    assert len(order) > 2 * three_per_page, "the selection should need several pages"
    pages = -(-len(order) // three_per_page)
    seen = []
    for number in range(1, pages + 1):
        html = client.get(f"/targets/?{QUERY}&page={number}").content.decode()
        rows = [int(pk) for pk in ROW_ID.findall(html)]
        assert 0 < len(rows) <= three_per_page
        assert f"<span>{number} / {pages}</span>" in html
        assert ('rel="next"' in html) == (number < pages) and ('rel="prev"' in html) == (number > 1)
        seen += rows
    assert seen == order
    assert f"共 {len(order)} 个目标" in html  # the count is of the whole table, not of the page


def test_it_keeps_a_groups_count_of_the_whole_table_on_every_page(client, three_per_page):
    data = client.get(f"/targets/?{QUERY}&format=json").json()["rows"]
    first = data[0]["indicator"]
    whole = sum(1 for r in data if r["indicator"] == first)
    assert whole > three_per_page
    for number in (1, 2):
        html = client.get(f"/targets/?{QUERY}&page={number}").content.decode()
        assert GROUP_COUNT.findall(html)[0] == str(whole)


def test_it_opens_the_page_holding_a_linked_targets_row(client, three_per_page):
    from ccnt.tracker.models import Target
    from ccnt.tracker.templatetags.ccnt_tags import explorer_url

    order = [r["target_id"] for r in client.get(f"/targets/?{QUERY}&format=json").json()["rows"]]
    last = Target.objects.get(pk=order[-1])
    url, fragment = explorer_url(last).split("#")
    assert f"at={last.pk}" in url and fragment == f"r-{last.pk}"
    html = client.get(url).content.decode()
    assert str(last.pk) in ROW_ID.findall(html)
    assert 'rel="next"' not in html  # the last row of its selection: the last page
    # an explicit page wins over at=, and a page past the end shows the last page
    assert str(last.pk) not in ROW_ID.findall(client.get(f"{url}&page=1").content.decode())
    assert ROW_ID.findall(client.get(f"/targets/?{QUERY}&page=9999").content.decode()) == [
        str(pk) for pk in order[(len(order) - 1) // three_per_page * three_per_page:]]


def test_it_answers_a_bad_page_with_the_site_page(client):
    for query in ("page=two", "page=-1", "at=x"):
        response = client.get(f"/targets/?indicator=co2_peak&{query}")
        assert response.status_code == 400 and query.split("=")[0] in response.content.decode()


def test_it_downloads_the_whole_table_not_the_page(client, three_per_page):
    order = client.get(f"/targets/?{QUERY}&format=json").json()["rows"]
    text = client.get(f"/targets/export.csv?{QUERY}&page=2").content.decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text)))) == len(order) + 1


def test_its_other_pages_and_row_links_reuse_the_tables_plan(client, three_per_page, monkeypatch):
    """The whole table is computed once per state of the data and language: the next page and a
    link to one row load only their own rows."""
    from ccnt.tracker import explorer
    from ccnt.tracker.models import Target

    first = client.get(f"/targets/?{QUERY}").content.decode()
    shown = ROW_ID.findall(first)

    def recompute(selection):
        raise AssertionError("the table was computed again for another page of it")

    computed = explorer.explore
    monkeypatch.setattr(explorer, "explore", recompute)
    second = client.get(f"/targets/?{QUERY}&page=2").content.decode()
    assert ROW_ID.findall(second) and not set(ROW_ID.findall(second)) & set(shown)
    target = Target.objects.get(pk=int(ROW_ID.findall(second)[0]))
    linked = client.get(f"/targets/?{QUERY}&at={target.pk}").content.decode()
    assert ROW_ID.findall(linked) == ROW_ID.findall(second)
    monkeypatch.setattr(explorer, "explore", computed)  # the English page has its own plan (its labels are English)
    client.cookies["django_language"] = "en"
    english = client.get(f"/targets/?{QUERY}&page=2")
    assert english["Content-Language"] == "en" and ROW_ID.findall(english.content.decode()) == ROW_ID.findall(second)


def test_a_change_of_the_public_data_makes_a_new_plan(client, three_per_page):
    from ccnt.tracker.models import Target

    first = [int(pk) for pk in ROW_ID.findall(client.get(f"/targets/?{QUERY}").content.decode())]
    hidden = Target.objects.get(pk=first[0])
    hidden.delete()  # the index's signal handlers make a new generation
    again = [int(pk) for pk in ROW_ID.findall(client.get(f"/targets/?{QUERY}&page=1").content.decode())]
    assert hidden.pk not in again and again[0] == first[1]
