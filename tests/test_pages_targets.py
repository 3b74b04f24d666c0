"""The target explorer: several indicators at once, every public target of each a row (verified
ones ranked against the national target, machine-extracted ones shown and marked), the picker
ordered by how many places set each indicator and grouped by sector, one chart per indicator of
its commonest like-with-like series."""

from __future__ import annotations

import json
import re

import pytest

from ._pages_helpers import assert_no_inline_script, assert_strict_csp

pytestmark = pytest.mark.django_db


def explorer(client, query: str) -> dict:
    response = client.get(f"/targets/?{query}&format=json")
    assert response.status_code == 200, response.content[:300]
    return response.json()


def chart_of(data: dict, code: str) -> dict:
    return next(c for c in data["charts"] if c["indicator"] == code)


def test_it_compares_two_indicators_at_once(client):
    from ccnt.tracker import insights

    data = explorer(client, "indicator=energy_intensity&indicator=non_fossil_share&year=2025")
    codes = [r["indicator"] for r in data["rows"]]
    assert set(codes) == {"energy_intensity", "non_fossil_share"}
    assert codes == sorted(codes, key=["energy_intensity", "non_fossil_share"].index)  # grouped, in the chosen order
    public = insights.public_targets().filter(indicator__code__in=["energy_intensity", "non_fossil_share"],
                                              target_year=2025)
    assert sorted(r["target_id"] for r in data["rows"]) == sorted(public.values_list("pk", flat=True))
    assert {c["indicator"] for c in data["charts"]} == {"energy_intensity", "non_fossil_share"}


def test_it_ranks_the_2025_energy_intensity_cuts_against_the_national_figure(client):
    from ccnt.tracker.models import Policy

    chart = chart_of(explorer(client, "indicator=energy_intensity&year=2025"), "energy_intensity")
    assert (chart["metric_kind"], chart["base_year"], chart["unit"]) == ("change", 2020, "%")
    assert chart["national"] == 13.5
    assert chart["national_target"]["policy_id"] == Policy.objects.get(title="2030年前碳达峰行动方案").pk
    assert chart["adcodes"][-1] == "620000" and chart["values"][-1] == 12.5  # the smallest cut ranks last
    assert chart["values"] == sorted(chart["values"], reverse=True)
    assert "100000" not in chart["adcodes"]
    rows = explorer(client, "indicator=energy_intensity&year=2025")["rows"]
    shanghai = [r for r in rows if r["jurisdiction"]["adcode"] == "310000" and r["verified"]]
    assert shanghai and shanghai[0]["ambition"] == "above"


@pytest.mark.slow
@pytest.mark.usefixtures("whole_demo")
def test_it_shows_machine_extracted_targets_marked_and_never_ranked(client):
    rows = explorer(client, "indicator=energy_intensity&year=2025")["rows"]
    machine = [r for r in rows if not r["verified"]]
    assert machine, "the demo has machine-extracted 2025 energy-intensity targets"
    assert {r["ambition"] for r in machine} == {None}
    assert {r["cells"][-1] for r in machine} == {"机器提取"}
    assert {r["cells"][-1] for r in rows if r["verified"]} == {"编辑核实"}


def test_it_lists_a_peak_year_without_a_number(client):
    """二氧化碳排放达峰 has no value, only a year: it is a row all the same (the link on every policy
    page used to open an empty explorer)."""
    rows = explorer(client, "indicator=co2_peak&year=2030")["rows"]
    assert rows and all(r["value_low"] is None for r in rows)
    national = [r for r in rows if r["jurisdiction"]["adcode"] == "100000"]
    assert national and rows[0]["jurisdiction"]["adcode"] == "100000"  # the nation's own rows lead
    assert "2030年前" in {r["cells"][4] for r in rows}


def test_it_draws_a_chart_from_a_data_block_and_lists_the_table(client):
    response = client.get("/targets/?indicator=energy_intensity&year=2025")
    html = response.content.decode()
    assert_no_inline_script(html)
    assert_strict_csp(response)
    charts = json.loads(re.search(r'<script id="target-chart-data" type="application/json">(.*?)</script>',
                                  html, re.S).group(1))
    assert charts[0]["national"] == 13.5 and len(charts[0]["values"]) == len(charts[0]["adcodes"]) >= 4
    assert 'id="target-chart-0"' in html and 'id="target-table"' in html
    assert "全国目标：下降13.5%（较2020年）" in html  # the direction and base year, never a bare 13.5%


def test_it_draws_no_national_line_under_local_totals(client):
    """Provinces' pumped-storage capacities (万千瓦) are not ranked against the national total."""
    data = explorer(client, "indicator=pumped_storage_capacity&year=2030")
    chart = chart_of(data, "pumped_storage_capacity")
    assert chart["national_target"] is not None and chart["rankable"] is False and chart["national"] is None
    local = [r for r in data["rows"] if r["jurisdiction"]["adcode"] != "100000" and r["verified"]]
    assert local and {r["ambition"] for r in local} == {"not_comparable"}
    assert "不可比" in client.get("/targets/?indicator=pumped_storage_capacity&year=2030").content.decode()


def test_it_keeps_different_base_years_apart(client):
    """A verdict is only against a national target of the same base year: the 2030 carbon-intensity
    cuts are measured against 2005, the 2025 ones against 2020."""
    from ccnt.tracker.models import Target

    by_2005 = explorer(client, "indicator=carbon_intensity&year=2030")
    chart = chart_of(by_2005, "carbon_intensity")
    assert chart["base_year"] == 2005 and chart["national"] == 65.0
    ranked = [r for r in by_2005["rows"] if r["ambition"] in ("above", "below", "equal")]
    assert ranked and all(Target.objects.get(pk=r["national_target_id"]).base_year == r["base_year"] == 2005
                          for r in ranked)
    by_2020 = explorer(client, "indicator=carbon_intensity&year=2025")["rows"]
    national = [r for r in by_2020 if r["jurisdiction"]["adcode"] == "100000" and r["verified"]]
    assert national and {(r["base_year"], r["value_low"]) for r in national} == {(2020, 18.0)}


def test_it_filters_by_level_and_falls_back_to_a_year_with_data(client):
    cities = explorer(client, "indicator=non_fossil_share&level=city")["rows"]
    assert all(r["jurisdiction"]["level"] == "city" for r in cities)
    provinces = explorer(client, "indicator=non_fossil_share&level=province")["rows"]
    assert provinces and all(r["jurisdiction"]["level"] == "province" for r in provinces)
    data = explorer(client, "indicator=non_fossil_share&year=1999")
    assert data["year"] is None and data["year_dropped"] == 1999 and data["rows"]
    assert "所选指标没有1999年的目标" in client.get("/targets/?indicator=non_fossil_share&year=1999").content.decode()


def test_it_answers_a_bad_filter_with_the_site_page(client):
    assert client.get("/targets/?indicator=no_such_thing").status_code == 404
    for query in ("year=20x5", "level=planet", "sort=sideways"):
        response = client.get(f"/targets/?indicator=co2_peak&{query}")
        assert response.status_code == 400 and query.split("=")[0] in response.content.decode()


def test_the_picker_orders_indicators_by_places_grouped_by_sector(client):
    from ccnt.tracker import explorer as data
    from ccnt.tracker import insights

    groups = data.indicator_groups()
    for group in groups:
        regions = [c.regions for c in group.choices]
        assert regions == sorted(regions, reverse=True)
        assert len({c.indicator.sector_id for c in group.choices}) == 1
    heads = [g.regions for g in groups if g.sector is not None]
    assert heads == sorted(heads, reverse=True)
    energy = next(c for g in groups for c in g.choices if c.indicator.code == "energy_intensity")
    local = {t.policy.jurisdiction.adcode for t in insights.public_targets().filter(indicator__code="energy_intensity")
             if not insights.is_national(t)}
    assert energy.regions == len(local)
    html = client.get("/targets/").content.decode()
    legends = re.findall(r"<legend>(.*?)</legend>", html)
    assert len(legends) == len(groups) and legends[0] == str(groups[0].sector.name_zh)


def test_the_default_selection_is_the_two_most_set_indicators(client):
    from ccnt.tracker import explorer as data

    ranked = data.ranked_codes(data.indicator_groups())
    assert explorer(client, "")["indicators"] == ranked[:2]


def test_it_sorts_by_place_on_request(client):
    rows = explorer(client, "indicator=energy_intensity&indicator=non_fossil_share&year=2025&sort=region")["rows"]
    places = [r["jurisdiction"]["adcode"] for r in rows]
    assert places[0] == "100000"
    local = [p for p in places if p != "100000"]
    assert local == sorted(local)


def test_it_narrows_an_uncatalogued_target_to_its_subject(client):
    from ccnt.tracker import insights

    target = insights.public_targets().filter(indicator__code="other").exclude(subject="").first()
    assert target is not None
    data = explorer(client, f"indicator=other&year={target.target_year}&subject={target.subject}")
    assert data["rows"] and {r["subject"] for r in data["rows"]} == {target.subject}
    assert target.pk in {r["target_id"] for r in data["rows"]}


def test_it_leaves_out_a_draft_target(client, draft_policy):
    from ccnt.tracker.models import Indicator, Target

    Target.objects.create(policy=draft_policy, indicator=Indicator.objects.get(code="energy_intensity"),
                          target_year=2025, value_low=30, value_high=30, unit="%", value_normalized_low=30,
                          value_normalized_high=30, unit_normalized="%", metric_kind="change", base_year=2020,
                          direction="decrease", text="单位地区生产总值能耗比2020年下降30%", verified=True)
    data = explorer(client, "indicator=energy_intensity&year=2025")
    assert 30 not in [r["value_low"] for r in data["rows"]]
    assert draft_policy.pk not in {r["policy_id"] for r in data["rows"]}
