"""The peak-year timeline (/targets/peaks/): provinces grouped by the year their documents say their
CO2 emissions will peak — only curator-verified co2_peak targets of public policies, each linked to
its sentence; a province without one is a gap, never given the national year."""

from __future__ import annotations

import pytest

from ._pages_helpers import ensure_messages_compiled

pytestmark = pytest.mark.django_db
ensure_messages_compiled()


def timeline(client, query: str = "") -> dict:
    response = client.get(f"/targets/peaks/?format=json{query}")
    assert response.status_code == 200
    return response.json()


def test_it_places_each_province_at_its_documented_year(client):
    from ccnt.tracker import insights

    data = timeline(client)
    entries = [(y["year"], e) for y in data["years"] for e in y["entries"]]
    assert entries
    verified = {(t.policy.jurisdiction.adcode, t.target_year) for t in insights.comparable_targets().filter(
        indicator__code="co2_peak", policy__jurisdiction__level="province")}
    for year, e in entries:
        assert e["target"]["verified"] and e["target"]["target_year"] == year
        assert (e["jurisdiction"]["adcode"], year) in verified
    places = [e["jurisdiction"]["adcode"] for _y, e in entries]
    assert len(places) == len(set(places)) == len({a for a, _y in verified})
    gaps = {j["adcode"] for j in data["gaps"]}
    assert not gaps & set(places) and len(gaps) + len(places) == 31
    assert data["national"]["jurisdiction"]["adcode"] == "100000" and data["national"]["verified"]


@pytest.mark.slow
@pytest.mark.usefixtures("whole_demo")
def test_it_leaves_machine_extracted_years_off_the_timeline(client):
    """黑龙江's "2021-2023年度推动碳达峰" is read by the machine as a 2023 peak: counted, not placed."""
    from ccnt.tracker import insights

    data = timeline(client)
    machine = insights.public_targets().filter(indicator__code="co2_peak", verified=False,
                                               policy__jurisdiction__level="province")
    assert data["unverified"] == machine.count() > 0
    placed = {e["target"]["target_id"] for y in data["years"] for e in y["entries"]}
    assert not placed & set(machine.values_list("pk", flat=True))


def test_a_newly_verified_year_moves_a_province(client, draft_policy):
    from ccnt.tracker.models import Indicator, Policy, Target

    gaps = {j["adcode"] for j in timeline(client)["gaps"]}
    policy = Policy.objects.public().filter(jurisdiction__adcode__in=gaps).order_by("pk").first()
    assert policy is not None, "a public policy of a province without a documented peak year"
    adcode = policy.jurisdiction.adcode
    peak = Indicator.objects.get(code="co2_peak")
    target = Target.objects.create(policy=policy, version=policy.published_version, indicator=peak, target_year=2028,
                                   year_comparator="<=", text="2028年前实现碳达峰", verified=True)
    Target.objects.create(policy=draft_policy, indicator=peak, target_year=2024, text="2024年碳达峰", verified=True)
    data = timeline(client)
    years = {y["year"]: [e["jurisdiction"]["adcode"] for e in y["entries"]] for y in data["years"]}
    assert years[2028] == [adcode] and 2024 not in years
    html = client.get("/targets/peaks/").content.decode()
    assert f'href="/policies/{policy.pk}/#t-{target.pk}"' in html and "2028年前" in html


def test_the_page_reads_in_both_languages(client):
    html = client.get("/targets/peaks/").content.decode()
    assert "碳达峰年份时间线" in html and "尚无核实达峰年份的省份" in html
    assert client.get("/targets/peaks/?level=city").status_code == 200
    assert client.get("/targets/peaks/?level=galaxy").status_code == 400
    client.post("/i18n/setlang/", {"language": "en", "next": "/targets/peaks/"})
    english = client.get("/targets/peaks/").content.decode()
    assert "Carbon-peak years" in english and "Provinces without a verified peak year" in english
    assert "National: peak by 2030" in english
