"""An HTML list (the home page's latest policies, a region's, a search's results) loads what its
rows show — issuers, place, category, date — and nothing per row; its ``?format=json`` still
carries every field of ``policy_dict`` (regions, sectors, topics)."""

from __future__ import annotations

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

PAGES = [("/", "latest"), ("/regions/320000/", "latest"), ("/policies/", "results")]


@pytest.mark.parametrize(("path", "field"), PAGES)
def test_it_shows_each_rows_issuers_and_place_as_its_json_gives_them(client, settings, path, field):
    settings.CCNT_PAGE_CACHE_SECONDS = 0
    rows = client.get(path, {"format": "json"}).json()[field]
    assert rows, "the test data should list policies here"
    assert all("sectors" in r and "jurisdictions" in r for r in rows)
    with CaptureQueriesContext(connection) as captured:
        page = html.unescape(client.get(path).content.decode())
    for row in rows:
        assert f'href="/policies/{row["policy_id"]}/"' in page
        for name in row["issuers"]:
            assert name in page
        if row["jurisdiction_adcode"]:
            assert f'/regions/{row["jurisdiction_adcode"]}/' in page
    assert len(captured) < 40, "a list's rows are loaded together, not one query each"
