"""The 1+N matrix says how it knows a plan fills a cell: confirmed, cited, inferred or joint; it
shows one document once, the plan's year, and the date its data is true as of."""

from __future__ import annotations

import datetime

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_demo")]


def cells_of(client, adcode: str) -> dict:
    data = client.get("/matrix/?format=json").json()
    return {r["jurisdiction"]["adcode"]: r for r in data["rows"]}[adcode]


def test_it_does_not_count_a_joint_plan_as_one_regions_own(client):
    from ccnt.tracker.models import Policy

    joint = Policy.objects.get(title__startswith="成渝地区双城经济圈碳达峰碳中和联合行动方案")
    assert joint.jurisdictions.filter(level="province").count() == 2
    chongqing = cells_of(client, "500000")
    overall = chongqing["cells"]["overall"]
    assert {"policy_id": joint.pk, "basis": "joint"}.items() <= overall[0].items()
    own = [key for key, plans in chongqing["cells"].items() if any(p["basis"] != "joint" for p in plans)]
    assert chongqing["issued"] == len(own) and "overall" not in own


def test_it_shows_one_document_listed_twice_once(client):
    from ccnt.tracker.models import Policy

    twins = Policy.objects.public().filter(title__contains="2021-2023", jurisdiction__adcode="230000",
                                           title__endswith="滚动实施方案")
    assert twins.count() == 2
    shown = [p["policy_id"] for p in cells_of(client, "230000")["cells"]["overall"]]
    assert len(set(shown) & {p.pk for p in twins}) == 1
    assert twins.get(doc_number__gt="").pk in shown  # the entry with a document number stays


def test_a_plan_citing_the_national_plan_is_marked_as_citing(client):
    from ccnt.tracker.models import Policy, PolicyRelation

    national = Policy.objects.get(title="工业领域碳达峰实施方案")
    local = Policy.objects.get(title="河南省工业领域碳达峰实施方案")
    PolicyRelation.objects.filter(source=local, target=national).delete()
    assert {p["basis"] for p in cells_of(client, "410000")["cells"]["industry"]} == {"classified"}
    PolicyRelation.objects.create(source=local, target=national, kind="cites", confirmed=False)
    from ccnt.search.index import bump

    bump()
    industry = cells_of(client, "410000")["cells"]["industry"]
    assert [(p["policy_id"], p["basis"]) for p in industry] == [(local.pk, "cites")]


def test_it_gives_each_plans_year_and_the_date_its_data_is_true_as_of(client):
    data = client.get("/matrix/?format=json").json()
    assert datetime.date.fromisoformat(data["as_of"]) <= datetime.date.today()
    plans = [p for r in data["rows"] for cell in r["cells"].values() for p in cell]
    assert plans and all(p["year"] is None or 2000 < p["year"] <= datetime.date.today().year for p in plans)
    html = client.get("/matrix/").content.decode()
    assert "数据截至" in html and "推断" in html and "本库尚未收录" in html
