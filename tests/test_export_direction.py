"""The CSV/XLSX export says which way a target goes and what it counts: ``direction``,
``value_text`` (下降13.5%（较2020年）), ``subject``, ``quantity`` and ``confidence`` columns, so a
downloaded cut is never read as a level."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command

from ccnt.tracker.models import Target

pytestmark = pytest.mark.django_db


def csv_rows() -> list[dict]:
    out = io.StringIO()
    call_command("export", "--format", "csv", stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff"))))


def test_it_exports_direction_value_text_subject_quantity_and_confidence():
    rows = csv_rows()
    for column in ("direction", "value_text", "subject", "quantity", "confidence"):
        assert column in rows[0]
    plain_cuts = set(Target.objects.filter(indicator__code="energy_intensity", metric_kind="change", base_year=2020,
                                           comparator="=").values_list("pk", flat=True))
    cut = next(r for r in rows if r["target_id"] and int(r["target_id"]) in plain_cuts)
    stored = Target.objects.get(pk=int(cut["target_id"]))
    assert cut["direction"] == stored.direction == "decrease"
    assert cut["value_text"] == f"下降{stored.value_low:g}%（较2020年）"
    assert cut["quantity"] == "intensity"
    total = next(r for r in rows if r["indicator"] == "wind_solar_capacity" and r["value_low"])
    assert total["quantity"] == "absolute"
