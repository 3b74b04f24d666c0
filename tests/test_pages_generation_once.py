"""A request reads the generation of the public data once, however many cached values its page
looks up (facet counts, totals, page ids, the home page's figures, benchmarks)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/policies/?q=储能&level=province", "/regions/320000/"])
def test_it_reads_the_generation_once_per_request(settings, path):
    settings.CCNT_PAGE_CACHE_SECONDS = 0  # the data caches only, not the whole page
    Client().get(path)
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(path).status_code == 200
    reads = [q["sql"] for q in captured if "search_indexstate" in q["sql"]]
    assert len(reads) == 1, reads
