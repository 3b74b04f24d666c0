"""Actor and Commitment: a target has exactly one owner (a policy or a commitment), the public
gates, and curation through the admin with the same roles, review actions and edit history as
policies."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from admin_forms import change_form_data
from ccnt.actors.models import Actor, Commitment
from ccnt.tracker.history import history_of
from ccnt.tracker.models import Indicator, Policy, Target

pytestmark = pytest.mark.django_db


def test_it_requires_exactly_one_owner_for_a_target():
    indicator = Indicator.objects.get(code="co2_peak")
    commitment = Commitment.objects.public().first()
    policy = Policy.objects.public().first()
    for owners in ({}, {"policy": policy, "commitment": commitment}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Target.objects.create(indicator=indicator, target_year=2030, **owners)
    Target.objects.create(indicator=indicator, target_year=2030, commitment=commitment)
    assert commitment.targets.filter(target_year=2030).exists()


def test_it_keeps_policy_target_queries_to_policies():
    from ccnt.tracker import insights

    assert Target.objects.filter(commitment__isnull=False).exists()
    assert all(t.policy_id for t in insights.public_targets())


def test_the_public_gates_need_a_published_actor_and_commitment():
    actor = Actor.objects.create(name="某测试企业", kind="company", review_state="needs_review")
    commitment = Commitment.objects.create(actor=actor, title="测试承诺", review_state="published")
    assert not Actor.objects.public().filter(pk=actor.pk).exists()
    assert not Commitment.objects.public().filter(pk=commitment.pk).exists()
    actor.review_state = "published"
    actor.save()
    assert Commitment.objects.public().filter(pk=commitment.pk).exists()


def test_a_curator_edits_an_actor_and_the_history_has_old_and_new(client, make_user):
    client.force_login(make_user("curator-a", role="curator"))
    actor = Actor.objects.get(short_name="中国宝武")
    url = f"/admin/actors/actor/{actor.pk}/change/"
    data = change_form_data(client.get(url))
    data["stock_code"] = "600019-test"
    data["sectors"] = [str(pk) for pk in actor.sectors.values_list("pk", flat=True)] + [
        str(__import__("ccnt.tracker.models", fromlist=["Sector"]).Sector.objects.get(code="energy").pk)]
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    changes = history_of(actor).first().changes
    assert changes["stock_code"] == ["", "600019-test"]
    assert changes["sectors"] == [["industry"], ["energy", "industry"]]
    actor.refresh_from_db()
    assert actor.field_sources["stock_code"] == "curator"
    assert client.get(f"/admin/actors/actor/{actor.pk}/history/").status_code == 200


def test_a_curator_edits_an_inline_target_of_a_commitment(client, make_user):
    client.force_login(make_user("curator-b", role="curator"))
    commitment = Commitment.objects.get(actor__short_name="腾讯")
    url = f"/admin/actors/commitment/{commitment.pk}/change/"
    data = change_form_data(client.get(url))
    key = next(k for k, v in data.items() if k.endswith("-target_year") and str(v) == "2030")
    data[key] = "2031"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    changes = history_of(commitment).first().changes
    (label, (old, new)), = [(k, v) for k, v in changes.items() if k.startswith("target #")]
    assert "target_year=2030" in old and "target_year=2031" in new


def test_publishing_needs_the_permission_and_is_recorded(client, make_user):
    actor = Actor.objects.get(short_name="中国宝武")
    draft = Commitment.objects.create(actor=actor, title="待审核承诺（测试）")
    viewer = make_user("viewer", role="read-only")
    client.force_login(viewer)
    client.post("/admin/actors/commitment/", {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.review_state == "needs_review"
    client.force_login(make_user("curator-c", role="curator"))
    assert client.get("/admin/actors/commitmentforreview/").status_code == 200
    client.post("/admin/actors/commitmentforreview/", {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.review_state == "published"
    assert history_of(draft).first().changes == {"review_state": ["needs_review", "published"]}
