"""Word looks like a publication: a title page, Heading 1 per part, Heading 2 per keyword, bullets
with bold headlines, the East-Asian font set (w:eastAsia) and a PAGE field in the footer."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from _report_helpers import EXPECTED_ENTRIES, MONTH
from ccnt.reports.build import build_report
from ccnt.reports.render_docx import render_docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def doc(month_policies):
    return Document(io.BytesIO(render_docx(build_report(MONTH))))


def test_it_has_a_title_page_headings_and_bullets_in_order(doc):
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    assert ("Title", "零碳录月报") in paragraphs
    assert any(text == "2031年3月" for _, text in paragraphs)
    headings = [(s, t) for s, t in paragraphs if s.startswith("Heading")]
    assert headings == [
        ("Heading 1", "碳中和国家行动一览"), ("Heading 2", "关键词：“1+N”政策体系"),
        ("Heading 1", "碳中和地方行动一览"), ("Heading 2", "关键词：“1+N”政策体系"), ("Heading 2", "关键词：能源"),
    ]
    bullets = [p for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert [p.text.split("《", 1)[1].rstrip("》") for p in bullets] == EXPECTED_ENTRIES
    assert all(run.bold for p in bullets for run in p.runs)
    assert "策展人撰写的摘要。" in [p.text for p in doc.paragraphs]
    first_part = next(p for p in doc.paragraphs if p.style.name == "Heading 1")
    assert first_part.paragraph_format.page_break_before  # the title page stands alone


def test_it_sets_the_east_asian_font(doc):
    for name in ("Normal", "Heading 1", "Heading 2", "Title", "List Bullet"):
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")).startswith("Noto"), name


def test_it_numbers_pages_with_a_page_field(doc):
    footer = doc.sections[0].footer._element.xml
    assert "PAGE" in footer and 'w:fldCharType="begin"' in footer
    assert doc.sections[0].different_first_page_header_footer
