"""HTML (the download and the site's page) has the report's structure: h1 title, h2 per part, h3 per
keyword, the lead, one list item per policy with its bold headline and summary."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from _report_helpers import EXPECTED_ENTRIES, MONTH
from ccnt.reports.build import build_report
from ccnt.reports.render_html import render_html

pytestmark = pytest.mark.django_db


class Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.items: list[tuple[str, str]] = []
        self._tag = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "strong", "script"):
            self._tag = tag
            self.items.append((tag, ""))

    def handle_data(self, data):
        if self._tag:
            tag, text = self.items[-1]
            self.items[-1] = (tag, text + data)

    def handle_endtag(self, tag):
        if tag == self._tag:
            self._tag = None


def test_it_renders_headings_and_entries_in_order(month_policies):
    parser = Outline()
    parser.feed(render_html(build_report(MONTH)))
    headings = [(t, x) for t, x in parser.items if t in ("h1", "h2", "h3")]
    assert headings == [
        ("h1", "零碳录月报 · 2031年3月"),
        ("h2", "碳中和国家行动一览"), ("h3", "关键词：“1+N”政策体系"),
        ("h2", "碳中和地方行动一览"), ("h3", "关键词：“1+N”政策体系"), ("h3", "关键词：能源"),
    ]
    headlines = [x for t, x in parser.items if t == "strong" and "发布《" in x]
    assert [h.split("《", 1)[1].rstrip("》") for h in headlines] == EXPECTED_ENTRIES
    assert not [t for t, _ in parser.items if t == "script"]


def test_it_escapes_text(month_policies):
    policy = month_policies["jiangsu"]
    policy.summary_zh = "<script>alert(1)</script>"
    policy.save()
    html = render_html(build_report(MONTH))
    assert "<script>" not in html and "&lt;script&gt;" in html
