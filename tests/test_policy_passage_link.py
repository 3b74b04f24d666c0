"""A search result's passage link (``/policies/ID/?passage=START-END#passage``) opens the policy
page with that passage lit and an anchor at its start; a stale or malformed link shows the page
without a passage lit, never an error."""

from __future__ import annotations

import pytest

from ccnt.tracker.reading import document_html, passage_range

from ._search_helpers import make_policy

TEXT = "一、总体要求\n坚持节约优先。\n二、主要任务\n推进北方地区冬季清洁取暖，减少散煤燃烧。\n三、保障措施\n加强组织领导。"


def test_it_reads_a_range_inside_the_text():
    assert passage_range("3-9", TEXT) == (3, 9)


@pytest.mark.parametrize("value", ["", "9-3", "3-3", "a-9", "3", "-9", "3-100000", "3-9-12"])
def test_it_ignores_a_range_that_is_not_one(value):
    assert passage_range(value, TEXT) is None


def test_it_lights_the_passage_and_anchors_its_start():
    start = TEXT.index("推进")
    end = TEXT.index("燃烧。") + 3
    html = str(document_html(TEXT, (), (start, end)))
    assert html.count('id="passage"') == 1
    assert '<span id="passage" class="anchor"></span><span class="passage-hit">推进北方地区冬季清洁取暖' in html
    assert "加强组织领导" in html and "加强组织领导" not in html.split("passage-hit")[-1].split("</span>")[0]


def test_it_lights_a_passage_over_several_blocks():
    start, end = TEXT.index("坚持"), TEXT.index("燃烧。") + 3
    html = str(document_html(TEXT, (), (start, end)))
    assert html.count('class="passage-hit"') >= 3
    assert html.count('id="passage"') == 1


@pytest.mark.django_db
def test_it_serves_the_page_with_the_passage_lit(client):
    policy = make_policy("某省清洁取暖方案", TEXT)
    start, end = TEXT.index("推进"), TEXT.index("燃烧。") + 3
    page = client.get(f"/policies/{policy.pk}/?passage={start}-{end}").content.decode()
    assert 'id="passage"' in page and "passage-hit" in page
    stale = client.get(f"/policies/{policy.pk}/?passage=5-999999")
    assert stale.status_code == 200 and "passage-hit" not in stale.content.decode()


@pytest.mark.parametrize("value", ["²-5", "1" * 5000 + "-2", "٣-9"])
def test_it_ignores_digits_that_are_not_ascii_or_too_many(value):
    assert passage_range(value, TEXT) is None
