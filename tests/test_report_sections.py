"""A month built from test policies has the right parts, sections, order and entries: published
policies of the month only (publication date, else signing date — flagged), national before local,
sections in the categories' order, "<issuer>发布《<title>》" and a summary per entry."""

from __future__ import annotations

import pytest

from _report_helpers import (
    EXPECTED_ENTRIES,
    EXPECTED_SECTIONS,
    MONTH,
    NATIONAL_TITLE,
    entry_titles,
    section_titles,
)
from ccnt.reports.build import build_report

pytestmark = pytest.mark.django_db


def test_it_builds_parts_sections_and_entries_in_order(month_policies):
    tree = build_report(MONTH)
    assert tree.title == "零碳录月报 · 2031年3月"
    assert [p.title for p in tree.parts] == ["碳中和国家行动一览", "碳中和地方行动一览"]
    assert section_titles(tree) == EXPECTED_SECTIONS
    assert entry_titles(tree) == EXPECTED_ENTRIES
    assert tree.parts[1].sections[0].title == "关键词：“1+N”政策体系"


def test_it_leaves_out_drafts_other_months_and_undated_policies(month_policies):
    titles = entry_titles(build_report(MONTH))
    for name in ("draft", "next_month", "undated"):
        assert month_policies[name].title not in titles


def test_it_places_a_policy_without_publication_date_by_its_signing_date_and_flags_it(month_policies):
    entries = {e.title: e for e in build_report(MONTH).entries()}
    assert entries["测试丙省碳达峰实施方案"].date_basis == "signed"
    assert entries["测试甲市碳达峰实施方案"].date_basis == "published"


def test_it_writes_the_headline_as_issuer_published_title(month_policies):
    entries = {e.title: e for e in build_report(MONTH).entries()}
    assert entries[NATIONAL_TITLE].headline == f"国务院发布《{NATIONAL_TITLE}》"
    assert entries["测试甲市碳达峰实施方案"].headline == "杭州市人民政府发布《测试甲市碳达峰实施方案》"


def test_it_uses_the_curators_summary_else_the_house_style_summary_else_nothing(month_policies):
    entries = {e.title: e for e in build_report(MONTH).entries()}
    assert entries["测试丁省新型储能发展方案"].summary == "策展人撰写的摘要。"
    national = entries[NATIONAL_TITLE].summary
    assert national.startswith("《方案》旨在深入贯彻落实碳达峰碳中和重大战略决策")
    assert "单位国内生产总值能源消耗比2020年下降13.5%" in national
    assert entries["测试甲市碳达峰实施方案"].summary == ""  # no text: just its headline


def test_it_follows_a_changed_summary(month_policies):
    policy = month_policies["jiangsu"]
    policy.summary_zh = "改过的摘要。"
    policy.save()
    entries = {e.title: e for e in build_report(MONTH).entries()}
    assert entries["测试丁省新型储能发展方案"].summary == "改过的摘要。"
