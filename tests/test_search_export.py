"""“Download these results”: CSV and XLSX follow the same filters as the list."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from ccnt.tracker.export_labels import header
from ccnt.tracker.serializers import POLICY_COLUMNS, TARGET_COLUMNS

from ._search_helpers import ids

pytestmark = pytest.mark.django_db


def csv_ids(response) -> set[int]:
    text = b"".join(response.streaming_content).decode("utf-8") if response.streaming else response.content.decode()
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == POLICY_COLUMNS + TARGET_COLUMNS
    return {int(row[0]) for row in rows[1:]}


def test_it_downloads_csv_of_the_filtered_results(client):
    query = "q=储能&level=province"
    response = client.get(f"/policies/export.csv?{query}")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert csv_ids(response) == set(ids(query))
    assert csv_ids(client.get("/policies/export.csv?category=energy")) == set(ids("category=energy"))


def test_it_downloads_xlsx_of_the_filtered_results(client):
    query = "jurisdiction=320000&has_targets=0"
    response = client.get(f"/policies/export.xlsx?{query}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [header(c) for c in POLICY_COLUMNS + TARGET_COLUMNS]
    assert {int(row[0]) for row in rows[1:]} == set(ids(query))


def test_it_leaves_drafts_out_of_downloads(client, draft_policy):
    assert draft_policy.pk not in csv_ids(client.get("/policies/export.csv?q=草稿"))


def test_it_refuses_bad_filters_and_formats(client):
    assert client.get("/policies/export.csv?level=planet").status_code == 400
    assert client.get("/policies/export.pdf").status_code == 404
