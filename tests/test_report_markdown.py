"""Markdown follows the structure exactly (## national / local, ### per keyword, a bullet with the bold
headline per policy, then its summary indented under it), so reports can be diffed and versioned."""

from __future__ import annotations

import pytest

from _report_helpers import MONTH, NATIONAL_TITLE
from ccnt.reports.build import build_report
from ccnt.reports.render_md import render_md

pytestmark = pytest.mark.django_db


def test_it_renders_the_exact_structure(month_policies):
    tree = build_report(MONTH, about="关于本刊的说明。")
    leads = [s.lead for p in tree.parts for s in p.sections]
    national_summary = tree.entries()[0].summary
    expected = f"""# 零碳录月报 · 2031年3月

> **关于零碳录** 关于本刊的说明。

## 碳中和国家行动一览

### 关键词：“1+N”政策体系

{leads[0]}

- **国务院发布《{NATIONAL_TITLE}》**

  {national_summary}

## 碳中和地方行动一览

### 关键词：“1+N”政策体系

{leads[1]}

- **杭州市人民政府发布《测试甲市碳达峰实施方案》**

- **宁波市人民政府发布《测试乙市碳达峰实施方案》**

- **甘肃省人民政府发布《测试丙省碳达峰实施方案》**

### 关键词：能源

{leads[2]}

- **江苏省发展和改革委员会发布《测试丁省新型储能发展方案》**

  策展人撰写的摘要。
"""
    assert render_md(tree) == expected


def test_it_keeps_headings_to_two_levels_below_the_title(month_policies):
    lines = render_md(build_report(MONTH)).splitlines()
    assert [ln for ln in lines if ln.startswith("## ")] == ["## 碳中和国家行动一览", "## 碳中和地方行动一览"]
    assert len([ln for ln in lines if ln.startswith("### 关键词：")]) == 3
    assert len([ln for ln in lines if ln.startswith("- **")]) == 5


def test_it_escapes_markdown_in_the_text(month_policies):
    policy = month_policies["jiangsu"]
    policy.summary_zh = "含*星号*和#井号\n以及换行。"
    policy.save()
    md = render_md(build_report(MONTH))
    assert "  含\\*星号\\*和\\#井号 以及换行。" in md.splitlines()
