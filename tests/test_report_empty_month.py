"""A month without published policies gives a clear message, from the command and the admin, and no
public page."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from ccnt.reports.build import ReportError, build_report
from ccnt.reports.drafts import generate_draft

pytestmark = pytest.mark.django_db


def test_it_explains_that_the_month_has_no_policies():
    assert build_report("2040-01").is_empty
    with pytest.raises(CommandError, match="2040年1月没有已发布的政策"):
        call_command("report", "2040-01", "--format", "md")


def test_it_refuses_a_bad_month():
    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("report", "2021-13")


def test_it_makes_no_draft_for_an_empty_month():
    with pytest.raises(ReportError, match="No published policies in 2040-02"):
        generate_draft("2040-02")


def test_it_has_no_public_page_for_a_month_without_a_published_report(client):
    assert client.get("/reports/2040-01/").status_code == 404
    assert client.get("/reports/2040-01/report.pdf").status_code == 404
