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


def cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else value


PER_POLICY_COLUMNS = ["target_count", "indicators"]


def columns(per_policy: bool = False) -> list[str]:
    return POLICY_COLUMNS + (PER_POLICY_COLUMNS if per_policy else TARGET_COLUMNS)


def _policy_cells(policy: dict[str, Any], today: date) -> list[Any]:
    policy = {**policy, "status": status_of(policy, today)}
    return [cell(policy[c]) for c in POLICY_COLUMNS]


def iter_rows(policies: Iterable[dict[str, Any]], per_policy: bool = False) -> Iterator[list[Any]]:
    yield columns(per_policy)
    today = timezone.localdate()
    for policy in policies:
        head = _policy_cells(policy, today)
        if per_policy:
            names = dict.fromkeys(t["indicator_name"] for t in policy["targets"])
            yield head + [len(policy["targets"]), cell(list(names))]
            continue
        if not policy["targets"]:
            yield head + [""] * len(TARGET_COLUMNS)
        for target in policy["targets"]:
            yield head + [cell(target[c]) for c in TARGET_COLUMNS]


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
