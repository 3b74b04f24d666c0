"""No draft reaches the API: not in lists, searches, counts, targets or details."""

from __future__ import annotations

import pytest

from ccnt.tracker.models import Indicator, Policy, Target

from ._api_helpers import all_pages, api_client, get_json


@pytest.fixture
def api(db, settings):
    return api_client(settings)


def test_it_never_shows_or_counts_a_draft(api, draft_policy):
    Target.objects.create(policy=draft_policy, indicator=Indicator.objects.get(code="non_fossil_share"),
                          target_year=2025, value_low=1, value_high=1)
    public = Policy.objects.public().count()
    everything = all_pages(api, "/api/v1/policies/?page_size=200&fields=policy_id")
    assert len(everything) == public and draft_policy.pk not in {r["policy_id"] for r in everything}
    found = get_json(api, "/api/v1/policies/?q=草稿储能试点&fields=policy_id")
    assert draft_policy.pk not in {r["policy_id"] for r in found["results"]}
    assert get_json(api, "/api/v1/jurisdictions/100000/")["policy_count"] == public
    targets = all_pages(api, "/api/v1/targets/?page_size=200")
    assert draft_policy.pk not in {r["policy_id"] for r in targets}
