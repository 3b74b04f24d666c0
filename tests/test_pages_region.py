"""The region page: policies over time, targets beside the province's and the nation's for the
same indicator, year, metric kind and base year, and the 1+N plans issued."""

from __future__ import annotations

import pytest

from ._pages_helpers import assert_no_inline_script, assert_strict_csp

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_demo")]


def region(client, adcode: str) -> dict:
    response = client.get(f"/regions/{adcode}/?format=json")
    assert response.status_code == 200
    return response.json()


def test_it_shows_a_province_with_its_policies_per_year(client):
    from ccnt.tracker.models import Policy

    data = region(client, "320000")
    assert data["region"]["name"] == "江苏省"
    expected = Policy.objects.public().filter(jurisdictions__adcode__startswith="32").distinct().count()
    assert data["policy_count"] == expected
    assert sum(r["count"] for r in data["policies_per_year"]) + data["undated"] == expected
    response = client.get("/regions/320000/")
    html = response.content.decode()
    assert_no_inline_script(html)
    assert_strict_csp(response)
    assert 'id="region-years"' in html and 'id="region-chart-data"' in html


def test_it_sets_a_target_beside_the_national_target_of_the_same_key_only(client):
    from ccnt.tracker.models import Policy

    plan = Policy.objects.get(title="2030年前碳达峰行动方案")
    targets = region(client, "310000")["targets"]
    energy = next(t for t in targets if t["indicator"] == "energy_intensity" and t["target_year"] == 2025
                  and t["verified"])  # machine-extracted targets are listed but never ranked
    assert energy["value_low"] == 14.0 and energy["national"]["value_low"] == 13.5
    assert energy["national"]["policy_id"] == plan.pk  # a link to the national policy's target
    assert energy["ambition"] == "above"
    carbon = next(t for t in targets if t["indicator"] == "carbon_intensity" and t["target_year"] == 2030
                  and t["verified"])
    assert carbon["base_year"] == 2005 and carbon["national"]["base_year"] == 2005
    assert carbon["national"]["value_low"] == 65.0  # not the 2025 figure against 2020
    gansu = next(t for t in region(client, "620000")["targets"]
                 if t["indicator"] == "energy_intensity" and t["target_year"] == 2025 and t["verified"])
    assert gansu["ambition"] == "below"
    html = client.get("/regions/310000/").content.decode()
    assert "高于全国目标" in html


def test_it_compares_a_city_with_its_province_and_the_nation(client):
    from ccnt.tracker.models import Category, Indicator, Jurisdiction, Policy, Sector, Target

    nanjing = Jurisdiction.objects.by_adcode("320100")
    policy = Policy.objects.create(title="南京市碳达峰实施方案（测试）", review_state="published", level="city",
                                   jurisdiction=nanjing, category=Category.objects.get(code="one_plus_n"),
                                   policy_type="实施方案")
    policy.jurisdictions.set([nanjing])
    policy.sectors.set([Sector.objects.get(code="economy")])
    Target.objects.create(policy=policy, indicator=Indicator.objects.get(code="energy_intensity"), target_year=2025,
                          value_low=15, value_high=15, unit="%", value_normalized_low=15, value_normalized_high=15,
                          unit_normalized="%", metric_kind="change", base_year=2020, direction="decrease",
                          text="单位地区生产总值能耗比2020年下降15%", verified=True)
    data = region(client, "320100")
    row = next(t for t in data["targets"] if t["indicator"] == "energy_intensity")
    assert row["province"]["jurisdiction"]["adcode"] == "320000" and row["province"]["value_low"] == 14.0
    assert row["national"]["value_low"] == 13.5 and row["ambition"] == "above"
    assert data["one_plus_n"]["overall"][0]["policy_id"] == policy.pk


def test_it_says_whether_the_overall_plan_and_which_sectoral_plans_are_issued(client):
    from ccnt.tracker.models import Policy

    data = region(client, "320000")["one_plus_n"]
    assert Policy.objects.get(title="江苏省碳达峰实施方案").pk in {p["policy_id"] for p in data["overall"]}
    assert Policy.objects.get(title="江苏省工业领域及重点行业碳达峰实施方案").pk in {p["policy_id"] for p in data["industry"]}
    assert data["transport"] == []
    html = client.get("/regions/320000/").content.decode()
    assert "本库尚未收录" in html


def test_it_shows_the_nation_and_rejects_an_unknown_region(client):
    data = region(client, "100000")
    assert data["region"]["level"] == "national" and data["policy_count"] > 50
    assert any(c["adcode"] == "320000" for c in data["children"])
    assert client.get("/regions/999999/").status_code == 404


def test_it_leaves_a_draft_out_of_a_region(client, draft_policy):
    before = region(client, "320000")["policy_count"]
    assert draft_policy.title not in client.get("/regions/320000/").content.decode()
    draft_policy.review_state = "published"
    draft_policy.save()
    assert region(client, "320000")["policy_count"] == before + 1


def test_it_never_ranks_a_machine_extracted_target(client):
    from ccnt.tracker.models import Indicator, Policy, Target

    policy = Policy.objects.public().get(title="江苏省碳达峰实施方案")
    Target.objects.create(policy=policy, version=policy.published_version,
                          indicator=Indicator.objects.get(code="energy_intensity"), target_year=2025,
                          value_low=9, value_high=9, unit="%", value_normalized_low=9, value_normalized_high=9,
                          unit_normalized="%", metric_kind="change", base_year=2020, direction="decrease",
                          text="单位产品能耗比2020年下降9%", source="extracted", verified=False)
    rows = [t for t in region(client, "320000")["targets"] if t["value_low"] == 9 and not t["verified"]]
    assert rows and rows[0]["national"] is None and rows[0]["ambition"] is None


def test_the_national_page_does_not_compare_the_nation_with_itself(client):
    html = client.get("/regions/100000/").content.decode()
    table = html[html.index('id="targets-title"'):html.index("</section>", html.index('id="targets-title"'))]
    assert "对比全国" not in table and ">全国</th>" not in table
    assert "/policies/" in table  # the nation's own targets are still listed
    province = client.get("/regions/320000/").content.decode()
    assert "对比全国" in province


def test_it_shows_a_local_total_beside_the_national_one_as_not_comparable(client):
    """Jiangsu's 9000万千瓦 of wind and solar is no share of ambition against the national 12亿千瓦."""
    targets = region(client, "320000")["targets"]
    wind_solar = next(t for t in targets if t["indicator"] == "wind_solar_capacity" and t["verified"])
    assert wind_solar["national"]["unit_normalized"] == wind_solar["unit_normalized"]
    assert wind_solar["quantity"] == wind_solar["national"]["quantity"] == "absolute"
    assert wind_solar["ambition"] == "not_comparable"
    assert {t["ambition"] for t in targets} <= {"above", "below", "equal", "not_comparable", None}
    html = client.get("/regions/320000/").content.decode()
    assert "不可比" in html and "低于全国目标" not in html.split("wind_solar_capacity")[1].split("</tr>")[0]
