"""The footer's "this page's data (JSON)" link asks for the page the reader is on, filters included."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_it_keeps_the_readers_selection_in_the_json_link(client):
    html = client.get("/targets/?indicator=other&level=province").content.decode()
    assert 'href="?indicator=other&amp;level=province&amp;format=json"' in html


def test_it_asks_for_json_alone_on_a_page_without_a_query(client):
    html = client.get("/targets/").content.decode()
    assert 'href="?format=json"' in html
