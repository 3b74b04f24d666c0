"""The commitments export beside the policies' (whose columns stay as the contract says)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command

from ccnt.actors.export import COMMITMENT_COLUMNS, COMMITMENT_TARGET_COLUMNS
from ccnt.actors.models import Commitment
from ccnt.tracker.serializers import POLICY_COLUMNS

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command("export", *args, stdout=out)
    return out.getvalue()


def test_it_exports_commitments_one_row_per_target():
    rows = list(csv.reader(io.StringIO(_run("--commitments", "--format", "csv").lstrip("\ufeff"))))
    assert rows[0] == COMMITMENT_COLUMNS + COMMITMENT_TARGET_COLUMNS
    n_targets = sum(c.targets.count() for c in Commitment.objects.public())
    assert len(rows) - 1 == n_targets
    baowu = [r for r in rows[1:] if r[2] == "中国宝武钢铁集团有限公司"]
    assert {r[rows[0].index("target_year")] for r in baowu} == {"2023", "2035", "2050"}


def test_it_exports_json_and_keeps_drafts_out():
    public = Commitment.objects.public().first()
    Commitment.objects.create(actor=public.actor, title="草稿承诺（测试）", review_state="needs_review")
    data = json.loads(_run("--commitments", "--format", "json"))
    assert "草稿承诺（测试）" not in {c["title"] for c in data}
    assert all(c["statement"] and c["source_url"] for c in data)
    assert "草稿承诺（测试）" in {c["title"] for c in json.loads(_run("--commitments", "--format", "json", "--all-states"))}


def test_it_leaves_the_policy_columns_unchanged():
    header = next(csv.reader(io.StringIO(_run("--format", "csv").lstrip("\ufeff"))))
    assert header[:len(POLICY_COLUMNS)] == POLICY_COLUMNS and header[0] == "policy_id"


def test_it_downloads_from_the_actors_page(client):
    response = client.get("/actors/export.csv")
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.csv"')
    assert response.content.decode("utf-8-sig").startswith("commitment_id,")
    assert client.get("/actors/export.xlsx").status_code == 200
    assert client.get("/actors/export.pdf").status_code == 404
