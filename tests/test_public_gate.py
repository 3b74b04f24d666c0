"""Only published policies are visible to the public: pages, JSON and exports."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_demo")]


def test_it_lists_published_demo_policies_on_the_home_page(client):
    from ccnt.tracker.models import Policy

    response = client.get("/")
    assert response.status_code == 200
    from ccnt.tracker.insights import dated

    newest = dated(Policy.objects.public()).first()  # the date a policy is known by: published, else signed
    assert newest.title in response.content.decode()
    counts = client.get("/?format=json").json()["counts"]
    assert counts["policies"] == Policy.objects.public().count()


def test_it_lists_every_published_policy_on_the_policy_pages(client):
    from ccnt.tracker.models import Policy

    listing = client.get("/policies/?format=json").json()
    assert listing["count"] == Policy.objects.public().count()
    plan = Policy.objects.get(title="2030年前碳达峰行动方案")
    page = client.get(f"/policies/{plan.pk}/")
    assert "非化石能源消费比重" in page.content.decode()


def test_it_hides_a_draft_from_pages_and_json(client, draft_policy):
    assert draft_policy.title not in client.get("/").content.decode()
    assert draft_policy.title not in client.get("/policies/?level=province").content.decode()
    listing = client.get("/policies/?format=json&level=province").json()
    assert all(p["policy_id"] != draft_policy.pk for p in listing["results"])
    assert client.get(f"/policies/{draft_policy.pk}/").status_code == 404
    assert client.get(f"/policies/{draft_policy.pk}/?format=json").status_code == 404


def test_it_shows_a_policy_once_published(client, draft_policy):
    draft_policy.review_state = "published"
    draft_policy.save()
    assert client.get(f"/policies/{draft_policy.pk}/").status_code == 200


def test_it_leaves_drafts_out_of_exports_unless_all_states(draft_policy):
    out = io.StringIO()
    call_command("export", "--format", "json", stdout=out)
    assert draft_policy.pk not in {p["policy_id"] for p in json.loads(out.getvalue())}
    out = io.StringIO()
    call_command("export", "--format", "json", "--all-states", stdout=out)
    exported = {p["policy_id"]: p for p in json.loads(out.getvalue())}
    assert exported[draft_policy.pk]["review_state"] == "needs_review"
