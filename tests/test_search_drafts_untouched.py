"""Ingest indexes only what is public: writing a draft — the policy, its version, targets,
issuers, regions, sectors and topics — never touches the search index or its generation, while
the same writes on a published policy still reach the index at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ccnt.search.index import generation
from ccnt.search.models import PolicyIndex
from ccnt.tracker.models import (
    Authority,
    Category,
    Indicator,
    Jurisdiction,
    Policy,
    PolicyIssuer,
    PolicyVersion,
    Sector,
    Target,
)

from ._search_helpers import ids, make_policy

pytestmark = pytest.mark.django_db
INDEX_TABLES = ("search_indexstate", "search_indextouch", "search_indexbuild", "search_policyterm")


def _write_a_policy(state: str) -> Policy:
    place = Jurisdiction.objects.by_adcode("320500")
    policy = Policy.objects.create(title="某市氪能试点方案（草稿测试）", review_state=state, level="city",
                                   jurisdiction=place, category=Category.objects.get(code="energy"))
    policy.jurisdictions.set([place])
    policy.sectors.set(Sector.objects.filter(code="energy"))
    PolicyIssuer.objects.create(policy=policy, authority=Authority.objects.order_by("pk").first())
    version = PolicyVersion.objects.create(policy=policy, number=1, text="到2025年，氪能装机达到100万千瓦。")
    Target.objects.create(policy=policy, version=version, indicator=Indicator.objects.order_by("pk").first(),
                          target_year=2025, value_low=100, value_high=100, unit="万千瓦")
    policy.summary_zh = "氪能试点。"
    policy.save()
    return policy


def test_it_leaves_the_index_alone_while_a_draft_is_written():
    before = generation()
    with CaptureQueriesContext(connection) as captured:
        policy = _write_a_policy("needs_review")
    touching = [q["sql"] for q in captured if any(t in q["sql"] for t in INDEX_TABLES)]
    assert touching == []
    assert generation() == before
    assert not PolicyIndex.objects.filter(policy=policy).exists()
    assert policy.pk not in ids("q=氪能")


def test_it_still_indexes_the_same_writes_on_a_published_policy():
    before = generation()
    policy = _write_a_policy("published")
    assert generation() != before
    assert ids("q=氪能") == [policy.pk]


def test_it_removes_a_policy_sent_back_to_review_and_then_ignores_it():
    policy = make_policy("某市氙能方案", "探索氙能应用。")
    assert ids("q=氙能") == [policy.pk]
    policy.review_state = "needs_review"
    policy.save()
    assert ids("q=氙能") == []
    before = generation()
    policy.title = "某市氙能方案（修改）"
    policy.save()
    assert generation() == before
