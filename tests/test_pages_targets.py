"""The target explorer: one indicator and year, jurisdictions ranked, the national target as
the benchmark line; only targets of the same metric kind and base year side by side."""

from __future__ import annotations

import json
import re

import pytest

from ._pages_helpers import assert_no_inline_script, assert_strict_csp

pytestmark = pytest.mark.django_db


def explorer(client, query: str) -> dict:
    response = client.get(f"/targets/?{query}&format=json")
    assert response.status_code == 200
    return response.json()


def test_it_ranks_the_2025_energy_intensity_cuts_against_the_national_figure(client):
    from ccnt.tracker.models import Policy

    data = explorer(client, "indicator=energy_intensity&year=2025")
    assert (data["metric_kind"], data["base_year"], data["unit"]) == ("change", 2020, "%")
    assert data["national"]["value_low"] == 13.5
    assert data["national"]["policy_id"] == Policy.objects.get(title="2030年前碳达峰行动方案").pk
    values = [(r["jurisdiction"]["adcode"], r["value"]) for r in data["rows"]]
    assert values[-1] == ("620000", 12.5)  # the smallest cut ranks last
    assert [v for _a, v in values] == sorted((v for _a, v in values), reverse=True)
    assert {r["jurisdiction"]["adcode"]: r["ambition"] for r in data["rows"]}["310000"] == "above"
    assert "100000" not in {a for a, _v in values}


def test_it_draws_a_chart_from_a_data_block_and_lists_the_table(client):
    response = client.get("/targets/?indicator=energy_intensity&year=2025")
    html = response.content.decode()
    assert_no_inline_script(html)
    assert_strict_csp(response)
    chart = json.loads(re.search(r'<script id="target-chart-data" type="application/json">(.*?)</script>',
                                 html, re.S).group(1))
    assert chart["national"] == 13.5 and len(chart["values"]) == len(chart["adcodes"]) >= 4
    assert 'id="target-chart"' in html and 'id="target-table"' in html
    assert "全国目标：下降13.5%（较2020年）" in html  # the direction and base year, never a bare 13.5%


def test_it_draws_no_national_line_under_local_totals(client):
    """Provinces' pumped-storage capacities (万千瓦) are not ranked against the national total."""
    data = explorer(client, "indicator=pumped_storage_capacity&year=2030")
    assert data["national"] is not None and data["national_rankable"] is False
    assert data["rows"] and {r["ambition"] for r in data["rows"]} == {"not_comparable"}
    html = client.get("/targets/?indicator=pumped_storage_capacity&year=2030").content.decode()
    chart = json.loads(re.search(r'<script id="target-chart-data" type="application/json">(.*?)</script>',
                                 html, re.S).group(1))
    assert chart["national"] is None and "不可比" in html


def test_it_keeps_different_base_years_apart(client):
    by_2005 = explorer(client, "indicator=carbon_intensity&year=2030&metric_kind=change&base_year=2005")
    assert by_2005["base_year"] == 2005 and by_2005["national"]["value_low"] == 65.0
    assert all(r["base_year"] == 2005 for r in by_2005["rows"])
    national_2025 = explorer(client, "indicator=carbon_intensity&year=2025")
    assert national_2025["national"]["base_year"] == 2020 and national_2025["national"]["value_low"] == 18.0


def test_it_filters_by_level_and_falls_back_to_a_year_with_data(client):
    assert explorer(client, "indicator=non_fossil_share&year=2030&level=city")["rows"] == []
    data = explorer(client, "indicator=non_fossil_share&year=1999")
    assert data["year"] == 2025 and data["rows"]
    assert client.get("/targets/?indicator=no_such_thing").status_code == 404


def test_it_compares_a_level_indicator_where_more_is_better(client):
    data = explorer(client, "indicator=non_fossil_share&year=2025")
    assert data["metric_kind"] == "level" and data["national"]["value_low"] == 20.0
    ambition = {r["jurisdiction"]["adcode"]: r["ambition"] for r in data["rows"]}
    assert ambition["620000"] == "above" and ambition["640000"] == "below"


def test_it_leaves_out_a_draft_target(client, draft_policy):
    from ccnt.tracker.models import Indicator, Target

    Target.objects.create(policy=draft_policy, indicator=Indicator.objects.get(code="energy_intensity"),
                          target_year=2025, value_low=30, value_high=30, unit="%", value_normalized_low=30,
                          value_normalized_high=30, unit_normalized="%", metric_kind="change", base_year=2020,
                          direction="decrease", text="单位地区生产总值能耗比2020年下降30%")
    data = explorer(client, "indicator=energy_intensity&year=2025")
    assert 30 not in [r["value"] for r in data["rows"]]
