"""The rows of a region page's targets table (``region_detail``), built in Python.

Invariant: the same bytes the template's loop wrote (tests/test_pages_region_table.py renders
that loop beside this), in the active language, each text escaped and marked as Chinese on an
English page (``zh``) as the template's filters did.

Built here, not in the template: the national page lists every national target (650 rows of
seven cells at the demo's size), and the template engine's per-node cost (a variable lookup, a
filter call, a localisation per number) made a third of the cold page. Rejected: paging the
table (a region's targets are read side by side, and the page links to each row's explorer
page already)."""

from __future__ import annotations

from typing import Any

from django.utils.safestring import SafeString, mark_safe

from .templatetags.ccnt_tags import (
    _,
    ambition_label,
    escaped,
    explorer_url,
    loc,
    metric_label,
    target_value,
    zh,
)


def _value_link(t: Any) -> str:
    """A target's value (its text when it has none) linked to its row on its policy's page."""
    return f'<a href="/policies/{t.policy_id}/#t-{t.pk}">{zh(target_value(t) or t.text)}</a>'


def comparison_rows(comparisons: list[dict], province: bool, compare_national: bool) -> SafeString:
    """The ``<tr>`` rows of ``comparisons`` (``region_detail``'s: target, province, national,
    ambition), with the province's column when ``province`` and the national columns when
    ``compare_national``."""
    missing = escaped(_("暂无数据"))
    stretch = f" <em>{escaped(_('力争'))}</em>"
    parts = []
    for c in comparisons:
        t = c["target"]
        year = t.target_year if t.target_year else "—"
        row = (f'\n      <tr><td><a href="{escaped(explorer_url(t))}">{zh(loc(t))}</a></td>\n'
               f'        <td>{escaped(year)}</td><td>{escaped(metric_label(t))}</td>\n'
               f'        <td>{_value_link(t)}{stretch if t.firmness == "stretch" else ""}</td>\n        ')
        if province:
            row += f'<td>{_value_link(c["province"]) if c["province"] else missing}</td>'
        row += "\n        "
        if compare_national:
            row += (f'<td>{_value_link(c["national"]) if c["national"] else missing}</td>\n'
                    f'        <td>{escaped(ambition_label(c["ambition"]) or "—")}</td>')
        parts.append(row + "</tr>\n    ")
    return mark_safe("".join(parts))
