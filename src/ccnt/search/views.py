"""Search-backed responses shared by the policy list: the JSON shape, a 400 for bad filters,
and "download these results" (/policies/export.csv, /policies/export.xlsx)."""

from __future__ import annotations

import io
import tempfile

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse

from ccnt.ops.ratelimit import rate_limited
from ccnt.tracker.export import iter_policies, write_csv, write_xlsx
from ccnt.tracker.serializers import policy_dict
from ccnt.tracker.views_site import bad_request as site_bad_request

from .hybrid import with_meaning
from .query import SearchResult, parse_filters, queryset

EXPORT_LIMIT = 50_000


def bad_request(request, error: ValueError) -> HttpResponse:
    message = str(error)
    if request.GET.get("format") == "json" or request.path.endswith((".csv", ".xlsx")):
        return JsonResponse({"error": message}, status=400, json_dumps_params={"ensure_ascii": False})
    return site_bad_request(request, message=message)


def result_json(result: SearchResult) -> dict:
    results = []
    for policy in result.policies:
        data = policy_dict(policy)
        data["snippet"] = result.snippets.get(policy.pk, "")
        data["title_html"] = result.titles.get(policy.pk, "")
        data["match"] = "meaning" if policy.pk in result.meaning_only else "keyword"
        data["passages"] = [
            {"start": m.start, "end": m.end, "heading": m.heading, "html": m.html, "url": m.url,
             "score": round(m.score, 4)}
            for m in result.passages.get(policy.pk, [])]
        results.append(data)
    return {
        "count": result.total, "page": result.page, "num_pages": result.num_pages, "page_size": result.page_size,
        "sort": result.params.effective_sort, "mode": result.mode, "terms": result.terms, "params": result.params.as_query(),
        "facets": result.facets_json(), "undated_left_out": result.undated_left_out, "results": results,
    }


class _Window:
    """A sequence as long as the whole result whose slice for the current page is the page, so
    Django's Paginator (and templates using ``page``) work on a search result."""

    def __init__(self, result: SearchResult) -> None:
        self.result = result

    def __len__(self) -> int:
        return self.result.total

    def count(self) -> int:
        return self.result.total

    def __getitem__(self, item):
        return self.result.policies


def page_of(result: SearchResult):
    return Paginator(_Window(result), result.page_size).page(result.page)


def rows_per_policy(value: str) -> bool:
    """``rows=policy``: one row per policy; ``rows=target`` (the default): one row per target."""
    if value not in ("", "target", "policy"):
        raise ValueError(f"rows: expected 'target' or 'policy', got {value!r}")
    return value == "policy"


@rate_limited("export")
def export(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown export format")
    try:
        params = parse_filters(request.GET)
        per_policy = rows_per_policy(request.GET.get("rows", ""))
    except ValueError as error:
        return bad_request(request, error)
    # what the search page lists: its keyword matches and, for a hybrid search, its meaning matches
    policies = queryset(with_meaning(params))[:EXPORT_LIMIT]
    name = "ccnt-policies-per-policy" if per_policy else "ccnt-policies"
    if fmt == "csv":
        buffer = io.StringIO()
        write_csv(iter_policies(policies), buffer, per_policy=per_policy)
        response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    handle = tempfile.TemporaryFile()
    write_xlsx(iter_policies(policies), handle, per_policy=per_policy)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{name}.xlsx",
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
