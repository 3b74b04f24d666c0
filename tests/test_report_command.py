"""`ccnt report YYYY-MM --format md|html|docx|pdf [-o FILE]` writes the month's report."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management import call_command

from _report_helpers import MONTH
from ccnt.reports.build import build_report
from ccnt.reports.render_md import render_md

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt,magic", [("md", b"# \xe9\x9b\xb6"), ("html", b"<!doctype html>"),
                                       ("docx", b"PK"), ("pdf", b"%PDF")])
def test_it_writes_each_format_to_a_file(month_policies, tmp_path, fmt, magic):
    out = tmp_path / f"r.{fmt}"
    call_command("report", MONTH, "--format", fmt, "-o", str(out))
    data = out.read_bytes()
    assert data.startswith(magic)
    if fmt == "docx":
        assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()


def test_it_prints_markdown_to_standard_output(month_policies, capfdbinary):
    call_command("report", MONTH)
    assert capfdbinary.readouterr().out.decode() == render_md(build_report(MONTH))
