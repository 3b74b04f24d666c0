"""Exports of the non-state actors' commitments: JSON (a list of commitments, each with its
``targets``), CSV (UTF-8 with BOM) and XLSX, one row per target with the commitment and actor
columns repeated (a commitment without targets still has one row).

The same cells and the same JSON writer as the policies' export (``tracker.export``): a value is
written alike in both. Rejected alternative: a second cell formatter here, which would let a
date or a list be written one way for policies and another for commitments.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ccnt.tabular import csv_writer, xlsx_append
from ccnt.tracker.export import cell, write_json

from .data import commitment_dict
from .models import Commitment

COMMITMENT_COLUMNS = [
    "commitment_id", "actor_id", "actor_name", "actor_short_name", "actor_kind", "credit_code", "stock_code",
    "headquarters_adcode", "headquarters_name", "sectors", "parent", "title", "date", "commitment_kind",
    "statement", "source_title", "publisher", "source_url", "review_state",
]
COMMITMENT_TARGET_COLUMNS = [
    "target_id", "indicator", "indicator_name", "target_year", "year_comparator", "value_low", "value_high", "unit",
    "value_normalized", "unit_normalized", "comparator", "metric_kind", "base_year", "firmness", "target_text",
    "direction", "value_text",
]


def commitment_queryset(all_states: bool = False):
    queryset = Commitment.objects.all() if all_states else Commitment.objects.public()
    return queryset.select_related("actor", "actor__headquarters", "actor__parent", "document").prefetch_related(
        "actor__sectors", "targets__indicator").order_by("id")


def iter_commitments(queryset) -> Iterator[dict[str, Any]]:
    for c in queryset:
        a = c.actor
        data = {
            "commitment_id": c.pk, "actor_id": a.pk, "actor_name": a.name, "actor_short_name": a.short_name,
            "actor_kind": a.kind, "credit_code": a.credit_code, "stock_code": a.stock_code,
            "headquarters_adcode": a.headquarters.adcode if a.headquarters_id else None,
            "headquarters_name": a.headquarters.name if a.headquarters_id else None,
            "sectors": [s.code for s in a.sectors.all()], "parent": a.parent.name if a.parent_id else None,
            "title": c.title, "date": c.date.isoformat() if c.date else None, "commitment_kind": c.kind,
            "statement": c.statement, "source_title": c.source_title, "publisher": c.publisher,
            "source_url": c.source_url, "review_state": c.review_state,
        }
        data["targets"] = [{**t, "target_text": t["text"]} for t in commitment_dict(c, with_actor=False)["targets"]]
        yield data


def iter_commitment_rows(commitments: Iterable[dict[str, Any]]) -> Iterator[list[Any]]:
    yield COMMITMENT_COLUMNS + COMMITMENT_TARGET_COLUMNS
    for c in commitments:
        head = [cell(c[k]) for k in COMMITMENT_COLUMNS]
        if not c["targets"]:
            yield head + [""] * len(COMMITMENT_TARGET_COLUMNS)
        for t in c["targets"]:
            yield head + [cell(t.get(k)) for k in COMMITMENT_TARGET_COLUMNS]


def write_commitments(commitments: Iterable[dict[str, Any]], fmt: str, out) -> None:
    """JSON (a list of commitments each with ``targets``), CSV (BOM) or XLSX: one row per target."""
    if fmt == "json":
        write_json(commitments, out)
    elif fmt == "csv":
        out.write("\ufeff")
        writer = csv_writer(out)
        for row in iter_commitment_rows(commitments):
            writer.writerow(row)
    else:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("commitments")
        for row in iter_commitment_rows(commitments):
            xlsx_append(sheet, row)
        workbook.save(out)
