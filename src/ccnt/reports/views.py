"""Public report pages: the archive, one page per published month, and its downloads.

Only published reports are public, and they are read from the frozen snapshot; drafts are seen
by curators in the admin. Every page also answers ``?format=json`` with the data it shows.
"""

from __future__ import annotations

import hashlib
import json
import logging

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render

from ccnt.ops.pagecache import cached_page

from .build import ReportError, parse_month
from .models import Report
from .render import FORMATS, filename
from .render import render as render_format
from .render_html import render_body
from .tree import MonthlyReport

DOWNLOADS = ["pdf", "docx", "md", "html"]
LABELS = {"pdf": "PDF", "docx": "Word", "md": "Markdown", "html": "HTML"}


def _json(data) -> JsonResponse:
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def report_scopes(request, *args, **kwargs) -> list[str]:
    """A published report is a frozen snapshot: its page and the archive change with a report's
    save or deletion (``ccnt.search.index.touch_reports``) or the names every page shows, not
    with each publish of a policy."""
    from ccnt.search.index import CATALOGUE, REPORTS

    return [CATALOGUE, REPORTS]


def _downloads(month: str) -> dict[str, str]:
    return {fmt: f"/reports/{month}/report.{fmt}" for fmt in DOWNLOADS}


def _published(month: str) -> Report:
    try:
        first = parse_month(month)
    except ReportError as error:
        raise Http404(str(error)) from error
    report = Report.objects.filter(month=first, status=Report.Status.PUBLISHED).first()
    if report is None or not report.content.get("parts"):
        raise Http404("No published report for this month")
    return report


@cached_page(report_scopes)
def archive(request):
    reports = Report.objects.filter(status=Report.Status.PUBLISHED).order_by("-month")
    rows = []
    for report in reports:
        tree = MonthlyReport.from_dict(report.content)
        rows.append({
            "month": tree.month, "title": tree.title, "url": f"/reports/{tree.month}/",
            "published_at": tree.published_at, "entries": len(tree.entries()), "downloads": _downloads(tree.month),
        })
    if request.GET.get("format") == "json":
        return _json({"count": len(rows), "reports": rows})
    return render(request, "reports/archive.html", {"rows": rows})


@cached_page(report_scopes)
def report_page(request, month: str):
    report = _published(month)
    tree = MonthlyReport.from_dict(report.content)
    if request.GET.get("format") == "json":
        data = tree.to_dict()
        data["downloads"] = _downloads(tree.month)
        return _json(data)
    downloads = [(LABELS[fmt], url) for fmt, url in _downloads(tree.month).items()]
    return render(request, "reports/report_page.html", {
        "report": tree, "body": render_body(tree), "downloads": downloads,
    })


def cached_render(report: Report, tree: MonthlyReport, fmt: str) -> bytes:
    """A published report never changes: its Word and PDF files are made once and kept."""
    if fmt not in ("docx", "pdf"):
        return render_format(tree, fmt)
    digest = hashlib.sha256(json.dumps(report.content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    folder = settings.VAR_DIR / "reports"
    path = folder / f"{tree.month}-{digest[:16]}.{fmt}"
    if path.exists():
        return path.read_bytes()
    data = render_format(tree, fmt)
    tmp = path.with_suffix(path.suffix + ".tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError:  # e.g. a full disk: serve the file anyway, cache it another time
        tmp.unlink(missing_ok=True)
        logging.getLogger(__name__).warning("report cache not written: %s", path, exc_info=True)
    return data


def download_response(tree: MonthlyReport, fmt: str, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type=FORMATS[fmt])
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename(tree, fmt)}"'
    return response


def report_download(request, month: str, fmt: str):
    if fmt not in FORMATS:
        raise Http404("Unknown format")
    report = _published(month)
    tree = MonthlyReport.from_dict(report.content)
    return download_response(tree, fmt, cached_render(report, tree, fmt))
