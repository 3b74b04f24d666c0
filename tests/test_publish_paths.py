"""Every way of publishing a policy makes it appear everywhere readers look, at once, with
every public count in agreement (``tracker.publishing`` is the one path)."""

from __future__ import annotations

import pytest
from django.test import Client

from admin_forms import change_form_data
from ccnt.ops.invariants import public_counts, run_checks
from ccnt.search.models import PolicyIndex
from ccnt.tracker.models import Jurisdiction, Policy, PolicyVersion
from ccnt.tracker.publishing import publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_demo")]


@pytest.fixture
def curator(make_user):
    logged_in = Client()
    logged_in.force_login(make_user("publisher", role="curator"))
    return logged_in


def assert_public_everywhere(client, policy: Policy) -> None:
    """``client`` is an anonymous reader's."""
    policy.refresh_from_db()
    assert policy.review_state == "published"
    assert policy.published_version is not None and policy.published_version.policy_id == policy.pk
    assert PolicyIndex.objects.filter(policy_id=policy.pk).exists()
    assert client.get(f"/policies/{policy.pk}/").status_code == 200
    found = client.get("/policies/", {"q": "草稿储能试点方案", "format": "json"}).json()
    assert policy.pk in [r["policy_id"] for r in found["results"]]
    api = client.get("/api/v1/policies/", {"q": "草稿储能试点方案"}).json()
    assert policy.pk in [r["policy_id"] for r in api["results"]]
    counts = public_counts()
    assert len(set(counts.values())) == 1, counts
    assert run_checks() == []


def test_it_publishes_from_the_review_queues_bulk_action(client, curator, draft_policy):
    before = public_counts()["home"]
    response = curator.post("/admin/tracker/policyforreview/",
                            {"action": "publish", "_selected_action": [draft_policy.pk]})
    assert response.status_code == 302
    assert_public_everywhere(client, draft_policy)
    assert public_counts()["home"] == before + 1


def test_it_publishes_from_the_policy_lists_action(client, curator, draft_policy):
    response = curator.post("/admin/tracker/policy/", {"action": "publish", "_selected_action": [draft_policy.pk]})
    assert response.status_code == 302
    assert_public_everywhere(client, draft_policy)


def test_it_publishes_from_the_forms_review_state_with_the_newest_version(client, curator, draft_policy):
    url = f"/admin/tracker/policy/{draft_policy.pk}/change/"
    data = change_form_data(curator.get(url))
    data["review_state"] = "published"
    assert curator.post(url, data).status_code == 302
    assert_public_everywhere(client, draft_policy)
    page = client.get(f"/policies/{draft_policy.pk}/")
    assert "新型储能装机达到100万千瓦" in page.content.decode()  # the full text, not an empty page


def test_it_stays_on_the_policy_after_save_and_continue_in_the_queue(curator, draft_policy):
    url = f"/admin/tracker/policyforreview/{draft_policy.pk}/change/"
    data = change_form_data(curator.get(url))
    data["review_state"] = "published"
    data["_continue"] = "1"
    response = curator.post(url, data)
    assert response.status_code == 302
    follow = curator.get(response["Location"])
    assert follow.status_code == 200
    assert "不存在" not in follow.content.decode()


def test_it_publishes_through_the_function_and_then_counts_agree(client, draft_policy):
    publish(draft_policy)
    assert_public_everywhere(client, draft_policy)


def test_it_counts_the_primary_region_among_the_regions(client, curator, draft_policy):
    suzhou = Jurisdiction.objects.by_adcode("320500")
    draft_policy.jurisdictions.clear()
    before = client.get("/regions/320500/", {"format": "json"}).json()["policy_count"]
    url = f"/admin/tracker/policy/{draft_policy.pk}/change/"
    data = change_form_data(curator.get(url))
    data["jurisdiction"] = str(suzhou.pk)
    data.pop("jurisdictions", None)  # only the primary region is set
    data["review_state"] = "published"
    assert curator.post(url, data).status_code == 302
    assert suzhou in draft_policy.jurisdictions.all()
    region = client.get("/regions/320500/", {"format": "json"}).json()
    assert region["policy_count"] == before + 1
    listed = client.get("/policies/", {"jurisdiction": "320500", "format": "json"}).json()
    assert draft_policy.pk in [r["policy_id"] for r in listed["results"]]


def test_it_shows_a_new_version_of_a_published_policy_in_the_queue_and_publishes_it(client, curator):
    policy = Policy.objects.public().get(title="江苏省碳达峰实施方案")
    shown = policy.published_version
    newer = PolicyVersion.objects.create(policy=policy, number=shown.number + 1, text="修订后的全文。")
    queue = curator.get("/admin/tracker/policyforreview/")
    assert policy.title in queue.content.decode()
    assert "修订后的全文" not in client.get(f"/policies/{policy.pk}/").content.decode()  # awaits review
    curator.post("/admin/tracker/policyforreview/", {"action": "publish", "_selected_action": [policy.pk]})
    policy.refresh_from_db()
    assert policy.published_version_id == newer.pk
