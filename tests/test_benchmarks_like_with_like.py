"""The one benchmark rule (``tracker.benchmarks``): a verdict only for like with like — the same
indicator, kind of quantity, metric kind, base year, unit and year — read as ambition with the
target's direction and its comparator's strictness; a local total is never ranked against the
national total. Checked on the report's plain facts (the rule reads them as it reads stored
targets) and on the demo's stored targets."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ccnt.reports.prose import TargetFact
from ccnt.tracker import benchmarks


def share(value: float, comparator: str = "=", **kw) -> TargetFact:
    base = dict(indicator="non_fossil_share", indicator_name="非化石能源消费比重", year=2025, low=value, high=value,
                unit="%", norm_low=value, norm_high=value, unit_normalized="%", comparator=comparator,
                metric_kind="level", direction="increase", better="increase", quantity="share")
    return TargetFact(**{**base, **kw})


def cut(value: float, base_year: int | None = 2020, comparator: str = "=", **kw) -> TargetFact:
    base = dict(indicator="energy_intensity", indicator_name="单位地区生产总值能源消耗", year=2025, low=value,
                high=value, unit="%", norm_low=value, norm_high=value, unit_normalized="%", comparator=comparator,
                metric_kind="change", base_year=base_year, direction="decrease", better="decrease",
                quantity="intensity")
    return TargetFact(**{**base, **kw})


def capacity(value_kw: float) -> TargetFact:
    return TargetFact(indicator="wind_solar_capacity", indicator_name="风电、太阳能发电总装机容量", year=2030,
                      low=value_kw, high=value_kw, unit="kW", norm_low=value_kw, norm_high=value_kw,
                      unit_normalized="kW", comparator=">=", metric_kind="level", direction="increase",
                      better="increase", quantity="absolute")


def test_it_never_ranks_another_kind_of_quantity():
    local = share(25)
    other_kind = replace(share(20), quantity="intensity")
    assert benchmarks.verdict(local, other_kind) == "not_comparable"
    assert benchmarks.verdict(local, share(20)) == "above"


def test_it_never_ranks_a_local_total_against_the_national_total():
    jiangsu, nation = capacity(9e7), capacity(1.2e9)  # 9000万千瓦 and 12亿千瓦
    assert benchmarks.measure(jiangsu).key() == benchmarks.measure(nation).key()
    assert benchmarks.verdict(jiangsu, nation) == "not_comparable"


def test_it_counts_a_strict_comparator_as_more_than_its_number():
    assert benchmarks.verdict(share(8, ">"), share(8, "=")) == "above"
    assert benchmarks.verdict(share(8, "="), share(8, ">")) == "below"
    assert benchmarks.verdict(share(8, ">="), share(8, "=")) == "equal"
    # for an indicator where less is better a strict "<" is the more ambitious
    coal = dict(indicator="coal_share", better="decrease", direction="decrease")
    assert benchmarks.verdict(share(50, "<", **coal), share(50, "<=", **coal)) == "above"


def test_it_reads_a_decrease_as_more_ambitious_the_deeper_it_cuts():
    assert benchmarks.verdict(cut(14), cut(13.5)) == "above"
    assert benchmarks.verdict(cut(12.5), cut(13.5)) == "below"
    assert benchmarks.verdict(cut(13.5, comparator=">"), cut(13.5)) == "above"  # 下降超过13.5%
    # a rise where the indicator should fall is below any cut
    assert benchmarks.verdict(cut(2, direction="increase"), cut(13.5)) == "below"


def test_it_never_ranks_targets_against_another_base_year():
    assert benchmarks.verdict(cut(14, base_year=2015), cut(13.5, base_year=2020)) == "not_comparable"
    assert benchmarks.verdict(cut(14, base_year=None), cut(13.5, base_year=2020)) == "not_comparable"


def test_it_never_ranks_another_unit_metric_or_year():
    assert benchmarks.verdict(share(25, unit_normalized="pp"), share(20)) == "not_comparable"
    assert benchmarks.verdict(share(25, metric_kind="change"), share(20)) == "not_comparable"
    assert benchmarks.verdict(share(25, year=2030), share(20)) == "not_comparable"
    assert benchmarks.verdict(share(25), None) is None  # nothing to compare with is no verdict


def test_it_ranks_peak_years_earlier_as_more_ambitious():
    def peak(year: int, comparator: str = "<=") -> TargetFact:
        return TargetFact(indicator="co2_peak", indicator_name="碳达峰", year=year, year_comparator=comparator,
                          better="earlier", quantity="year", direction="level")

    assert benchmarks.verdict(peak(2028), peak(2030)) == "above"
    assert benchmarks.verdict(peak(2030), peak(2030)) == "equal"
    assert benchmarks.verdict(peak(2030, "<"), peak(2030)) == "above"


@pytest.mark.django_db
@pytest.mark.usefixtures("whole_demo")
def test_it_gives_each_verified_province_target_a_like_benchmark_or_says_not_comparable(client):
    """On the demo's province pages every ranked verdict compares like with like, every local
    total is unranked, and the Jiangsu examples of issue 14 read right."""
    from ccnt.tracker import insights
    from ccnt.tracker.models import Jurisdiction, Target

    ranked = unranked = 0
    for province in Jurisdiction.objects.current().filter(level="province"):
        for row in client.get(f"/regions/{province.adcode}/?format=json").json()["targets"]:
            if row["ambition"] is None:
                continue
            assert row["ambition"] in benchmarks.VERDICTS and row["verified"]
            mine = benchmarks.measure(Target.objects.get(pk=row["target_id"]))
            bench = Target.objects.select_related("policy__jurisdiction").get(pk=row["national"]["target_id"])
            assert bench.verified and insights.is_national(bench)
            national = benchmarks.measure(bench)
            if row["ambition"] == "not_comparable":
                unranked += 1
                assert mine.key() != national.key() or not benchmarks.rankable(mine)
            else:
                ranked += 1
                assert mine.key() == national.key() and benchmarks.rankable(mine)
                assert mine.quantity in ("share", "intensity", "year") or mine.unit in benchmarks.RELATIVE_UNITS
    assert ranked and unranked
    jiangsu = client.get("/regions/320000/?format=json").json()["targets"]
    wind_solar = next(t for t in jiangsu if t["indicator"] == "wind_solar_capacity" and t["verified"])
    assert wind_solar["ambition"] == "not_comparable"
    substitution = next(t for t in jiangsu if t["indicator"] == "building_renewable_substitution" and t["verified"])
    assert substitution["comparator"] == ">" and substitution["national"]["comparator"] in ("=", ">=")
    assert substitution["value_low"] == substitution["national"]["value_low"]
    assert substitution["ambition"] == "above"  # ">8%" against "8%"


def test_it_never_takes_a_national_plans_allocation_to_a_place_for_the_benchmark():
    national = cut(16, subject="单位地区生产总值能源消耗")
    beijing = cut(17, subject="北京单位地区生产总值能源消耗")
    province = cut(14)
    assert benchmarks.Index([beijing]).like(province) == []
    assert benchmarks.Index([beijing, national]).like(province) == [national]
