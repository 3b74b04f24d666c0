"""Publishing a report re-checks every entry against ``Policy.objects.public()``: a policy
rejected after the draft was saved is left out of the frozen report, and the curator is told."""

from __future__ import annotations

import pytest
from django.test import Client

from _report_helpers import create_month_policies
from ccnt.reports.drafts import generate_draft, publish
from ccnt.tracker.models import Policy
from ccnt.tracker.publishing import set_review_state

pytestmark = pytest.mark.django_db


def rejected_after_draft():
    create_month_policies()
    report = generate_draft("2031-03")
    entry = report.entries.select_related("policy").first()
    set_review_state(entry.policy, "rejected", note="withdrawn")
    return report, entry.policy


def test_it_leaves_out_a_policy_rejected_after_the_draft(client):
    report, rejected = rejected_after_draft()
    published = publish(report)
    assert rejected.title in " ".join(published.dropped)
    ids = {e["policy_id"] for part in published.content["parts"] for s in part["sections"] for e in s["entries"]}
    assert rejected.pk not in ids and ids
    page = client.get("/reports/2031-03/").content.decode()
    assert rejected.title not in page
    markdown = client.get("/reports/2031-03/report.md").content.decode()
    assert rejected.title not in markdown


def test_it_tells_the_curator_in_the_admin(make_user):
    report, rejected = rejected_after_draft()
    curator = Client()
    curator.force_login(make_user("report-publisher", role="curator"))
    response = curator.post(f"/admin/reports/report/{report.pk}/do/publish/", follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert any("no longer public" in m and rejected.title in m for m in messages), messages
    assert Policy.objects.get(pk=rejected.pk).review_state == "rejected"


def test_a_curator_corrects_a_frozen_report_with_a_visible_erratum(client):
    from ccnt.reports.drafts import correct

    create_month_policies()
    report = publish(generate_draft("2031-03"))
    entry = report.entries.select_related("policy").first() if report.entries.exists() else None
    frozen = [e for part in report.content["parts"] for s in part["sections"] for e in s["entries"]]
    withdrawn = Policy.objects.get(pk=(entry.policy_id if entry else frozen[0]["policy_id"]))
    set_review_state(withdrawn, "rejected", note="withdrawn after publication")
    assert withdrawn.title in client.get("/reports/2031-03/").content.decode()  # frozen until corrected
    removed = correct(report)
    assert len(removed) == 1
    page = client.get("/reports/2031-03/").content.decode()
    assert "勘误 Erratum" in page and removed[0] in page  # the erratum names what went
    data = client.get("/reports/2031-03/", {"format": "json"}).json()
    assert data["errata"][0]["removed"] == removed
    ids = {e["policy_id"] for part in data["parts"] for s in part["sections"] for e in s["entries"]}
    assert withdrawn.pk not in ids
