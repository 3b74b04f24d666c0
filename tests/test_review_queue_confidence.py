"""The review queue puts policies with a doubtful machine-extracted target first: an unverified
target of confidence below 0.8 ranks its policy above older, confident ones; a filter lists them;
the target inline shows each confidence."""

from __future__ import annotations

import pytest
from django.test import Client

from ccnt.tracker.models import Indicator, Policy, PolicyVersion, Target

pytestmark = pytest.mark.django_db


def _draft(title: str, confidence: float, verified: bool = False) -> Policy:
    policy = Policy.objects.create(title=title, review_state="needs_review")
    version = PolicyVersion.objects.create(policy=policy, number=1, text="到2025年，森林覆盖率达到25%。")
    Target.objects.create(policy=policy, version=version, indicator=Indicator.objects.get(code="forest_coverage"),
                          target_year=2025, value_low=25, value_high=25, unit="%", text="森林覆盖率达到25%",
                          start=6, end=17, confidence=confidence, verified=verified)
    return policy


@pytest.fixture
def curator(make_user):
    logged_in = Client()
    logged_in.force_login(make_user("queue-reader", role="curator"))
    return logged_in


def _row_order(html: str, *policies: Policy) -> list[int]:
    return sorted((p.pk for p in policies), key=lambda pk: html.index(f"/admin/tracker/policyforreview/{pk}/change/"))


def test_it_lists_low_confidence_policies_first(curator):
    sure = _draft("确定的方案（测试）", 0.92)
    doubtful = _draft("存疑的方案（测试）", 0.31)  # created later: oldest-first alone would put it after
    checked = _draft("已核实的方案（测试）", 0.2, verified=True)  # a curator checked it: not doubtful
    html = curator.get("/admin/tracker/policyforreview/").content.decode()
    assert _row_order(html, sure, doubtful) == [doubtful.pk, sure.pk]
    assert _row_order(html, checked, doubtful) == [doubtful.pk, checked.pk]


def test_it_filters_policies_with_low_confidence_targets(curator):
    sure = _draft("确定的方案（测试）", 0.92)
    doubtful = _draft("存疑的方案（测试）", 0.31)
    html = curator.get("/admin/tracker/policyforreview/", {"low_confidence": "1"}).content.decode()
    assert f"/{doubtful.pk}/change/" in html and f"/{sure.pk}/change/" not in html
    assert "低置信度目标 Low-confidence targets" in html


def test_it_shows_each_target_confidence_on_the_change_form(curator):
    doubtful = _draft("存疑的方案（测试）", 0.31)
    html = curator.get(f"/admin/tracker/policyforreview/{doubtful.pk}/change/").content.decode()
    assert "置信度 Confidence" in html and "0.31" in html and "confidence-low" in html
