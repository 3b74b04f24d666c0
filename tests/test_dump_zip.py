"""`ccnt dump` writes a dated zip: policies, targets, jurisdictions and indicators as CSV (UTF-8
with BOM) and JSON, described by a Frictionless datapackage.json whose sizes and checksums match."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile

from django.core.management import call_command

from ccnt.api.rows import public_targets
from ccnt.tracker.export import export_queryset, iter_policies
from ccnt.tracker.models import Indicator, Policy
from ccnt.tracker.serializers import POLICY_COLUMNS


def test_it_writes_a_described_zip(db, tmp_path, draft_policy):
    path = tmp_path / "dump.zip"
    call_command("dump", "-o", str(path))
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        for table in ("policies", "targets", "jurisdictions", "indicators"):
            assert f"data/{table}.csv" in names and f"data/{table}.json" in names
        package = json.loads(archive.read("datapackage.json"))
        assert package["licenses"][0]["path"].startswith("https://")
        for resource in package["resources"]:
            data = archive.read(resource["path"])
            assert len(data) == resource["bytes"]
            assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
            if resource["format"] == "csv":
                assert data.startswith("\ufeff".encode())
                header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
                assert header == [f["name"] for f in resource["schema"]["fields"]]
        policies = list(csv.DictReader(io.StringIO(archive.read("data/policies.csv").decode("utf-8-sig"))))
        assert list(policies[0]) == POLICY_COLUMNS
        assert len(policies) == Policy.objects.public().count()
        assert str(draft_policy.pk) not in {p["policy_id"] for p in policies}
        as_export = json.loads(archive.read("data/policies.json"))
        assert as_export == list(iter_policies(export_queryset()))  # the export's own serializers
        targets = json.loads(archive.read("data/targets.json"))
        assert sorted(t["target_id"] for t in targets) == sorted(public_targets().values_list("id", flat=True))
        indicators = json.loads(archive.read("data/indicators.json"))
        assert len(indicators) == Indicator.objects.count()
        assert b"Dual-carbon-policies" in archive.read("SOURCES.md")
