"""Curators generate a draft in the admin, reorder entries, move one to another section, edit text
and publish; the published report is frozen and public at /reports/YYYY-MM/ (also as JSON), listed
in the archive and downloadable in every format; drafts are never public."""

from __future__ import annotations

import pytest

from _report_helpers import NATIONAL_TITLE
from admin_forms import change_form_data
from ccnt.reports.models import Report, ReportEntry, ReportSection

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(client, make_user):
    client.force_login(make_user("report-curator", role="curator"))
    return client


def entry_index(data: dict, entry: ReportEntry) -> str:
    return next(k.split("-")[1] for k, v in data.items() if k.startswith("entries-") and k.endswith("-id")
                and v == str(entry.pk))


def draft_and_edit(curator, month_policies) -> Report:
    response = curator.post("/admin/reports/report/add/", {"month": "2031-03-17", "about": "本期说明。"})
    assert response.status_code == 302, response.content[:2000]
    report = Report.objects.get(month="2031-03-01")
    assert report.status == "draft" and report.entries.count() == 5
    url = f"/admin/reports/report/{report.pk}/change/"
    data = change_form_data(curator.get(url))
    local_1n = ReportSection.objects.get(report=report, part="local", category__code="one_plus_n")
    entries = {e.policy.title: e for e in report.entries.select_related("policy")}
    jiangsu = entry_index(data, entries["测试丁省新型储能发展方案"])
    data[f"entries-{jiangsu}-section"] = str(local_1n.pk)  # move
    data[f"entries-{jiangsu}-order"] = "9"
    ningbo = entry_index(data, entries["测试乙市碳达峰实施方案"])
    data[f"entries-{ningbo}-order"] = "0"  # reorder: before 杭州 (0) by id? make it first
    hangzhou = entry_index(data, entries["测试甲市碳达峰实施方案"])
    data[f"entries-{hangzhou}-order"] = "1"
    gansu = entry_index(data, entries["测试丙省碳达峰实施方案"])
    data[f"entries-{gansu}-order"] = "2"
    national = entry_index(data, entries[NATIONAL_TITLE])
    data[f"entries-{national}-headline"] = "国务院印发《测试国家碳达峰行动方案》（编辑改写）"
    response = curator.post(url, data)
    assert response.status_code == 302, response.context and [f.errors for f in response.context["inline_admin_formsets"][1].formset]
    return report


def test_it_lets_curators_reorder_move_edit_and_publish(curator, month_policies):
    report = draft_and_edit(curator, month_policies)
    assert curator.get("/reports/2031-03/").status_code == 404  # a draft is not public
    response = curator.post(f"/admin/reports/report/{report.pk}/do/publish/")
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "published" and report.published_at is not None
    data = curator.get("/reports/2031-03/?format=json").json()
    local = data["parts"][1]["sections"]
    assert [s["keyword"] for s in local] == ["“1+N”政策体系"]  # the emptied 能源 section is gone
    assert [e["title"] for e in local[0]["entries"]] == [
        "测试乙市碳达峰实施方案", "测试甲市碳达峰实施方案", "测试丙省碳达峰实施方案", "测试丁省新型储能发展方案"]
    assert data["parts"][0]["sections"][0]["entries"][0]["headline"] == "国务院印发《测试国家碳达峰行动方案》（编辑改写）"
    assert data["about"] == "本期说明。"
    assert report.curator_edits["entries"]  # the edit is recorded against the machine's text


def test_it_freezes_the_published_report(curator, month_policies):
    report = draft_and_edit(curator, month_policies)
    curator.post(f"/admin/reports/report/{report.pk}/do/publish/")
    before = curator.get("/reports/2031-03/report.md").content
    policy = month_policies["hangzhou"]
    policy.title = "改名后的标题"
    policy.summary_zh = "后来改的摘要。"
    policy.save()
    assert curator.get("/reports/2031-03/report.md").content == before
    assert "改名后的标题" not in curator.get("/reports/2031-03/").content.decode()
    response = curator.post(f"/admin/reports/report/{report.pk}/change/", {"about": "x"})
    assert response.status_code == 403  # read-only once published
    assert ReportEntry.objects.filter(report=report).count() == 5


def test_it_serves_the_archive_and_every_download(curator, client, month_policies):
    report = draft_and_edit(curator, month_policies)
    curator.post(f"/admin/reports/report/{report.pk}/do/publish/")
    client.logout()
    archive = client.get("/reports/?format=json").json()
    assert "2031-03" in [r["month"] for r in archive["reports"]]
    assert "零碳录月报 · 2031年3月" in client.get("/reports/").content.decode()
    page = client.get("/reports/2031-03/").content.decode()
    assert "<h2>碳中和国家行动一览</h2>" in page and 'href="/reports/2031-03/report.pdf"' in page
    for fmt, start in (("md", b"# "), ("html", b"<!doctype html>"), ("docx", b"PK"), ("pdf", b"%PDF")):
        response = client.get(f"/reports/2031-03/report.{fmt}")
        assert response.status_code == 200 and response.content.startswith(start), fmt
        assert f"ccnt-report-2031-03.{fmt}" in response["Content-Disposition"]


def test_it_lets_curators_download_a_draft_but_not_the_public(curator, client, month_policies):
    report = draft_and_edit(curator, month_policies)
    response = curator.get(f"/admin/reports/report/{report.pk}/download/md/")
    assert response.status_code == 200 and "（编辑改写）" in response.content.decode()
    client.logout()
    assert client.get(f"/admin/reports/report/{report.pk}/download/md/").status_code == 302  # to login
    assert client.get("/reports/2031-03/report.md").status_code == 404
