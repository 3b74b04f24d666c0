"""The Excel download reads as a spreadsheet: headers in the reader's language (the codes on a
second sheet), real date cells, a status in words, and one row per policy on request."""

from __future__ import annotations

import datetime
import io

import pytest
from openpyxl import load_workbook

from ccnt.tracker.export import PER_POLICY_COLUMNS
from ccnt.tracker.export_labels import header
from ccnt.tracker.serializers import POLICY_COLUMNS, TARGET_COLUMNS

from ._pages_helpers import ensure_messages_compiled

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_demo")]
ensure_messages_compiled()


def workbook(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_it_names_columns_in_chinese_with_the_codes_beside_them(client):
    book = workbook(client.get("/policies/export.xlsx?jurisdiction=320000"))
    sheet, legend = book.worksheets
    head = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert head[:2] == ["政策编号", "标题"] and "发布日期" in head and "policy_id" not in head
    codes = [row[1] for row in legend.iter_rows(min_row=2, values_only=True)]
    assert codes == POLICY_COLUMNS + TARGET_COLUMNS
    assert [row[0] for row in legend.iter_rows(min_row=2, values_only=True)] == head


def test_it_names_columns_in_english_on_the_english_site(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    sheet = workbook(client.get("/policies/export.xlsx?jurisdiction=320000")).worksheets[0]
    head = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert head[:2] == ["Policy ID", "Title"] and "Published" in head
    assert not any("\u4e00" <= ch <= "\u9fff" for name in head for ch in name)


def test_it_writes_dates_as_date_cells_and_a_status_in_words(client):
    from ccnt.tracker.models import Policy

    sheet = workbook(client.get("/policies/export.xlsx?rows=policy")).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    column = {code: i for i, code in enumerate(POLICY_COLUMNS + PER_POLICY_COLUMNS)}
    by_id = {row[0]: row for row in rows[1:]}
    dated = Policy.objects.public().exclude(published_date=None).first()
    cell = by_id[dated.pk][column["published_date"]]
    assert isinstance(cell, datetime.datetime) and cell.date() == dated.published_date
    statuses = {row[column["status"]] for row in rows[1:]}
    assert statuses and statuses <= {"现行有效", "已失效", "已被替代", "时效未知"}


def test_it_derives_the_status_from_the_documents_expiry_date(client):
    from ccnt.tracker.models import Policy

    expired, in_force = Policy.objects.public().exclude(published_date=None)[:2]
    Policy.objects.filter(pk=expired.pk).update(expiry_date=datetime.date(2020, 12, 31))
    Policy.objects.filter(pk=in_force.pk).update(expiry_date=datetime.date(2099, 12, 31))
    sheet = workbook(client.get("/policies/export.xlsx?rows=policy")).worksheets[0]
    status_at = POLICY_COLUMNS.index("status")
    by_id = {row[0]: row[status_at] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert by_id[expired.pk] == "已失效" and by_id[in_force.pk] == "现行有效"


def test_it_offers_one_row_per_policy_beside_one_row_per_target(client):
    query = "jurisdiction=100000&has_targets=1"
    per_target = list(workbook(client.get(f"/policies/export.xlsx?{query}")).worksheets[0].iter_rows(values_only=True))
    per_policy = list(workbook(client.get(f"/policies/export.xlsx?{query}&rows=policy"))
                      .worksheets[0].iter_rows(values_only=True))
    ids = [row[0] for row in per_policy[1:]]
    assert len(ids) == len(set(ids)) == len({row[0] for row in per_target[1:]}) > 0
    assert len(per_target) > len(per_policy)
    count_at = len(POLICY_COLUMNS)
    for row in per_policy[1:]:
        assert row[count_at] == sum(1 for r in per_target[1:] if r[0] == row[0]) > 0
    assert per_policy[0][count_at] == header("target_count")
    assert client.get("/policies/export.csv?rows=everything").status_code == 400
