"""/api/v1/policies/<id>/: a published policy with its targets; anything else is a JSON 404."""

from __future__ import annotations

import pytest

from ccnt.tracker.models import Policy
from ccnt.tracker.serializers import POLICY_COLUMNS, current_targets_by_policy

from ._api_helpers import api_client, get_json


@pytest.fixture
def api(db, settings):
    return api_client(settings)


def test_it_shows_a_policy_with_its_current_targets(api):
    policy = Policy.objects.public().filter(targets__isnull=False).distinct().first()
    data = get_json(api, f"/api/v1/policies/{policy.pk}/")
    assert list(data)[: len(POLICY_COLUMNS)] == POLICY_COLUMNS
    assert data["title"] == policy.title
    expected = [t.pk for t in current_targets_by_policy([policy])[policy.pk]]
    assert [t["target_id"] for t in data["targets"]] == expected and expected


def test_it_hides_drafts(api, draft_policy):
    data = get_json(api, f"/api/v1/policies/{draft_policy.pk}/", status=404)
    assert "No published policy" in data["detail"]


def test_it_answers_an_unknown_id_in_json(api):
    assert get_json(api, "/api/v1/policies/987654321/", status=404)["status"] == 404
    assert get_json(api, "/api/v1/policies/abc/", status=404)["status"] == 404
