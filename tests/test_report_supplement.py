"""A policy found after its month's report was published goes into the next report as 补录; a policy a
curator left out of a published report does not come back."""

from __future__ import annotations

from datetime import date

import pytest

from _report_helpers import MONTH, make_policy
from ccnt.reports.build import SUPPLEMENT_MARK, build_report
from ccnt.reports.drafts import generate_draft, publish

pytestmark = pytest.mark.django_db


def test_it_adds_a_late_policy_to_the_next_report_as_supplement(month_policies):
    report = generate_draft(MONTH)
    report.entries.get(policy=month_policies["ningbo"]).delete()  # a curator leaves one out
    publish(report)
    late, _ = make_policy("测试晚到的方案", adcode="320000", level="province", category="energy",
                          issuer="江苏省发展和改革委员会", published=date(2031, 3, 28))
    april = build_report("2031-04")
    entries = {e.title: e for e in april.entries()}
    assert entries["测试晚到的方案"].supplement
    assert entries["测试晚到的方案"].headline.startswith(SUPPLEMENT_MARK)
    assert "测试乙市碳达峰实施方案" not in entries  # left out on purpose, not late
    assert "测试甲市碳达峰实施方案" not in entries  # already reported
    assert "测试下月方案" in entries and not entries["测试下月方案"].supplement
    assert late.pk in {e.policy_id for e in april.entries()}


def test_it_adds_nothing_before_the_month_is_published(month_policies):
    make_policy("测试晚到的方案", adcode="320000", level="province", category="energy",
                issuer="江苏省发展和改革委员会", published=date(2031, 3, 28))
    assert not any(e.supplement for e in build_report("2031-04").entries())
