"""A draft is never returned or counted by search, however it became a draft."""

from __future__ import annotations

import pytest

from ccnt.search.models import PolicyIndex
from ccnt.tracker.models import Policy

from ._search_helpers import ids, make_policy, run

pytestmark = pytest.mark.django_db


def test_it_never_returns_a_draft(draft_policy, client):
    assert draft_policy.pk not in ids("q=储能")
    assert draft_policy.pk not in ids("q=草稿")
    assert not PolicyIndex.objects.filter(policy=draft_policy).exists()
    data = client.get("/policies/?q=草稿储能&format=json").json()
    assert data["count"] == 0 and data["results"] == []


def test_it_drops_a_policy_sent_back_to_review():
    policy = make_policy("某市氦能方案", "探索氦能应用。")
    assert ids("q=氦能") == [policy.pk]
    policy.review_state = "needs_review"
    policy.save()
    assert ids("q=氦能") == []
    assert run("q=氦能").total == 0


def test_it_hides_a_draft_even_when_signals_were_bypassed():
    policy = make_policy("某市氦能方案", "探索氦能应用。")
    Policy.objects.filter(pk=policy.pk).update(review_state="draft")  # no signal, index now stale
    assert PolicyIndex.objects.filter(policy=policy).exists()
    result = run("q=氦能")
    assert result.total == 0 and result.policies == []
    assert all(n == 0 for values in result.facets.values() for _c, _l, n in values)
