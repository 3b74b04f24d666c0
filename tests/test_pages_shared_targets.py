"""Long target lists (the explorer's selection, a region's targets, the map's provincial targets)
are loaded by ``insights.with_shared``: each target reads the same policy, place, category and
indicator as through ``select_related``, one object per indicator, place and category shared by
all their targets, in a fixed number of queries however many targets there are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ccnt.tracker import insights

pytestmark = pytest.mark.django_db


def related(t) -> tuple:
    policy = t.policy
    place = policy.jurisdiction
    return (t.pk, t.text, t.indicator.code, t.indicator.name_zh, policy.pk, policy.title, policy.level,
            place.adcode if place else None, place.name if place else None,
            policy.category.code if policy.category else None)


def test_it_reads_the_records_select_related_reads():
    queryset = insights.public_targets().order_by("pk")
    shared = insights.with_shared(queryset)
    joined = list(queryset.select_related("indicator", "policy__jurisdiction", "policy__category"))
    assert len(shared) > 20, "the test data should hold public targets"
    assert [related(t) for t in shared] == [related(t) for t in joined]


def test_it_shares_one_object_per_indicator_and_place():
    shared = insights.with_shared(insights.public_targets())
    by_code: dict[str, set[int]] = {}
    for t in shared:
        by_code.setdefault(t.indicator.code, set()).add(id(t.indicator))
    assert any(len([t for t in shared if t.indicator.code == code]) > 1 for code in by_code)
    assert all(len(objects) == 1 for objects in by_code.values())


def test_it_asks_as_many_queries_for_many_targets_as_for_few():
    def queries(queryset) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            targets = insights.with_shared(queryset)
            for t in targets:
                related(t)
        return len(captured), len(targets)

    few, n_few = queries(insights.public_targets().order_by("pk")[:2])
    many, n_many = queries(insights.public_targets())
    assert n_many > 10 * n_few
    assert many == few


def test_it_keeps_a_draft_policys_targets_out():
    from ccnt.tracker.models import Indicator, Policy, Target

    policy = Policy.objects.create(title="草稿（测试）", review_state="draft", level="province")
    draft = Target.objects.create(policy=policy, indicator=Indicator.objects.get(code="energy_intensity"),
                                  target_year=2025, text="草稿目标", verified=True)
    assert draft.pk not in {t.pk for t in insights.with_shared(insights.public_targets())}
    assert draft.pk not in {t.pk for t in insights.with_shared(insights.comparable_targets())}
