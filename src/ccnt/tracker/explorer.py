"""The target explorer's data: the indicators a reader may pick, the rows a selection shows, one
chart per indicator, and the cells that the table and its CSV/XLSX downloads share.

Invariants:

* *Every public target of a chosen indicator is a row* — curator-verified or machine-extracted
  (marked as such), with a number or without one (a peak year), the nation's own rows included.
  So a link made from any public target (a policy page, a region page) lands on at least that
  target's row. Only verified targets get a verdict or a bar in a chart (``insights``' rule).
  Rejected: the old explorer's one ranked series of verified numbers, which opened empty from
  the 二氧化碳排放达峰 link on every policy page (a peak year has no number, most targets are
  machine-extracted).
* *The download is the table*: the same selection makes the same ``Row`` list, and ``cells`` gives
  the table's text and the files' values from one function, so headers, rows and cells agree.
* *The picker* lists the indicators that public targets set, grouped by sector, each group and each
  indicator ordered by how many places (jurisdictions below the nation) set it. Rejected: the
  catalogue's alphabetical order of 129 names.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy, pgettext_lazy

from . import benchmarks, insights
from .models import Indicator, Sector, Target
from .templatetags.ccnt_tags import _, ambition_label, level_label, loc, metric_label, target_value_firm

LEVELS = ("", "national", "province", "city", "county")
SORTS = ("indicator", "region")
OTHER = "other"  # the code of targets the catalogue has no entry for (their subject names them)
ROW_LIMIT = 5000
PAGE_ROWS = 100  # table rows per page of /targets/ (its JSON and downloads hold every row)

# column code → header; the table, the CSV and the XLSX show these, in this order
COLUMNS = [
    ("indicator", gettext_lazy("指标")),
    ("region", pgettext_lazy("explorer column", "地区")),
    ("level", gettext_lazy("层级")),
    ("target_year", gettext_lazy("目标年")),
    ("value", gettext_lazy("目标值")),
    ("ambition", gettext_lazy("对比全国")),
    ("policy", gettext_lazy("政策")),
    ("date", gettext_lazy("日期")),
    ("text", gettext_lazy("原文")),
    ("checked", gettext_lazy("核实")),
]


# --- the picker ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Choice:
    indicator: Indicator
    regions: int  # jurisdictions below the nation that set it
    targets: int


@dataclass
class Group:
    sector: Sector | None
    choices: list[Choice] = field(default_factory=list)

    @property
    def regions(self) -> int:
        return max((c.regions for c in self.choices), default=0)


def _counts() -> dict[int, tuple[int, int]]:
    """indicator id → (places below the nation, targets), one aggregate query."""
    local = ~Q(policy__level="national") & ~Q(policy__jurisdiction__adcode=insights.NATIONAL_ADCODE)
    rows = insights.public_targets().order_by().values("indicator_id").annotate(
        targets=Count("id"), regions=Count("policy__jurisdiction", filter=local, distinct=True))
    return {r["indicator_id"]: (r["regions"], r["targets"]) for r in rows}


def indicator_groups() -> list[Group]:
    """The indicators public targets set, grouped by sector; the most-set first in each group and
    the groups by their most-set indicator (ties: the taxonomy's order). ``other`` comes last."""
    from ccnt.search.index import per_generation

    counts = per_generation("explorer.indicator_counts", _counts)
    groups: dict[int | None, Group] = {}
    tail = Group(None)
    for indicator in Indicator.objects.filter(pk__in=counts).select_related("sector"):
        regions, targets = counts[indicator.pk]
        choice = Choice(indicator, regions, targets)
        if indicator.code == OTHER:
            tail.choices.append(choice)
            continue
        groups.setdefault(indicator.sector_id, Group(indicator.sector)).choices.append(choice)
    for group in groups.values():
        group.choices.sort(key=lambda c: (-c.regions, -c.targets, c.indicator.code))
    ordered = sorted(groups.values(), key=lambda g: (
        -g.regions, g.sector is None, g.sector.order if g.sector else 0, g.sector.code if g.sector else ""))
    return ordered + ([tail] if tail.choices else [])


def ranked_codes(groups: list[Group]) -> list[str]:
    """Every code of the picker, the most-set first (the default selection is the first two)."""
    choices = [c for g in groups for c in g.choices if c.indicator.code != OTHER]
    return [c.indicator.code for c in sorted(choices, key=lambda c: (-c.regions, -c.targets, c.indicator.code))]


# --- the selection ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Selection:
    indicators: tuple[str, ...]
    year: int | None = None
    level: str = ""
    sort: str = "indicator"
    subject: str = ""  # narrows the ``other`` targets to one phrase as written

    def query(self, **changes: Any) -> str:
        """The query string of this selection (with ``changes``), as links and downloads use it."""
        values = {"indicator": list(self.indicators), "year": self.year, "level": self.level,
                  "sort": "" if self.sort == "indicator" else self.sort,
                  "subject": self.subject if OTHER in self.indicators else ""}
        values.update(changes)
        q = QueryDict(mutable=True)
        for key, value in values.items():
            for v in value if isinstance(value, list | tuple) else [value]:
                if v not in (None, ""):
                    q.appendlist(key, str(v))
        return q.urlencode()

    def without(self, code: str) -> str:
        return self.query(indicator=[c for c in self.indicators if c != code])


def parse(params: QueryDict, default: tuple[str, ...]) -> Selection:
    """The reader's selection (``default`` when no indicator is asked for); ``ValueError`` names a
    bad filter, ``LookupError`` an unknown indicator."""
    codes = tuple(dict.fromkeys(c for c in params.getlist("indicator") if c)) or default
    known = set(Indicator.objects.filter(code__in=codes).values_list("code", flat=True))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise LookupError(f"indicator: no such indicator {unknown[0]!r}")
    year = params.get("year", "")
    if year and not (year.isdigit() and 1900 <= int(year) <= 2200):
        raise ValueError(f"year: expected a year such as 2025, got {year!r}")
    level = params.get("level", "")
    if level not in LEVELS:
        raise ValueError(f"level: expected one of {', '.join(x for x in LEVELS if x)}, got {level!r}")
    sort = params.get("sort", "") or "indicator"
    if sort not in SORTS:
        raise ValueError(f"sort: expected 'indicator' or 'region', got {sort!r}")
    return Selection(codes, int(year) if year else None, level, sort, params.get("subject", "").strip())


# --- the rows -----------------------------------------------------------------------------------

@dataclass
class Row:
    target: Target
    ambition: str | None  # benchmarks' verdict; None for a national, unverified or unmatched target
    benchmark: Target | None


@dataclass
class Result:
    selection: Selection
    rows: list[Row]
    years: list[int]  # the target years the chosen indicators have (the year menu)
    year_dropped: int | None = None  # a year asked for that none of them has: all years shown instead
    truncated: bool = False


def _place(t: Target):
    return t.policy.jurisdiction


def _level(t: Target) -> str:
    return "national" if insights.is_national(t) else (_place(t).level if _place(t) else "")


# what no row, chart or download reads (``insights.UNSHOWN``): a selection's 1,500 rows built
# 7,500 model objects, a third of a cold page
UNREAD = insights.UNSHOWN


def _targets(selection: Selection):
    """The selection's public targets (loaded by ``insights.with_shared``, without ``UNREAD``)."""
    queryset = insights.public_targets().filter(indicator__code__in=selection.indicators)
    if selection.subject and OTHER in selection.indicators:
        queryset = queryset.exclude(Q(indicator__code=OTHER) & ~Q(subject=selection.subject))
    return queryset


def _score(t: Target) -> float:
    """Ambition on one scale, more is more ambitious (benchmarks' scale); none last."""
    score = benchmarks.ambition_score(benchmarks.measure(t))
    return float("-inf") if score is None else score


def _sorted(rows: list[Row], selection: Selection) -> list[Row]:
    order = {code: i for i, code in enumerate(selection.indicators)}
    measures = {id(r): benchmarks.measure(r.target) for r in rows}  # once per row, not per use
    keys = {i: m.key() for i, m in measures.items()}
    common = Counter(keys.values())
    written = {key: repr(key) for key in common}  # once per key, not per row

    def score(r: Row) -> float:
        value = benchmarks.ambition_score(measures[id(r)])
        return float("-inf") if value is None else value

    def by_indicator(r: Row):
        t, key = r.target, keys[id(r)]
        place = _place(t)
        return (order[t.indicator.code], t.target_year or 9999, -common[key], written[key],
                not insights.is_national(t), -score(r), place.adcode if place else "", t.policy_id, t.order)

    def by_region(r: Row):
        t = r.target
        place = _place(t)
        return (not insights.is_national(t), place.adcode if place else "~", order[t.indicator.code],
                t.target_year or 9999, written[keys[id(r)]], t.policy_id, t.order)

    return sorted(rows, key=by_region if selection.sort == "region" else by_indicator)


def explore(selection: Selection) -> Result:
    """The rows of a selection, in the table's order (a year none of the indicators has is
    dropped, so a link never opens an empty table)."""
    targets = insights.with_shared(_targets(selection))
    years = sorted({t.target_year for t in targets if t.target_year})
    result = Result(selection, [], years)
    if selection.year and selection.year not in years:
        result.year_dropped = selection.year
        selection = Selection(selection.indicators, None, selection.level, selection.sort, selection.subject)
        result.selection = selection
    index = benchmarks.national_index()
    for t in targets:
        if selection.year and t.target_year != selection.year:
            continue
        if selection.level and _level(t) != selection.level:
            continue
        bench, verdict = benchmarks.compare(t, index)
        result.rows.append(Row(t, verdict, bench))
    result.rows = _sorted(result.rows, selection)
    if len(result.rows) > ROW_LIMIT:
        result.rows, result.truncated = result.rows[:ROW_LIMIT], True
    return result


@dataclass(frozen=True)
class Page:
    number: int  # from 1
    count: int  # pages of the whole table (1 when it is empty)
    rows: list[Row]
    start: int = 0  # the index of its first row in the table (``explorer_plan.page``)


def page_params(params: QueryDict) -> tuple[int | None, int | None]:
    """``page`` and ``at`` (a target's id) of the query string; ``ValueError`` names a bad one."""
    out = []
    for name in ("page", "at"):
        value = params.get(name, "")
        if value and not (value.isdigit() and len(value) <= 9):
            raise ValueError(f"{name}: expected a positive whole number, got {value!r}")
        out.append(int(value) if value else None)
    return out[0], out[1]


# --- the cells ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    value: Any  # what a spreadsheet holds: text, a year (int), a date, or None
    href: str = ""

    @property
    def text(self) -> str:
        if self.value is None:
            return ""
        return self.value.isoformat() if isinstance(self.value, date) else str(self.value)


def headers() -> list[str]:
    return [str(label) for _code, label in COLUMNS]


def _place_name(t: Target) -> str | None:
    """全国 for the nation's own rows (not 中华人民共和国), else the place's name."""
    if insights.is_national(t):
        return _("全国")
    return loc(_place(t)) if _place(t) else None


def cells(row: Row) -> list[Cell]:
    """One row's cells in ``COLUMNS`` order, in the active language."""
    t, place, policy = row.target, _place(row.target), row.target.policy
    known = policy.published_date or policy.signed_date
    return [
        Cell(loc(t)),
        Cell(_place_name(t), f"/regions/{place.adcode}/" if place else ""),
        Cell(level_label(_level(t)) if _level(t) else None),
        Cell(t.target_year),
        Cell(target_value_firm(t) or None),
        Cell(ambition_label(row.ambition) or None),
        Cell(loc(policy, "title"), f"/policies/{policy.pk}/"),
        Cell(known),
        Cell(t.text or None, f"/policies/{policy.pk}/#t-{t.pk}"),
        Cell(_("编辑核实") if t.verified else _("机器提取"), "/accuracy/"),
    ]


def groups_of(rows: list[Row], selection: Selection) -> list[tuple[str, list[Row]]]:
    """The table's row groups: one per indicator (or per place when sorted by region)."""
    out: list[tuple[str, list[Row]]] = []
    for row in rows:
        t = row.target
        if selection.sort == "region":
            label = _place_name(t) or _("地区不详")
        else:
            label = loc(t.indicator) if t.indicator.code != OTHER or not selection.subject else loc(t)
        if not out or out[-1][0] != label:
            out.append((label, []))
        out[-1][1].append(row)
    return out


# --- the charts ---------------------------------------------------------------------------------

def charts(result: Result) -> list[dict]:
    """Per chosen indicator, its commonest like-with-like series among the shown rows: verified
    local targets with a number, one bar per place (``insights.prefer``), and the national target
    as a line only where it is a yardstick for a place (a share, an intensity, a relative change).
    No chart for fewer than two places."""
    index = benchmarks.national_index()
    out = []
    for code in result.selection.indicators:
        series: dict[tuple, dict[str, list[Target]]] = defaultdict(lambda: defaultdict(list))
        for row in result.rows:
            t = row.target
            if t.indicator.code != code or code == OTHER or not t.verified or insights.is_national(t):
                continue
            if _place(t) is None or insights.number(t) is None:
                continue
            series[benchmarks.measure(t).key()][_place(t).adcode].append(t)
        if not series:
            continue
        key, by_place = max(series.items(), key=lambda kv: (len(kv[1]), sum(map(len, kv[1].values())), repr(kv[0])))
        if len(by_place) < 2:
            continue
        chosen = [insights.prefer(group) for group in by_place.values()]
        bench, _verdict = index.find(chosen[0])
        if bench is not None and benchmarks.measure(bench).key() != key:
            bench = None  # the same indicator counted another way: no benchmark for this series
        line = bench is not None and insights.number(bench) is not None and benchmarks.rankable(
            benchmarks.measure(chosen[0]))
        chosen.sort(key=lambda t: (-_score(t), _place(t).adcode))
        first = chosen[0]
        out.append({
            "indicator": code, "name": loc(first.indicator), "year": first.target_year,
            "metric_kind": first.metric_kind, "base_year": first.base_year, "unit": first.unit_normalized,
            "measure": metric_label(first),
            "labels": [_place(t).short_name or _place(t).name for t in chosen],
            "labels_en": [_place(t).name_en or _place(t).name for t in chosen],
            "adcodes": [_place(t).adcode for t in chosen], "values": [insights.number(t) for t in chosen],
            "national": insights.number(bench) if line else None,
            "benchmark": bench, "rankable": line,
        })
    return out
