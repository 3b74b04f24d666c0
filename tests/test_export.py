"""`ccnt export`: JSON with targets, CSV with a BOM for Excel, XLSX; one row per target."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from ccnt.tracker.export_labels import header
from ccnt.tracker.models import Policy, Target
from ccnt.tracker.serializers import POLICY_COLUMNS, TARGET_COLUMNS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_demo")]


def export(*args: str) -> str:
    out = io.StringIO()
    call_command("export", *args, stdout=out)
    return out.getvalue()


def test_it_exports_published_policies_with_targets_as_json():
    data = json.loads(export("--format", "json"))
    assert len(data) == Policy.objects.public().count() >= 40
    plan = next(p for p in data if p["title"] == "2030年前碳达峰行动方案")
    assert plan["issuers"] == ["国务院"]
    assert plan["targets"], "the national plan has targets"
    first = plan["targets"][0]
    assert set(TARGET_COLUMNS) <= set(first)
    db_target = Target.objects.get(pk=first["target_id"])
    assert first["target_text"] == db_target.text
    assert first["value_low"] == db_target.value_low


def test_it_writes_csv_with_a_bom_and_the_contract_columns_in_order():
    text = export("--format", "csv")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == POLICY_COLUMNS + TARGET_COLUMNS
    published = Policy.objects.public()
    without_targets = published.filter(targets__isnull=True).count()
    targets = Target.objects.filter(policy__in=published).count()
    assert len(rows) - 1 == targets + without_targets


def test_it_writes_an_xlsx_that_opens(tmp_path):
    path = tmp_path / "policies.xlsx"
    call_command("export", "--format", "xlsx", "-o", str(path))
    book = load_workbook(path, read_only=True)
    sheet, legend = book.worksheets
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [header(c) for c in POLICY_COLUMNS + TARGET_COLUMNS]  # named for readers
    assert [row[1] for row in legend.iter_rows(min_row=2, values_only=True)] == POLICY_COLUMNS + TARGET_COLUMNS
    titles = {row[1] for row in rows[1:]}
    assert "2030年前碳达峰行动方案" in titles
