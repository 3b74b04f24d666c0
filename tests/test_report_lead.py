"""Lead paragraphs state comparisons that are true of the data: who sets the same indicator for the
same year (same metric kind and base year), the range of their values, who is above or below the
national policy's target in ambition (``tracker.benchmarks``, the pages' rule), peak-year commitments; every number comes from the data, and changing a
value in the data changes the sentence."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from _report_helpers import MONTH, NATIONAL_TITLE
from ccnt.reports.build import build_report
from ccnt.tracker.models import Policy, Target

pytestmark = pytest.mark.django_db


def local_one_plus_n(tree):
    return next(s for p in tree.parts if p.key == "local" for s in p.sections if s.category == "one_plus_n")


def recomputed_verdicts() -> dict[str, str]:
    """Above / below the national target, straight from the database."""
    bench = Target.objects.get(policy__title=NATIONAL_TITLE, indicator__code="energy_intensity")
    out = {}
    for t in Target.objects.filter(policy__title__startswith="测试", policy__level__in=["city", "province"],
                                   indicator__code="energy_intensity", target_year=2025, metric_kind="change",
                                   base_year=bench.base_year):
        name = t.policy.jurisdiction.name
        out[name] = "above" if t.value_normalized_low > bench.value_normalized_high else (
            "below" if t.value_normalized_high < bench.value_normalized_low else "equal")
    return out


def test_it_says_who_is_above_and_below_the_national_target(month_policies):
    lead = local_one_plus_n(build_report(MONTH)).lead
    verdicts = recomputed_verdicts()
    assert verdicts == {"杭州市": "above", "宁波市": "above", "甘肃省": "below"}
    assert f"国家《{NATIONAL_TITLE}》的目标为13.5%" in lead
    assert "杭州市（14.5%）、宁波市（14%）比国家目标更积极" in lead
    assert "甘肃省（12.5%）不及国家目标" in lead


def test_it_names_who_sets_the_same_indicator_for_the_same_year_and_the_range(month_policies):
    lead = local_one_plus_n(build_report(MONTH)).lead
    assert "杭州市、宁波市、甘肃省均提出2025年单位地区生产总值能源消耗比2020年下降的目标" in lead
    assert "从甘肃省的12.5%到杭州市的14.5%不等" in lead


def test_it_never_compares_targets_with_another_base_year(month_policies):
    section = local_one_plus_n(build_report(MONTH))
    assert "30%" not in section.lead and "2015" not in section.lead
    comparisons = [f for f in section.facts if f["kind"] == "comparison"]
    assert {(f["indicator"], f["year"], f["metric_kind"], f["base_year"]) for f in comparisons} == {
        ("energy_intensity", 2025, "change", 2020)}


def test_it_states_peak_year_commitments(month_policies):
    lead = local_one_plus_n(build_report(MONTH)).lead
    assert "在达峰时间上，杭州市力争2030年前实现碳达峰" in lead


def test_it_changes_the_sentence_when_a_value_changes(month_policies):
    before = local_one_plus_n(build_report(MONTH)).lead
    target = month_policies["hangzhou_energy"]
    target.value_low = target.value_high = target.value_normalized_low = target.value_normalized_high = 13.0
    target.save()
    after = local_one_plus_n(build_report(MONTH)).lead
    assert after != before
    assert "杭州市（13%）、甘肃省（12.5%）不及国家目标" in after
    assert "宁波市（14%）比国家目标更积极" in after
    bench = month_policies["national_energy"]
    bench.value_low = bench.value_high = bench.value_normalized_low = bench.value_normalized_high = 12.0
    bench.save()
    third = local_one_plus_n(build_report(MONTH)).lead
    assert "的目标为12%" in third and "甘肃省（12.5%）" in third.split("不及")[0]


def test_it_takes_every_number_from_the_data(month_policies):
    """Each number in a lead is a target's year, base year or value, or a count the test recomputes."""
    tree = build_report(MONTH)
    targets = Target.objects.filter(policy__title__startswith="测试")
    from_targets = set()
    for t in targets:
        from_targets |= {str(t.target_year), str(t.base_year)}
        if t.value_low is not None:
            from_targets.add(f"{t.value_low:g}")
    for part in tree.parts:
        for section in part.sections:
            ids = [e.policy_id for e in section.entries]
            levels = Counter(Policy.objects.filter(pk__in=ids).values_list("level", flat=True))
            n_targets = Target.objects.filter(policy_id__in=ids, target_year__isnull=False).count()
            with_targets = Target.objects.filter(policy_id__in=ids).values("policy_id").distinct().count()
            counts = {str(len(ids)), str(n_targets), str(with_targets)} | {str(c) for c in levels.values()}
            numbers = set(re.findall(r"\d+(?:\.\d+)?", section.lead.replace("1+N", "")))
            assert numbers, section.keyword
            assert numbers <= from_targets | counts, (section.keyword, numbers - from_targets - counts)


def test_it_writes_the_national_part_without_benchmarking_itself(month_policies):
    national = build_report(MONTH).parts[0].sections[0]
    assert "本月国家层面在这一关键词下发布1项政策，发布机关为国务院" in national.lead
    assert "比国家目标更积极" not in national.lead and "不及国家目标" not in national.lead
    assert f"《{NATIONAL_TITLE}》确保2030年前实现碳达峰" in national.lead
