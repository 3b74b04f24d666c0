"""Roles: anonymous users are sent to the login page, read-only users can look but not
change, curators edit and publish, admins manage users."""

from __future__ import annotations

import pytest

from ccnt.tracker.models import Policy

pytestmark = pytest.mark.django_db


def test_it_sends_anonymous_users_to_login(client):
    response = client.get("/admin/tracker/policy/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_it_lets_a_read_only_user_view_but_not_change(client, make_user, draft_policy):
    client.force_login(make_user("reader", role="read-only"))
    assert client.get("/admin/tracker/policy/").status_code == 200
    url = f"/admin/tracker/policy/{draft_policy.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "changed"})
    assert response.status_code == 403
    draft_policy.refresh_from_db()
    assert draft_policy.title != "changed"
    client.post("/admin/tracker/policy/", {"action": "publish", "_selected_action": [draft_policy.pk]})
    draft_policy.refresh_from_db()
    assert draft_policy.review_state == "needs_review"


def test_it_lets_a_curator_publish_from_the_queue(client, make_user, draft_policy):
    client.force_login(make_user("curator2", role="curator"))
    queue = client.get("/admin/tracker/policyforreview/")
    assert draft_policy.title in queue.content.decode()
    client.post("/admin/tracker/policyforreview/", {"action": "publish", "_selected_action": [draft_policy.pk]})
    draft_policy.refresh_from_db()
    assert draft_policy.review_state == "published"
    assert draft_policy.published_version is not None
    assert Policy.objects.public().filter(pk=draft_policy.pk).exists()


def test_it_keeps_user_management_from_curators(client, make_user):
    client.force_login(make_user("curator3", role="curator"))
    assert client.get("/admin/auth/user/").status_code == 403
    client.force_login(make_user("boss", role="admin"))
    assert client.get("/admin/auth/user/").status_code == 200


def test_it_filters_the_policy_list_by_state_region_level_and_category(client, make_user, draft_policy):
    client.force_login(make_user("curator4", role="curator"))
    page = client.get("/admin/tracker/policy/?review_state=needs_review&province=320000&level=province&category__id__exact="
                      f"{draft_policy.category_id}")
    assert page.status_code == 200
    assert draft_policy.title in page.content.decode()
    page = client.get("/admin/tracker/policy/?review_state=published&province=320000")
    assert draft_policy.title not in page.content.decode()
