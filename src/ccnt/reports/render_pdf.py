"""PDF through WeasyPrint from the print HTML, in Debian's Noto CJK fonts (embedded as subsets)."""

from __future__ import annotations

from .build import MonthlyReport
from .render_html import render_html


def render_pdf(report: MonthlyReport) -> bytes:
    from weasyprint import HTML  # imported late: loading pango takes a moment

    return HTML(string=render_html(report, print_version=True)).write_pdf()
