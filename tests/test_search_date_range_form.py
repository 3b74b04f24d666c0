"""The search form offers a date range; what it was given comes back filled in, and the range filters."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_it_offers_a_date_range_and_keeps_what_was_chosen(client):
    html = client.get("/policies/?date_from=2022-01-01&date_to=2022-12-31").content.decode()
    assert 'name="date_from"' in html and 'value="2022-01-01"' in html
    assert 'name="date_to"' in html and 'value="2022-12-31"' in html


def test_the_range_keeps_only_policies_dated_inside_it(client):
    data = client.get("/policies/?date_from=2022-01-01&date_to=2022-12-31&format=json").json()
    everything = client.get("/policies/?format=json").json()
    assert 0 < data["count"] < everything["count"]
    dates = [p.get("published_date") or p.get("signed_date") for p in data["results"]]
    assert dates and all(d and "2022-01-01" <= d <= "2022-12-31" for d in dates)
