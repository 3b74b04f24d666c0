"""The 1+N matrix: provinces (and a province's cities on demand) × the overall plan and the
sectoral carbon-peaking plans; each cell links to the plan or shows the gap."""

from __future__ import annotations

import pytest

from ._pages_helpers import assert_no_inline_script, assert_strict_csp

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_demo")]


def matrix(client, query: str = "") -> dict:
    response = client.get(f"/matrix/?{query}&format=json")
    assert response.status_code == 200
    return response.json()


def test_its_columns_are_the_national_plans(client):
    from ccnt.tracker.models import Policy

    columns = {c["key"]: c for c in matrix(client)["columns"]}
    assert list(columns)[:6] == ["overall", "industry", "buildings", "transport", "agriculture", "energy"]
    assert [p["policy_id"] for p in columns["overall"]["national"]] == [Policy.objects.get(title="2030年前碳达峰行动方案").pk]
    assert [p["title"] for p in columns["industry"]["national"]] == ["工业领域碳达峰实施方案"]
    assert [p["title"] for p in columns["buildings"]["national"]] == ["城乡建设领域碳达峰实施方案"]


def test_its_rows_are_the_mainland_provinces_with_plans_or_gaps(client):
    data = matrix(client)
    rows = {r["jurisdiction"]["adcode"]: r["cells"] for r in data["rows"]}
    assert len(rows) == 31 and "810000" not in rows
    assert [p["title"] for p in rows["340000"]["overall"]] == ["安徽省碳达峰实施方案"]
    assert rows["530000"]["buildings"][0]["title"] == "云南省城乡建设领域碳达峰实施方案"
    assert rows["420000"]["overall"] == []  # a gap
    response = client.get("/matrix/")
    html = response.content.decode()
    assert_no_inline_script(html)
    assert_strict_csp(response)
    assert 'class="gap"' in html and 'class="issued basis-' in html


def test_it_expands_a_province_into_its_cities(client):
    data = matrix(client, "province=330000")
    adcodes = [r["jurisdiction"]["adcode"] for r in data["rows"]]
    assert adcodes[0] == "330000" and "330100" in adcodes
    hangzhou = next(r for r in data["rows"] if r["jurisdiction"]["adcode"] == "330100")
    assert any(p["title"] == "杭州市科创领域碳达峰行动方案" for p in hangzhou["cells"].get("technology", []))
    assert client.get("/matrix/?province=320100").status_code == 404


def test_a_confirmed_implements_relation_places_a_plan_in_its_column(client):
    from ccnt.tracker.models import Policy, PolicyRelation

    national = Policy.objects.get(title="城乡建设领域碳达峰实施方案")
    local = Policy.objects.get(title="江苏省2022年推动碳达峰碳中和工作计划")
    PolicyRelation.objects.create(source=local, target=national, kind="implements", confirmed=True)
    cells = {r["jurisdiction"]["adcode"]: r["cells"] for r in matrix(client)["rows"]}["320000"]
    assert {"policy_id": local.pk, "title": local.title, "basis": "relation", "year": 2022} in cells["buildings"]


def test_a_draft_plan_fills_no_cell(client, draft_policy):
    from ccnt.tracker.models import Category, Sector

    draft_policy.category = Category.objects.get(code="one_plus_n")
    draft_policy.policy_type = "实施方案"
    draft_policy.save()
    draft_policy.sectors.set([Sector.objects.get(code="transport")])
    cells = {r["jurisdiction"]["adcode"]: r["cells"] for r in matrix(client)["rows"]}["320000"]
    assert cells["transport"] == []
