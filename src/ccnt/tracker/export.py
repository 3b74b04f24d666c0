"""Exports: JSON (policies with a ``targets`` list), CSV (UTF-8 with BOM) and XLSX.

CSV and XLSX have one row per target with the policy columns repeated; a policy without
targets still has one row. Columns follow DESIGN.md's export contract, in that order.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

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


def iter_rows(policies: Iterable[dict[str, Any]]) -> Iterator[list[Any]]:
    yield POLICY_COLUMNS + TARGET_COLUMNS
    for policy in policies:
        head = [_cell(policy[c]) for c in POLICY_COLUMNS]
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


def write_csv(policies: Iterable[dict[str, Any]], out: io.TextIOBase) -> None:
    out.write("\ufeff")  # Excel opens UTF-8 only with a byte-order mark
    writer = csv.writer(out)
    for row in iter_rows(policies):
        writer.writerow(row)


def write_xlsx(policies: Iterable[dict[str, Any]], out: io.BufferedIOBase) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("policies")
    for row in iter_rows(policies):
        sheet.append(row)
    workbook.save(out)
