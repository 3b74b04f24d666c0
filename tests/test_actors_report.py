"""Actors in the monthly report: their own part after the policies, from published commitments
dated in the month, with a lead paragraph whose numbers come from the stored targets."""

from __future__ import annotations

import pytest

from ccnt.actors.models import Commitment
from ccnt.reports.build import build_report
from ccnt.reports.render_md import render_md

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("whole_demo")
def test_it_adds_the_actors_part_for_the_month():
    report = build_report("2022-02")  # 腾讯 2022-02-24
    part = report.parts[-1]
    assert part.key == "actors" and part.title == "企业与机构行动一览"
    entries = [e for s in part.sections for e in s.entries]
    assert any(e.headline.startswith("腾讯：") and "2030" in e.summary for e in entries)
    lead = part.sections[0].lead
    assert "腾讯2030年前" in lead
    md = render_md(report)
    assert "## 企业与机构行动一览" in md and md.index("## 企业与机构行动一览") > md.index("碳中和")


def test_it_writes_the_lead_from_the_data():
    commitment = Commitment.objects.get(actor__short_name="腾讯")
    target = commitment.targets.get(indicator__code="carbon_neutrality")
    target.target_year = 2029
    target.save()
    assert "腾讯2029年前" in build_report("2022-02").parts[-1].sections[0].lead


def test_it_leaves_drafts_and_other_months_out():
    commitment = Commitment.objects.get(actor__short_name="腾讯")
    commitment.review_state = "needs_review"
    commitment.save()
    assert all(p.key != "actors" for p in build_report("2022-02").parts)
    assert all(p.key != "actors" for p in build_report("2022-03").parts) or not any(
        c.date and c.date.strftime("%Y-%m") == "2022-03" for c in Commitment.objects.public())
