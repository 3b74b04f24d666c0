"""Cells for every tabular output (CSV and XLSX): no text cell can become a spreadsheet formula.

Invariant: a text cell written by ccnt — web and API CSV, the CSV/XLSX downloads, ``ccnt export``,
``ccnt dump`` — never begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return; such a
value is prefixed with a single quote (OWASP's CSV-injection rule), and in XLSX every text cell is
written with the string type (``data_type "s"``), so even a value openpyxl would read as a formula
stays text. Numbers, dates and booleans are not text and pass unchanged (a negative number is a
number, not a formula).

Every writer goes through :func:`csv_writer` or :func:`xlsx_append`; rejected alternative: escaping
titles where they are saved — the data would then differ from the document, and any other text
field (a summary, an issuer, a target's phrase) would still be open.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """The value as a cell may hold it: text starting with a formula trigger gets a leading quote."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [neutralise(v) for v in values]


class _SafeWriter:
    """``csv.writer`` whose rows are neutralised first."""

    def __init__(self, out, **kwargs: Any) -> None:
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out, **kwargs: Any) -> _SafeWriter:
    return _SafeWriter(out, **kwargs)


def xlsx_append(sheet, row: Iterable[Any]) -> None:
    """Append ``row`` to a write-only openpyxl sheet, every text cell typed as a string."""
    from openpyxl.cell import WriteOnlyCell

    cells: list[Any] = []
    for value in row:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=neutralise(value))
            cell.data_type = "s"
            cells.append(cell)
        elif isinstance(value, date) and not isinstance(value, datetime):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = "yyyy-mm-dd"  # a date cell Excel sorts and filters as a date
            cells.append(cell)
        else:
            cells.append(value)
    sheet.append(cells)
