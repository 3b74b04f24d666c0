"""The target explorer's page, from a plan of its table kept per state of the public data.

A selection's table — every public target of its indicators, compared, sorted and grouped
(``explorer.explore``) — is the same for each of its pages and for each link to one of its rows
(``?at=<id>``). The plan keeps what the page shows of the whole table without its model objects
(the rows' ids, verdicts and benchmarks' ids in order, the groups' spans, the count of places, the
charts) under the generation of the public data and the reader's language (the group labels and
the charts' names are in it); a page then loads only its own rows by id.

Invariant: a page shows the rows, groups, counts and charts ``explore`` gives for its selection at
that generation (a publish makes a new generation, so a new plan). Rejected: caching the
``Result`` itself (1,500 targets with their policies, places and indicators pickled: 2 MB written
per selection, and read back whole for a page of 100 rows), and computing the whole table for each
page (every page and every ``at=`` link a cold computation of the whole selection).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from . import benchmarks, explorer, insights
from .explorer import Page, Row, Selection
from .models import Target


@dataclass(frozen=True)
class Plan:
    selection: Selection  # the selection shown (an asked-for year none of the indicators has: dropped)
    years: list[int]
    year_dropped: int | None
    truncated: bool
    ids: list[int]  # target ids in the table's order
    verdicts: list[str | None]
    benchmarks: list[int | None]  # each row's national benchmark's target id
    spans: list[tuple[str, int, int]]  # each group's label and its rows' [start, end) in the table
    places: int
    charts: list[dict]


def _plan(selection: Selection) -> Plan:
    result = explorer.explore(selection)
    spans, start = [], 0
    for label, rows in explorer.groups_of(result.rows, result.selection):
        spans.append((label, start, start + len(rows)))
        start += len(rows)
    return Plan(
        result.selection, result.years, result.year_dropped, result.truncated,
        [r.target.pk for r in result.rows], [r.ambition for r in result.rows],
        [r.benchmark.pk if r.benchmark else None for r in result.rows], spans,
        len({r.target.policy.jurisdiction_id for r in result.rows}), explorer.charts(result),
    )


def plan(selection: Selection) -> Plan:
    """The selection's plan, computed once per state of the public data and language."""
    from ccnt.search.index import per_generation

    from .templatetags.ccnt_tags import language

    digest = hashlib.sha1(f"{language()}\n{selection.query()}".encode()).hexdigest()
    return per_generation(f"explorer.plan:{digest}", lambda: _plan(selection))


def page(of: Plan, number: int | None, at: int | None = None) -> Page:
    """The ``PAGE_ROWS`` rows of page ``number`` (clamped to the table), loaded by id in one query;
    with no number, the page holding target ``at``'s row (a link made for one target,
    ``explorer_url``), else the first.

    Invariant: a page never cuts the table's order, so a link to one target lands on the page that
    shows its row. Rejected: the whole table on one page (1,500 rows, a megabyte of HTML copied on
    every cached answer, and built row by row on every cold one)."""
    size = explorer.PAGE_ROWS
    count = max(1, -(-len(of.ids) // size))
    if number is None and at is not None:
        number = (of.ids.index(at) if at in of.ids else 0) // size + 1
    number = min(max(number or 1, 1), count)
    start = (number - 1) * size
    ids = of.ids[start:start + size]
    # by id alone: the plan is the public gate (computed from public targets under this request's
    # generation, and a publish or withdrawal makes a new one). ``public_targets().filter(pk__in=…)``
    # led SQLite to walk every public policy for a hundred ids (70 ms against 6)
    targets = {t.pk: t for t in insights.with_shared(Target.objects.filter(pk__in=ids))}
    index = benchmarks.national_index()
    benches = {c.pk: c for group in index.by_family.values() for _measure, c in group}
    rows = [Row(targets[pk], verdict, benches.get(bench))
            for pk, verdict, bench in zip(ids, of.verdicts[start:], of.benchmarks[start:], strict=False)
            if pk in targets]
    return Page(number, count, rows, start)


def groups(of: Plan, shown: Page) -> list[tuple[str, list[Row], int]]:
    """The page's groups: label, the group's rows on the page, the group's rows in the whole table
    (so a group's count does not change from page to page)."""
    out = []
    for label, first, end in of.spans:
        low, high = max(shown.start, first), min(shown.start + len(shown.rows), end)
        if low < high:
            out.append((label, shown.rows[low - shown.start:high - shown.start], end - first))
    return out
