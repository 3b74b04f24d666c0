"""The target explorer (/targets/), its downloads (/targets/export.csv|xlsx) and the peak-year
timeline (/targets/peaks/). The data is ``explorer``'s and ``peaks``'; these views only choose the
format. A download is made from the same ``explorer.explore`` call as the page, so it holds the
page's rows and columns, with the headers in the reader's language."""

from __future__ import annotations

import io
import tempfile

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ccnt.ops.pagecache import cached_page
from ccnt.ops.ratelimit import rate_limited
from ccnt.tabular import csv_writer, xlsx_append

from . import explorer, explorer_plan, peaks
from .templatetags.ccnt_tags import escaped, zh
from .views import json_response, jurisdiction_dict, target_brief, wants_json
from .views_site import bad_request

FORMATS = ("csv", "xlsx")


def _selection(request, groups: list[explorer.Group]) -> explorer.Selection:
    """The reader's selection (the two most-set indicators when none is asked for); 404 for an
    unknown indicator, ``ValueError`` for another bad filter."""
    try:
        return explorer.parse(request.GET, tuple(explorer.ranked_codes(groups)[:2]))
    except LookupError as error:
        raise Http404(str(error)) from error


def _chart_json(chart: dict) -> dict:
    return {k: v for k, v in chart.items() if k != "benchmark"}


@cached_page()
def target_explorer(request):
    groups = explorer.indicator_groups()
    try:
        selection = _selection(request, groups)
    except ValueError as error:
        return bad_request(request, message=str(error))
    if wants_json(request):
        result = explorer.explore(selection)
        return json_response({
            "indicators": list(result.selection.indicators), "year": result.selection.year,
            "year_dropped": result.year_dropped, "level": result.selection.level, "sort": result.selection.sort,
            "subject": result.selection.subject, "years": result.years, "truncated": result.truncated,
            "columns": [code for code, _label in explorer.COLUMNS], "headers": explorer.headers(),
            "rows": [{**target_brief(r.target), "ambition": r.ambition, "national_target_id":
                      r.benchmark.pk if r.benchmark else None, "cells": [c.text for c in explorer.cells(r)]}
                     for r in result.rows],
            "charts": [{**_chart_json(c), "national_target": target_brief(c["benchmark"])}
                       for c in explorer.charts(result)],
        })
    try:
        number, at = explorer.page_params(request.GET)
    except ValueError as error:
        return bad_request(request, message=str(error))
    table = explorer_plan.plan(selection)  # the whole table, once per state of the data
    page = explorer_plan.page(table, number, at)  # this page's rows only
    names = {c.indicator.code: c.indicator for g in groups for c in g.choices}
    codes = [code for code, _label in explorer.COLUMNS]
    shown = table.selection
    chosen = [(names[code], shown.without(code)) for code in shown.indicators if code in names]
    return render(request, "tracker/targets.html", {
        "result": table, "selection": shown, "groups": groups, "chosen": chosen, "count": len(table.ids),
        "headers": explorer.headers(), "charts": table.charts, "chart_data": [_chart_json(c) for c in table.charts],
        "row_groups": bool(table.ids), "table_body": table_body(explorer_plan.groups(table, page), codes),
        "page": page, "places": table.places, "query": shown.query(),
        "levels": [lv for lv in explorer.LEVELS if lv], "row_limit": explorer.ROW_LIMIT,
    })


def table_body(groups: list[tuple[str, list[explorer.Row], int]], codes: list[str]) -> SafeString:
    """The explorer table's ``<tbody>`` groups, as the template wrote them (the same bytes): one
    heading row per group, then one row per target with its cells, each text marked as Chinese on
    an English page (``zh``).

    Built here, not in the template: the table holds up to ``ROW_LIMIT`` rows of ten cells, and
    the template engine's per-node cost (a variable lookup, a filter call and a language lookup
    per cell) made two thirds of a cold /targets/ (0.8 s of 1.3 s at 1,500 rows). The view passes
    one page of rows (``explorer_plan.groups``); a group's count is of its rows in the whole table."""
    text = zh  # the template's filter: escaped, and marked as Chinese on an English page

    parts = []
    for label, rows, total in groups:
        parts.append(f'\n  <tbody>\n    <tr class="group"><th colspan="{len(codes)}" scope="rowgroup">{text(label)} '
                     f'<span class="count">{total}</span></th></tr>\n    ')
        for row in rows:
            cells = []
            for code, cell in zip(codes, explorer.cells(row), strict=True):
                shown = text(cell.text)
                if cell.href and cell.text:
                    shown = f'<a href="{escaped(cell.href)}">{shown}</a>'
                cells.append(f'<td class="c-{code}">{shown}</td>')
            machine = "" if row.target.verified else " machine"
            parts.append(f'\n    <tr class="row{machine}" id="r-{row.target.pk}">{"".join(cells)}</tr>\n    ')
        parts.append("\n  </tbody>\n  ")
    return mark_safe("".join(parts))


def _filename(selection: explorer.Selection, fmt: str) -> str:
    name = "-".join(selection.indicators)[:80] or "targets"
    return f"ccnt-targets-{name}{f'-{selection.year}' if selection.year else ''}.{fmt}"


@rate_limited("export")
def explorer_export(request, fmt: str):
    """The explorer's table as a file: its headers (in the reader's language), its rows in its
    order, each cell as the table shows it; in XLSX a date is a date cell and a year a number,
    and a second sheet lists each header beside its column code."""
    if fmt not in FORMATS:
        raise Http404("Unknown export format")
    try:
        selection = _selection(request, explorer.indicator_groups())
    except ValueError as error:
        return bad_request(request, message=str(error))
    result = explorer.explore(selection)
    rows = [[c.value for c in explorer.cells(r)] for r in result.rows]
    filename = _filename(result.selection, fmt)
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")  # Excel opens UTF-8 only with a byte-order mark
        writer = csv_writer(buffer)
        writer.writerow(explorer.headers())
        for row in rows:
            writer.writerow(["" if v is None else (v.isoformat() if hasattr(v, "isoformat") else v) for v in row])
        response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("目标比较"))
    sheet.freeze_panes = "A2"
    xlsx_append(sheet, explorer.headers())
    for row in rows:
        xlsx_append(sheet, row)
    legend = workbook.create_sheet(_("字段说明"))
    xlsx_append(legend, [_("列名"), _("字段代码")])
    for (code, _label), header in zip(explorer.COLUMNS, explorer.headers(), strict=True):
        xlsx_append(legend, [header, code])
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename,
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@cached_page()
def peak_timeline(request):
    level = request.GET.get("level", "") or "province"
    if level not in peaks.LEVELS:
        return bad_request(request, message=f"level: expected province or city, got {level!r}")
    data = peaks.timeline(level)
    if wants_json(request):
        return json_response({
            "level": level, "national": target_brief(data.national),
            "years": [{"year": year, "entries": [
                {"jurisdiction": jurisdiction_dict(e.place), "target": target_brief(e.target),
                 "others": [target_brief(o) for o in e.others]} for e in entries]} for year, entries in data.years],
            "gaps": [jurisdiction_dict(j) for j in data.gaps], "unverified": data.unverified,
        })
    return render(request, "tracker/peak_timeline.html", {"timeline": data, "level": level})
