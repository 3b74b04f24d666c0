"""``/api/v1/actors/`` and ``/api/v1/commitments/``: published only, the pages' filters, JSON
errors for bad values, CSV."""

from __future__ import annotations

import pytest

from ccnt.actors.models import Actor, Commitment

pytestmark = pytest.mark.django_db


def test_it_lists_actors_with_filters(client):
    data = client.get("/api/v1/actors/?kind=central_soe&sector=energy&page_size=100").json()
    assert data["meta"]["license"] and data["results"]
    assert all(r["kind"] == "central_soe" and "energy" in r["sectors"] for r in data["results"])
    hq = client.get("/api/v1/actors/?headquarters=330000").json()
    assert [r["name"] for r in hq["results"]] == ["阿里巴巴集团"]
    assert hq["results"][0]["neutrality_year"] == 2030


def test_it_shows_one_actor_with_commitments(client):
    actor = Actor.objects.get(short_name="中国宝武")
    data = client.get(f"/api/v1/actors/{actor.pk}/").json()
    assert data["name"] == actor.name and data["commitments"][0]["statement"]
    assert {r["indicator"] for r in data["comparison"]} == {"co2_peak", "carbon_neutrality"}


def test_it_lists_commitments_by_year_and_actor_kind(client):
    data = client.get("/api/v1/commitments/?year=2050&actor_kind=financial").json()
    assert [c["actor"]["name"] for c in data["results"]] == ["贵州银行"]
    assert all(any(t["target_year"] == 2050 for t in c["targets"]) for c in data["results"])
    csv = client.get("/api/v1/commitments/?format=csv&kind=peak")
    assert csv.status_code == 200 and "commitment_id" in csv.content.decode("utf-8-sig").splitlines()[0]


def test_it_answers_400_for_bad_values(client):
    for url, param in (("/api/v1/actors/?kind=x", "kind"), ("/api/v1/commitments/?kind=x", "kind"),
                       ("/api/v1/commitments/?actor_kind=x", "actor_kind"), ("/api/v1/actors/?bogus=1", "bogus")):
        response = client.get(url)
        assert response.status_code == 400, url
        assert response.json()["param"] == param


def test_it_hides_drafts(client):
    actor = Actor.objects.create(name="草稿公司（测试）", kind="company")
    Commitment.objects.create(actor=actor, title="草稿承诺", review_state="published")
    assert client.get(f"/api/v1/actors/{actor.pk}/").status_code == 404
    titles = [c["title"] for c in client.get("/api/v1/commitments/?page_size=200").json()["results"]]
    assert "草稿承诺" not in titles
