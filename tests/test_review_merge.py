"""A possible duplicate is shown beside its twin and merged by a curator: the twin keeps its
identity and history and gains the duplicate's versions; the duplicate is rejected, not deleted."""

from __future__ import annotations

import pytest
from django.test import Client

from ccnt.tracker.history import history_of
from ccnt.tracker.merging import merge
from ccnt.tracker.models import Policy, PolicyVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def twin_pair():
    twin = Policy.objects.public().get(title="天津市碳达峰实施方案")
    duplicate = Policy.objects.create(title="天津市碳达峰实施方案", review_state="needs_review",
                                      possible_duplicate_of=twin, duplicate_reason="same title (test)")
    PolicyVersion.objects.create(policy=duplicate, number=1, text="天津市碳达峰实施方案全文（副本）。")
    return twin, duplicate


@pytest.fixture
def curator(make_user):
    logged_in = Client()
    logged_in.force_login(make_user("merger", role="curator"))
    return logged_in


def test_it_lists_possible_duplicates_in_the_queue_with_a_compare_link(curator, twin_pair):
    twin, duplicate = twin_pair
    page = curator.get("/admin/tracker/policyforreview/", {"duplicate": "1"}).content.decode()
    assert f"/admin/tracker/policyforreview/{duplicate.pk}/compare/" in page
    compare = curator.get(f"/admin/tracker/policyforreview/{duplicate.pk}/compare/").content.decode()
    assert "全文（副本）" in compare and f"#{twin.pk}" in compare


def test_it_merges_the_duplicate_into_its_twin_keeping_history(curator, twin_pair):
    twin, duplicate = twin_pair
    shown = twin.published_version_id
    response = curator.post(f"/admin/tracker/policyforreview/{duplicate.pk}/compare/")
    assert response.status_code == 302
    twin.refresh_from_db()
    duplicate.refresh_from_db()
    assert duplicate.review_state == "rejected" and "merged into" in duplicate.duplicate_reason
    assert twin.versions.order_by("-number").first().text.endswith("（副本）。")
    assert twin.published_version_id == shown  # the merged version awaits review
    assert history_of(twin).filter(note__contains=f"merged #{duplicate.pk}").exists()
    assert history_of(duplicate).filter(note__contains="merged into").exists()


def test_it_refuses_to_merge_a_policy_into_itself(twin_pair):
    twin, _ = twin_pair
    with pytest.raises(ValueError):
        merge(twin, twin)
