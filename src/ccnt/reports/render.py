"""One entry point for every format: ``render(tree, "md" | "html" | "docx" | "pdf") -> bytes``."""

from __future__ import annotations

from .tree import MonthlyReport

FORMATS = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def render(report: MonthlyReport, fmt: str) -> bytes:
    if fmt == "md":
        from .render_md import render_md

        return render_md(report).encode("utf-8")
    if fmt == "html":
        from .render_html import render_html

        return render_html(report).encode("utf-8")
    if fmt == "docx":
        from .render_docx import render_docx

        return render_docx(report)
    if fmt == "pdf":
        from .render_pdf import render_pdf

        return render_pdf(report)
    raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")


def filename(report: MonthlyReport, fmt: str) -> str:
    return f"ccnt-report-{report.month}.{fmt}"
