"""The actors' public pages: list with filters (kind, sector, headquarters), an actor's page with
its commitments and source sentences, the comparison of its peak and neutrality years with its
sector's and its province's, drafts hidden, JSON everywhere."""

from __future__ import annotations

import pytest

from ccnt.actors.models import Actor, Commitment
from ccnt.tracker.models import Target

pytestmark = pytest.mark.django_db


def _json(client, url):
    response = client.get(url, {"format": "json"} if "?" not in url else None)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_it_lists_the_public_actors_with_their_years(client):
    data = _json(client, "/actors/")
    names = {r["name"] for r in data["results"]}
    assert data["count"] >= 15 and "中国宝武钢铁集团有限公司" in names
    baowu = next(r for r in data["results"] if r["name"] == "中国宝武钢铁集团有限公司")
    assert baowu["peak_year"] == 2023 and baowu["neutrality_year"] == 2050
    assert client.get("/actors/").status_code == 200


def test_it_filters_by_kind_sector_and_headquarters(client):
    soe = _json(client, "/actors/?format=json&kind=central_soe")
    assert soe["results"] and all(r["kind"] == "central_soe" for r in soe["results"])
    finance = _json(client, "/actors/?format=json&sector=markets_finance")
    assert [r["name"] for r in finance["results"]] == ["贵州银行"]
    fujian = _json(client, "/actors/?format=json&headquarters=350000")  # the province includes 宁德市
    assert [r["name"] for r in fujian["results"]] == ["宁德时代新能源科技股份有限公司"]
    both = _json(client, "/actors/?format=json&kind=company,financial&sector=technology")
    assert {r["name"] for r in both["results"]} == {"腾讯公司", "阿里巴巴集团"}
    assert {f["value"]: f["count"] for f in soe["facets"]["kind"]}["company"] > 0  # facets ignore their own filter


def test_it_answers_400_for_a_bad_filter(client):
    for query, param in (("kind=bogus", "kind"), ("sector=nope", "sector"), ("headquarters=12", "headquarters")):
        response = client.get(f"/actors/?{query}")
        assert response.status_code == 400
        assert response.json()["param"] == param


def test_it_shows_an_actor_with_commitments_sentences_and_sources(client):
    actor = Actor.objects.get(name="中国宝武钢铁集团有限公司")
    html = client.get(f"/actors/{actor.pk}/").content.decode()
    assert "中國寶武力爭在2023年實現碳達峰" in html and "myyun.cc" in html
    data = _json(client, f"/actors/{actor.pk}/")
    commitment = data["commitments"][0]
    assert commitment["statement"] and commitment["source_url"] and commitment["publisher"] == "中國寶武"
    assert {t["indicator"] for t in commitment["targets"]} >= {"co2_peak", "carbon_neutrality"}


def test_it_compares_peak_and_neutrality_with_sector_and_province(client):
    actor = Actor.objects.get(name="中国宝武钢铁集团有限公司")
    rows = {r["indicator"]: r for r in _json(client, f"/actors/{actor.pk}/")["comparison"]}
    peak = rows["co2_peak"]
    assert peak["actor_year"] == 2023
    assert peak["province_region"]["adcode"] == "310000"
    shanghai = Target.objects.filter(policy__review_state="published", policy__jurisdiction__adcode="310000",
                                     indicator__code="co2_peak", target_year=peak["province"]["year"])
    assert peak["province"]["year"] == 2030  # 上海市碳达峰实施方案: 确保2025年前…, 2030年前 达峰
    assert peak["province"]["policy_id"] in set(shanghai.values_list("policy_id", flat=True))
    assert peak["national"]["year"] == 2030
    industry = next(s for s in peak["sectors"] if s["sector"] == "industry")
    assert industry["actors"] == [] or all(a["year"] for a in industry["actors"])
    energy_actor = Actor.objects.get(short_name="国家电投")
    energy = next(s for s in _json(client, f"/actors/{energy_actor.pk}/")["comparison"][0]["sectors"]
                  if s["sector"] == "energy")
    assert {"三峡集团": 2023} == {a["name"]: a["year"] for a in energy["actors"] if a["name"] == "三峡集团"}
    assert energy["earliest"] == 2023


def test_it_links_a_group_and_its_listed_subsidiary(client):
    group = Actor.objects.get(short_name="三峡集团")
    data = _json(client, f"/actors/{group.pk}/")
    assert [s["name"] for s in data["subsidiaries"]] == ["三峡能源"]
    sub = Actor.objects.get(name="三峡能源")
    assert _json(client, f"/actors/{sub.pk}/")["actor"]["parent"]["name"] == "中国长江三峡集团有限公司"


def test_it_hides_drafts(client):
    actor = Actor.objects.create(name="某草稿企业（测试）", kind="company", review_state="needs_review")
    assert client.get(f"/actors/{actor.pk}/").status_code == 404
    assert "某草稿企业（测试）" not in {r["name"] for r in _json(client, "/actors/")["results"]}
    public = Actor.objects.get(short_name="中国宝武")
    Commitment.objects.create(actor=public, title="草稿承诺（测试）", review_state="needs_review")
    titles = [c["title"] for c in _json(client, f"/actors/{public.pk}/")["commitments"]]
    assert "草稿承诺（测试）" not in titles
