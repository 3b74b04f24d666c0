"""Build a month's report from the data: a plain tree (``MonthlyReport``) that every renderer reads.

Which policies: the published ones (``Policy.objects.public()``) whose report month is this month
— the month of the publication date, else of the signing date (flagged ``date_basis="signed"``);
undated policies are never guessed into a month. A policy whose own month's report was already
published without it (found late) comes into the next report as 补录.

Shape (DESIGN.md, "Monthly report shape"): 碳中和国家行动一览 then 碳中和地方行动一览, within each
one section per report category that has a policy (in the taxonomy's order), a lead paragraph
(``prose.py``) and one entry per policy: "<issuer>发布《<title>》" and its summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q

from ccnt.analysis.policy_type import policy_type_of, taxonomy
from ccnt.analysis.summary import summary_of
from ccnt.analysis.types import PolicyAnalysis
from ccnt.analysis.types import Target as AnalysisTarget
from ccnt.tracker import benchmarks
from ccnt.tracker.models import Category, Policy
from ccnt.tracker.serializers import current_targets_by_policy

from .actors import actor_part
from .models import Report
from .prose import Benchmark, PolicyFacts, TargetFact, lead_paragraph
from .tree import Entry, MonthlyReport, Part, Section

PARTS = [("national", "碳中和国家行动一览"), ("local", "碳中和地方行动一览")]
OTHER_KEYWORD = "其他"
SUPPLEMENT_MARK = "【补录】"
DEFAULT_ABOUT = (
    "零碳录（China Carbon Neutrality Tracker）收录影响温室气体排放的中国公共政策——国家、省、市、县各级"
    "政府文件——按地区和领域分类，提取其中的量化目标，经编辑审核后发布。月报汇总当月新发布的国家和地方行动，"
    "按关键词分组，并比较各地目标与国家目标。"
)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


class ReportError(ValueError):
    """A request for a report that cannot be made (bad month, no policies)."""


# ------------------------------------------------------------------------------ months
def parse_month(value: str | date) -> date:
    if isinstance(value, date):
        return value.replace(day=1)
    m = _MONTH.match(value.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ReportError(f"月份格式应为 YYYY-MM，例如 2021-10 (month must be YYYY-MM): {value!r}")
    return date(int(m.group(1)), int(m.group(2)), 1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def month_key(month: date) -> str:
    return f"{month:%Y-%m}"


def report_month_of(policy: Policy) -> tuple[date | None, str]:
    """(first day of the report month, basis): the publication date's month, else the signing date's."""
    if policy.published_date:
        return policy.published_date.replace(day=1), "published"
    if policy.signed_date:
        return policy.signed_date.replace(day=1), "signed"
    return None, ""


def in_month_q(month: date, prefix: str = "") -> Q:
    end = next_month(month)
    return Q(**{f"{prefix}published_date__gte": month, f"{prefix}published_date__lt": end}) | Q(
        **{f"{prefix}published_date__isnull": True, f"{prefix}signed_date__gte": month,
           f"{prefix}signed_date__lt": end}
    )


def month_policies(month: date):
    return Policy.objects.public().filter(in_month_q(month))


def supplement_policies(month: date) -> list[Policy]:
    """Published policies found after their own month's report was published (补录)."""
    from .models import ReportEntry

    earlier = Report.objects.filter(status=Report.Status.PUBLISHED, month__lt=month)
    if not earlier.exists():
        return []
    reported = set(ReportEntry.objects.filter(report__status=Report.Status.PUBLISHED, policy__isnull=False)
                   .values_list("policy_id", flat=True))
    excluded: set[int] = set()
    condition = Q()
    for report in earlier:
        excluded.update((report.content or {}).get("excluded_policy_ids", []))
        condition |= in_month_q(report.month)
    candidates = Policy.objects.public().filter(condition).exclude(pk__in=reported | excluded)
    return list(candidates)


def about_text(report: Report | None = None) -> str:
    if report is not None and report.about.strip():
        return report.about.strip()
    return settings.CCNT_REPORT_ABOUT.strip() or DEFAULT_ABOUT


# ------------------------------------------------------------------------------ facts
def target_fact(t) -> TargetFact:
    return TargetFact(
        indicator=t.indicator.code, indicator_name=t.name_zh, year=t.target_year,
        low=t.value_low, high=t.value_high, unit=t.unit, norm_low=t.value_normalized_low,
        norm_high=t.value_normalized_high, unit_normalized=t.unit_normalized, comparator=t.comparator or "",
        metric_kind=t.metric_kind, base_year=t.base_year, period_start=t.period_start, direction=t.direction,
        firmness=t.firmness, year_comparator=t.year_comparator, better=t.indicator.better, text=t.text,
        subject=t.subject, quantity=t.quantity,
    )


def part_of(policy: Policy) -> str:
    if policy.level == "national" or (not policy.level and policy.jurisdiction and policy.jurisdiction.adcode == "100000"):
        return "national"
    return "local"


def policy_facts(policy: Policy, targets: list) -> PolicyFacts:
    return PolicyFacts(
        policy_id=policy.pk, title=clean_title(policy.title),
        jurisdiction=policy.jurisdiction.name if policy.jurisdiction else "",
        adcode=policy.jurisdiction.adcode if policy.jurisdiction else "",
        level=policy.level, policy_type=policy.policy_type,
        issuers=[link.authority.name for link in policy.issuer_links.all()],
        topics=[t.name_zh for t in policy.topics.all()],
        targets=[target_fact(t) for t in targets],
    )


def national_benchmarks(until: date) -> dict[tuple, Benchmark]:
    """For each comparable key, the national benchmark by the one rule (``tracker.benchmarks``),
    among the curator-verified targets of national policies dated before the month ends."""
    result: dict[tuple, Benchmark] = {}
    for key, target in benchmarks.Index(benchmarks.national_pool(until)).by_key().items():
        fact = target_fact(target)
        if fact.is_peak or not fact.has_value or not fact.year:
            continue
        result[key] = Benchmark(target.policy_id, clean_title(target.policy.title), fact)
    return result


# ------------------------------------------------------------------------------ entries
def clean_title(title: str) -> str:
    title = title.strip()
    if title.startswith("《") and title.endswith("》") and title.count("《") == 1:
        title = title[1:-1]
    return title


def headline_of(policy: Policy, supplement: bool = False) -> str:
    issuers = [link.authority.name for link in policy.issuer_links.all()]
    who = "、".join(issuers) or (policy.jurisdiction.name if policy.jurisdiction else "")
    line = f"{who}发布《{clean_title(policy.title)}》" if who else f"《{clean_title(policy.title)}》"
    return (SUPPLEMENT_MARK + line) if supplement else line


def policy_type_code(policy: Policy) -> str:
    for t in taxonomy().get("policy_types", []):
        if t.get("zh") == policy.policy_type or t.get("code") == policy.policy_type:
            return t["code"]
    return policy_type_of(policy.title)


def summary_for(policy: Policy, targets: list) -> str:
    """The curator's (or extraction's) stored summary, else the house-style summary made by the
    analysis library from the published text and its targets; no text, no summary."""
    if policy.summary_zh.strip():
        return policy.summary_zh.strip()
    version = policy.published_version
    text = version.text if version else ""
    if not text.strip():
        return ""
    usable = []
    for t in targets:
        if t.start is None or t.end is None or text[t.start:t.end] != t.text:
            continue  # offsets must hold: a number in the summary comes from the target's own text
        low, high = t.value_normalized_low, t.value_normalized_high
        usable.append(AnalysisTarget(
            indicator=t.indicator.code, indicator_name=t.name_zh, target_year=t.target_year,
            value_low=t.value_low, value_high=t.value_high, unit=t.unit,
            value_normalized=low if low == high else [low, high], unit_normalized=t.unit_normalized,
            comparator=t.comparator or None, text=t.text, start=t.start, end=t.end, base_year=t.base_year,
            direction=t.direction, stretch=t.firmness == "stretch", firmness=t.firmness,
            metric_kind=t.metric_kind, period_start=t.period_start, year_comparator=t.year_comparator,
            binding=t.binding,
        ))
    pa = PolicyAnalysis(text=text, title=policy.title, policy_type=policy.policy_type,
                        policy_type_code=policy_type_code(policy), targets=usable)
    return summary_of(pa)


def _with_related(queryset):
    return queryset.select_related("jurisdiction", "category", "published_version").prefetch_related(
        "issuer_links__authority", "topics"
    )


@dataclass
class Item:
    """A policy on its way into a section (the tree keeps only what renders; facts feed the lead)."""

    policy: Policy
    entry: Entry
    facts: PolicyFacts
    part: str
    category: Category | None


def collect(month: date) -> tuple[list[Item], list[int]]:
    """The month's items (its own policies, then 补录) and the ids of the month's policies."""
    own = list(_with_related(month_policies(month)))
    late = supplement_policies(month)
    late = list(_with_related(Policy.objects.filter(pk__in=[p.pk for p in late])))
    targets = current_targets_by_policy(own + late)
    items = []
    for policy, supplement in [(p, False) for p in own] + [(p, True) for p in late]:
        _, basis = report_month_of(policy)
        entry = Entry(
            policy_id=policy.pk, headline=headline_of(policy, supplement),
            summary=summary_for(policy, targets[policy.pk]), title=clean_title(policy.title),
            issuers=[link.authority.name for link in policy.issuer_links.all()],
            jurisdiction=policy.jurisdiction.name if policy.jurisdiction else "",
            adcode=policy.jurisdiction.adcode if policy.jurisdiction else "", level=policy.level,
            date=policy.date.isoformat() if policy.date else None, date_basis=basis, supplement=supplement,
            url=f"/policies/{policy.pk}/",
        )
        items.append(Item(policy, entry, policy_facts(policy, targets[policy.pk]), part_of(policy), policy.category))
    return items, [p.pk for p in own]


def _entry_order(item: Item) -> tuple:
    return (item.entry.supplement, item.entry.date or "9999", item.entry.adcode, item.entry.title, item.policy.pk)


def arrange(items: list[Item]) -> list[tuple[str, Category | None, list[Item]]]:
    """(part, category, items) in report order: national then local, categories in taxonomy order."""
    order = {c.pk: (c.order, c.code) for c in Category.objects.all()}
    groups: dict[tuple[str, int | None], list[Item]] = {}
    for item in items:
        groups.setdefault((item.part, item.category.pk if item.category else None), []).append(item)
    out = []
    for part, _title in PARTS:
        keys = sorted((k for k in groups if k[0] == part), key=lambda k: order.get(k[1], (10**6, "~")))
        for key in keys:
            members = sorted(groups[key], key=_entry_order)
            out.append((part, members[0].category, members))
    return out


def keyword_of(category: Category | None) -> str:
    return category.name_zh if category else OTHER_KEYWORD


def build_report(month: str | date, about: str | None = None) -> MonthlyReport:
    """The report of a month, straight from the data (no curator edits)."""
    month = parse_month(month)
    items, _own = collect(month)
    benchmarks = national_benchmarks(next_month(month))
    report = MonthlyReport(month=month_key(month), about=about if about is not None else about_text())
    parts = {key: Part(key, title) for key, title in PARTS}
    for part, category, members in arrange(items):
        lead = lead_paragraph(part, keyword_of(category), [m.facts for m in members], benchmarks)
        parts[part].sections.append(Section(part=part, category=category.code if category else "",
                                            keyword=keyword_of(category), lead=lead.text,
                                            entries=[m.entry for m in members], facts=lead.facts))
    report.parts = [p for p in parts.values() if p.sections]
    actors = actor_part(month, next_month(month))
    if actors is not None:
        report.parts.append(actors)
    return report


def empty_message(month: str | date) -> str:
    month = parse_month(month)
    return (f"{month.year}年{month.month}月没有已发布的政策（按发布日期，无发布日期时按成文日期归月），"
            f"无法生成月报。No published policies in {month_key(month)}: there is no report to build.")
