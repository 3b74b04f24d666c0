"""The demo's monthly reports: one published report per month its public policies cover,
each a machine draft published as generated and saying so in its 说明 (about), so a newcomer
sees the report archive, a report page and its downloads at once.

A month already reported (a curator's edited or published report) is left alone; a month
without public policies gets no report.
"""

from __future__ import annotations

from django.db.models.functions import Coalesce, TruncMonth

from ccnt.reports.build import ReportError, about_text
from ccnt.reports.drafts import generate_draft, publish
from ccnt.reports.models import Report

from ..models import Policy

MACHINE_DRAFT_NOTE = ("本期为演示数据自动生成的机器草稿，未经编辑审核。"
                      "Machine draft generated from the demo data, not edited by a curator.")


def demo_months() -> list:
    dates = (Policy.objects.public().annotate(month=TruncMonth(Coalesce("published_date", "signed_date")))
             .exclude(month=None).values_list("month", flat=True).distinct())
    return sorted({d.replace(day=1) if hasattr(d, "replace") else d for d in dates})


def publish_demo_reports() -> list[Report]:
    known = set(Report.objects.values_list("month", flat=True))
    about = f"{MACHINE_DRAFT_NOTE}\n\n{about_text()}"
    published = []
    for month in demo_months():
        month = month.date() if hasattr(month, "date") else month
        if month in known:
            continue
        try:
            published.append(publish(generate_draft(month, about=about)))
        except ReportError:
            continue
    return published
