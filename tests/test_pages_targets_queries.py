"""The target explorer asks a fixed number of queries whatever the number of rows: its page, its
JSON and its downloads read every row's policy, place, category and indicator in the rows' own
query (the fields it leaves unread, ``explorer.UNREAD``, are never asked for one row at a time)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

SMALL = "indicator=energy_intensity&year=2025"
LARGE = "indicator=energy_intensity&indicator=non_fossil_share&indicator=co2_peak"


def queries(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("suffix", ["", "&format=json", "&sort=region", "&page=2"])
def test_it_asks_as_many_queries_for_many_rows_as_for_few(client, suffix):
    few = client.get(f"/targets/?{SMALL}&format=json").json()["rows"]
    many = client.get(f"/targets/?{LARGE}&format=json").json()["rows"]
    assert len(many) > 3 * len(few)
    assert queries(client, f"/targets/?{LARGE}{suffix}") == queries(client, f"/targets/?{SMALL}{suffix}")


def test_its_download_asks_as_many_queries_for_many_rows_as_for_few(client):
    assert queries(client, f"/targets/export.csv?{LARGE}") == queries(client, f"/targets/export.csv?{SMALL}")
