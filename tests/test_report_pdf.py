"""The PDF embeds its CJK fonts (Noto CJK, checked with pdffonts) and its Chinese text can be
extracted (pdftotext) in the report's order; it has a title page and numbered pages."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from _report_helpers import EXPECTED_ENTRIES, MONTH
from ccnt.reports.build import build_report
from ccnt.reports.render_pdf import render_pdf

pytestmark = pytest.mark.django_db


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = f"{name} (Debian poppler-utils) is not installed: bash scripts/install_system_deps.sh"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def pdf(month_rows, django_db_blocker, tmp_path_factory):
    """Rendered once a module (the tests only read the file), from the module's report policies."""
    path = tmp_path_factory.mktemp("report") / "report.pdf"
    with django_db_blocker.unblock():
        path.write_bytes(render_pdf(build_report(MONTH)))
    return path


def run(*args) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout


def test_it_embeds_cjk_fonts(pdf):
    rows = run(tool("pdffonts"), str(pdf)).splitlines()[2:]
    assert rows
    cjk = [r for r in rows if "CJK" in r]
    assert cjk, rows
    for row in rows:
        columns = row.split()
        emb = columns[-5]
        assert emb == "yes", row  # every font is embedded, none left to the reader's machine


def test_it_has_extractable_chinese_text_in_order(pdf):
    text = run(tool("pdftotext"), "-layout", str(pdf), "-")
    flat = re.sub(r"\s+", "", text)
    assert "零碳录月报" in flat and "2031年3月" in flat
    positions = [flat.index(f"《{title}》", flat.index("碳中和国家行动一览关键词")) for title in EXPECTED_ENTRIES]
    assert positions == sorted(positions)
    assert "策展人撰写的摘要。" in flat
    assert flat.index("碳中和国家行动一览关键词") < flat.index("碳中和地方行动一览关键词")


def test_it_has_a_title_page_and_page_numbers(pdf):
    pages = run(tool("pdftotext"), "-layout", str(pdf), "-").split("\f")
    assert "零碳录月报" in pages[0] and "关键词：" not in pages[0]
    assert re.search(r"—\s*2\s*—", pages[1])
