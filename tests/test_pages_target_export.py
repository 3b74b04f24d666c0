"""The explorer's CSV and XLSX downloads hold exactly what the explorer shows: the same filters give
the same rows in the same order with the same columns, the headers in the reader's language, and
in XLSX a date is a date cell and a year a number."""

from __future__ import annotations

import csv
import datetime
import html as htmllib
import io
import re

import pytest

from ._pages_helpers import ensure_messages_compiled

pytestmark = pytest.mark.django_db
ensure_messages_compiled()

QUERY = "indicator=energy_intensity&indicator=co2_peak&level=province&sort=region"
ROW = re.compile(r'<tr class="row[^"]*" id="r-(\d+)">(.*?)</tr>', re.S)
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)


def table_of(page: str) -> tuple[list[str], list[list[str]]]:
    """The explorer table's headers and its rows' cell texts (group headings left out)."""
    head = re.search(r'<table[^>]*id="target-table".*?<thead>(.*?)</thead>', page, re.S).group(1)
    headers = [htmllib.unescape(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", head)]
    rows = [[htmllib.unescape(re.sub(r"<[^>]+>", "", c)) for c in CELL.findall(body)] for _pk, body in ROW.findall(page)]
    return headers, rows


def csv_of(response) -> list[list[str]]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_it_downloads_the_table_as_csv(client):
    headers, rows = table_of(client.get(f"/targets/?{QUERY}").content.decode())
    assert len(rows) > 5
    data = csv_of(client.get(f"/targets/export.csv?{QUERY}"))
    assert data[0] == headers == ["指标", "地区", "层级", "目标年", "目标值", "对比全国", "政策", "日期", "原文", "核实"]
    assert data[1:] == rows
    assert {r[2] for r in rows} == {"省级"}  # the level filter holds in the file too


def test_the_download_follows_the_filters(client):
    everything = csv_of(client.get("/targets/export.csv?indicator=non_fossil_share"))
    one_year = csv_of(client.get("/targets/export.csv?indicator=non_fossil_share&year=2030"))
    assert 1 < len(one_year) < len(everything)
    assert {r[3] for r in one_year[1:]} == {"2030"}
    assert client.get("/targets/export.csv?indicator=energy_intensity&level=planet").status_code == 400
    assert client.get("/targets/export.pdf?indicator=energy_intensity").status_code == 404


def test_english_headers_and_cells_in_the_english_download(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/targets/"})
    headers, rows = table_of(client.get(f"/targets/?{QUERY}").content.decode())
    data = csv_of(client.get(f"/targets/export.csv?{QUERY}"))
    assert data[0] == headers and headers[0] == "Indicator" and "Place" in headers
    assert data[1:] == rows
    assert "Provincial" in {r[2] for r in rows}


def test_the_xlsx_has_the_same_rows_with_real_dates_and_years(client):
    from openpyxl import load_workbook

    _headers, rows = table_of(client.get(f"/targets/?{QUERY}").content.decode())
    response = client.get(f"/targets/export.xlsx?{QUERY}")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.worksheets[0]
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert list(cells[0]) == ["指标", "地区", "层级", "目标年", "目标值", "对比全国", "政策", "日期", "原文", "核实"]
    assert len(cells) - 1 == len(rows)
    dates = [r[7] for r in cells[1:] if r[7] is not None]
    assert dates and all(isinstance(d, datetime.datetime) for d in dates)
    assert all(isinstance(r[3], int) for r in cells[1:] if r[3] is not None)

    def text(value) -> str:
        if value is None:
            return ""
        return value.date().isoformat() if isinstance(value, datetime.datetime) else str(value)

    assert [[text(v) for v in r] for r in cells[1:]] == rows
    legend = [list(r) for r in book.worksheets[1].iter_rows(values_only=True)]
    assert ["指标", "indicator"] in legend and ["日期", "date"] in legend
