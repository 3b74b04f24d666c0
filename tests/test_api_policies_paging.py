"""Paging: cursors for date and id order walk the whole list once; page numbers for relevance;
fields= picks columns; include=targets embeds targets; CSV has the export's columns."""

from __future__ import annotations

import csv
import io

import pytest

from ccnt.tracker.models import Policy
from ccnt.tracker.serializers import POLICY_COLUMNS, TARGET_COLUMNS

from ._api_helpers import all_pages, api_client, get_json

pytestmark = pytest.mark.usefixtures("whole_demo")


@pytest.fixture
def api(db, settings):
    return api_client(settings)


def test_it_walks_every_public_policy_once_by_cursor_in_date_order(api):
    rows = all_pages(api, "/api/v1/policies/?page_size=200&fields=policy_id,published_date,signed_date")
    ids = [r["policy_id"] for r in rows]
    assert len(ids) == len(set(ids)) == Policy.objects.public().count()
    dates = [r["published_date"] or r["signed_date"] for r in rows]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert all(d is None for d in dates[len(dated):])  # undated last


def test_it_walks_back_with_the_previous_link(api):
    first = get_json(api, "/api/v1/policies/?page_size=7&sort=date&fields=policy_id")
    second = get_json(api, first["meta"]["next"])
    back = get_json(api, second["meta"]["previous"])
    assert [r["policy_id"] for r in back["results"]] == [r["policy_id"] for r in first["results"]]
    assert back["meta"]["previous"] is None


def test_it_orders_by_id_with_a_cursor(api):
    rows = all_pages(api, "/api/v1/policies/?page_size=150&sort=id&fields=policy_id")
    ids = [r["policy_id"] for r in rows]
    assert ids == sorted(Policy.objects.public().values_list("id", flat=True))


def test_it_pages_relevance_by_number(api):
    data = get_json(api, "/api/v1/policies/?q=碳达峰&page_size=5")
    assert data["meta"]["page"] == 1 and data["meta"]["num_pages"] >= 2
    second = get_json(api, data["meta"]["next"])
    assert second["meta"]["page"] == 2
    assert not {r["policy_id"] for r in data["results"]} & {r["policy_id"] for r in second["results"]}


def test_it_pages_date_order_by_number_on_request(api):
    data = get_json(api, "/api/v1/policies/?page=3&page_size=10&fields=policy_id")
    walked = all_pages(api, "/api/v1/policies/?page_size=10&fields=policy_id")
    assert [r["policy_id"] for r in data["results"]] == [r["policy_id"] for r in walked[20:30]]


def test_it_returns_only_the_fields_asked_for(api):
    data = get_json(api, "/api/v1/policies/?fields=title,policy_id&page_size=3")
    assert all(list(r) == ["title", "policy_id"] for r in data["results"])


def test_it_embeds_targets_on_request(api):
    data = get_json(api, "/api/v1/policies/?has_targets=1&include=targets&page_size=50")
    assert data["results"] and all(r["targets"] for r in data["results"])
    target = data["results"][0]["targets"][0]
    assert set(TARGET_COLUMNS) <= set(target)
    plain = get_json(api, "/api/v1/policies/?has_targets=1&page_size=5")
    assert "targets" not in plain["results"][0]


def test_it_answers_csv_with_the_export_columns(api):
    response = api.get("/api/v1/policies/?format=csv&page_size=5")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text[1:])))
    assert table[0] == POLICY_COLUMNS and len(table) == 6
    with_targets = api.get("/api/v1/policies/?has_targets=1&include=targets&page_size=2", HTTP_ACCEPT="text/csv")
    table = list(csv.reader(io.StringIO(with_targets.content.decode("utf-8")[1:])))
    assert table[0] == POLICY_COLUMNS + TARGET_COLUMNS
    assert len(table) > 3  # one row per target
