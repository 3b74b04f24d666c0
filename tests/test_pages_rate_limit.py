"""HTML search and the CSV/XLSX downloads are limited per client as the API is: beyond the rate a
429 with Retry-After — a page in the reader's language, JSON for scripts — and another client is
not affected. Browsing without a query is not counted."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_counters(settings):
    caches = {alias: dict(config) for alias, config in settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = "test-" + uuid.uuid4().hex[:8]
    settings.CACHES = caches


def test_it_limits_html_search_with_a_429_page(settings, fresh_counters):
    settings.CCNT_SEARCH_RATE = "3/min"
    client = Client()
    assert [client.get("/policies/?q=储能").status_code for _ in range(3)] == [200] * 3
    refused = client.get("/policies/?q=氢能")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    page = refused.content.decode()
    assert "请求过多" in page and "/api/v1/" in page
    assert client.get("/policies/").status_code == 200  # browsing without a query is not a search
    assert client.get("/policies/?category=energy").status_code == 200
    assert Client(REMOTE_ADDR="198.51.100.7").get("/policies/?q=储能").status_code == 200  # another client


def test_it_answers_in_english_to_an_english_reader(settings, fresh_counters):
    settings.CCNT_SEARCH_RATE = "1/min"
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/policies/?q=储能").status_code == 200
    refused = client.get("/policies/?q=储能")
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()


def test_it_answers_json_to_a_json_search(settings, fresh_counters):
    settings.CCNT_SEARCH_RATE = "1/min"
    client = Client()
    assert client.get("/policies/?q=储能&format=json").status_code == 200
    refused = client.get("/policies/?q=储能&format=json")
    assert refused.status_code == 429 and refused["Retry-After"]
    body = refused.json()
    assert body["status"] == 429 and body["retry_after"] >= 1
    assert "请求过多" in body["detail"] and "Too many requests" in body["detail"]


@pytest.mark.parametrize("path", ["/policies/export.csv", "/policies/export.xlsx", "/actors/export.csv"])
def test_it_limits_the_downloads(settings, fresh_counters, path):
    settings.CCNT_EXPORT_RATE = "2/min"
    client = Client()
    assert [client.get(f"{path}?level=province").status_code for _ in range(2)] == [200, 200]
    refused = client.get(path)
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert refused["Content-Type"].startswith("application/json")
    assert "Too many requests" in refused.json()["detail"]
    # the search counter is separate
    assert client.get("/policies/?q=储能").status_code == 200


def test_it_falls_back_to_the_default_for_a_malformed_setting(settings, fresh_counters):
    settings.CCNT_SEARCH_RATE = "lots"
    assert Client().get("/policies/?q=储能").status_code == 200
