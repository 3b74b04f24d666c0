"""HTML: the same page for the site, the downloadable file and (with print styles) the PDF."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.template.loader import render_to_string

from .tree import MonthlyReport

STATIC = Path(__file__).resolve().parent / "static" / "ccnt"


@cache
def stylesheet(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def context(report: MonthlyReport) -> dict:
    entries = report.entries()
    national = sum(len(s.entries) for p in report.parts if p.key == "national" for s in p.sections)
    return {
        "report": report,
        "counts": {"total": len(entries), "national": national, "local": len(entries) - national},
        "published_on": (report.published_at or "")[:10],
    }


def render_html(report: MonthlyReport, *, print_version: bool = False, links: bool = False) -> str:
    """A whole HTML document; ``print_version`` adds the title page and contents for the PDF."""
    css = stylesheet("reports-print.css" if print_version else "reports.css")
    return render_to_string("reports/document.html", {**context(report), "css": css, "print": print_version,
                                                      "links": links})


def render_body(report: MonthlyReport, *, links: bool = True) -> str:
    """Just the article, for the site's own page."""
    return render_to_string("reports/_report_body.html", {**context(report), "links": links})
