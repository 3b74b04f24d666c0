"""Exports: JSON (policies with a ``targets`` list), CSV (UTF-8 with BOM) and XLSX.

CSV and XLSX have one row per target with the policy columns repeated; a policy without
targets still has one row. Columns follow DESIGN.md's export contract, in that order. With
``per_policy`` they have one row per policy instead: the policy columns, then how many targets it
sets and their indicators. The ``status`` column is the policy's validity as the document states it
(see ``export_labels.status_of``). An XLSX download names its columns and coded values in the
reader's language and its dates are date cells; the CSV keeps the contract's codes.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ccnt.tabular import csv_writer, xlsx_append

from .export_labels import header, status_of, value_label
from .models import Policy
from .serializers import POLICY_COLUMNS, TARGET_COLUMNS, current_targets_by_policy, policy_dict, target_dict

FORMATS = ("csv", "xlsx", "json")
CHUNK = 500


def export_queryset(all_states: bool = False):
    queryset = Policy.objects.all() if all_states else Policy.objects.public()
    return queryset.order_by("id")


def iter_policies(queryset) -> Iterator[dict[str, Any]]:
    """Policy dicts with their targets, fetched in chunks so memory stays flat."""
    from .serializers import with_related

    ids = list(queryset.values_list("id", flat=True))
    for offset in range(0, len(ids), CHUNK):
        chunk = list(with_related(Policy.objects.filter(id__in=ids[offset : offset + CHUNK]).order_by("id")))
        targets = current_targets_by_policy(chunk)
        for policy in chunk:
            data = policy_dict(policy)
            data["targets"] = [target_dict(t) for t in targets[policy.pk]]
            yield data


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else value


PER_POLICY_COLUMNS = ["target_count", "indicators"]


def columns(per_policy: bool = False) -> list[str]:
    return POLICY_COLUMNS + (PER_POLICY_COLUMNS if per_policy else TARGET_COLUMNS)


def _policy_cells(policy: dict[str, Any], today: date) -> list[Any]:
    policy = {**policy, "status": status_of(policy, today)}
    return [_cell(policy[c]) for c in POLICY_COLUMNS]


def iter_rows(policies: Iterable[dict[str, Any]], per_policy: bool = False) -> Iterator[list[Any]]:
    yield columns(per_policy)
    today = timezone.localdate()
    for policy in policies:
        head = _policy_cells(policy, today)
        if per_policy:
            names = dict.fromkeys(t["indicator_name"] for t in policy["targets"])
            yield head + [len(policy["targets"]), _cell(list(names))]
            continue
        if not policy["targets"]:
            yield head + [""] * len(TARGET_COLUMNS)
        for target in policy["targets"]:
            yield head + [_cell(target[c]) for c in TARGET_COLUMNS]


def write_json(policies: Iterable[dict[str, Any]], out: io.TextIOBase) -> None:
    out.write("[")
    for i, policy in enumerate(policies):
        out.write(",\n" if i else "\n")
        out.write(json.dumps(policy, ensure_ascii=False))
    out.write("\n]\n")


def write_csv(policies: Iterable[dict[str, Any]], out: io.TextIOBase, per_policy: bool = False) -> None:
    out.write("\ufeff")  # Excel opens UTF-8 only with a byte-order mark
    writer = csv_writer(out)
    for row in iter_rows(policies, per_policy):
        writer.writerow(row)


def _spreadsheet_cell(column: str, value: Any) -> Any:
    """A date column's ISO text as a date, a coded value in words; the rest unchanged."""
    if column.endswith("_date") and isinstance(value, str) and value:
        return date.fromisoformat(value)
    return value_label(column, value)


def write_xlsx(policies: Iterable[dict[str, Any]], out: io.BufferedIOBase, per_policy: bool = False) -> None:
    """Headers and coded values in the active language (Chinese when none is active); a second
    sheet lists each header beside its column code."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(_("政策")))
    rows = iter_rows(policies, per_policy)
    codes = next(rows)
    sheet.freeze_panes = "A2"
    xlsx_append(sheet, [header(c) for c in codes])
    for row in rows:
        xlsx_append(sheet, [_spreadsheet_cell(c, v) for c, v in zip(codes, row, strict=True)])
    legend = workbook.create_sheet(str(_("字段说明")))
    xlsx_append(legend, [str(_("列名")), str(_("字段代码"))])
    for code in codes:
        xlsx_append(legend, [header(code), code])
    workbook.save(out)


# --- non-state actors' commitments (alongside; the policy columns above are unchanged) --------
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
    from .models import Commitment

    queryset = Commitment.objects.all() if all_states else Commitment.objects.public()
    return queryset.select_related("actor", "actor__headquarters", "actor__parent", "document").prefetch_related(
        "actor__sectors", "targets__indicator").order_by("id")


def iter_commitments(queryset) -> Iterator[dict[str, Any]]:
    from .actors_data import commitment_dict

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
        head = [_cell(c[k]) for k in COMMITMENT_COLUMNS]
        if not c["targets"]:
            yield head + [""] * len(COMMITMENT_TARGET_COLUMNS)
        for t in c["targets"]:
            yield head + [_cell(t.get(k)) for k in COMMITMENT_TARGET_COLUMNS]


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
