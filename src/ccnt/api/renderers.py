"""JSON (UTF-8, Chinese as is) and CSV (UTF-8 with a byte-order mark, like ``ccnt export``).

A list response renders its ``results``; the view decides the columns and may expand a row into
several (a policy with its targets: one row per target, the export's layout).
"""

from __future__ import annotations

import io
import json
from typing import Any

from rest_framework import renderers

from ccnt.tabular import csv_writer


class JSONRenderer(renderers.JSONRenderer):
    charset = "utf-8"


def cell(value: Any) -> Any:
    """The export's cell format: lists joined with '; ', nothing as an empty cell."""
    if isinstance(value, list):
        if any(isinstance(v, dict) for v in value):
            return json.dumps(value, ensure_ascii=False)
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


class CSVRenderer(renderers.BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        view = (renderer_context or {}).get("view")
        response = (renderer_context or {}).get("response")
        ok = response is None or 200 <= response.status_code < 300
        rows = data.get("results") if isinstance(data, dict) and "results" in data else [data]
        if ok and hasattr(view, "csv_table"):  # an error's body is no row of the view's table
            columns, table = view.csv_table(rows)
        else:
            columns = list(rows[0].keys()) if rows else []
            table = ([row.get(c) for c in columns] for row in rows)
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv_writer(out)
        writer.writerow(columns)
        for row in table:
            writer.writerow([cell(v) for v in row])
        return out.getvalue().encode("utf-8")
