"""PDF through WeasyPrint from the print HTML, in Debian's Noto CJK fonts (embedded as subsets)."""

from __future__ import annotations

from .render_html import render_html
from .tree import MonthlyReport


def render_pdf(report: MonthlyReport) -> bytes:
    from weasyprint import HTML  # imported late: loading pango takes a moment

    return HTML(string=render_html(report, print_version=True)).write_pdf()
