"""`ccnt demo` loads real policies with targets, and running it again changes nothing."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from ccnt.tracker.models import ChangeRecord, Policy, PolicyVersion, Target

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_demo")]


def test_it_loads_at_least_40_published_policies_with_120_targets():
    assert Policy.objects.public().count() >= 40
    assert Target.objects.filter(policy__review_state="published").count() >= 120


def test_it_gives_every_corpus_policy_its_issuer_jurisdiction_and_category():
    plan = Policy.objects.get(title="2030年前碳达峰行动方案")
    assert plan.jurisdiction.adcode == "100000"
    assert plan.level == "national"
    assert plan.category.code == "one_plus_n"
    assert [a.name for a in plan.ordered_issuers()] == ["国务院"]
    jiangsu = Policy.objects.get(title="江苏省碳达峰实施方案")
    assert jiangsu.jurisdiction.adcode == "320000"


def test_it_quotes_each_target_from_the_stored_text():
    checked = 0
    for target in Target.objects.select_related("version").exclude(start=None).filter(policy__isnull=False):
        if target.version.text:
            assert target.version.text[target.start:target.end] == target.text
            checked += 1
    assert checked >= 120


def test_it_changes_nothing_when_run_twice():
    counts = (Policy.objects.count(), PolicyVersion.objects.count(), Target.objects.count(), ChangeRecord.objects.count())
    out = io.StringIO()
    # --no-reports, as the session's whole demo was built: the same command run twice (with
    # reports, this second run built and published every monthly report, which nothing here reads)
    call_command("demo", "--no-migrate", "--no-reports", stdout=out, verbosity=2)
    assert "0 new, 0 updated" in out.getvalue(), out.getvalue()
    assert counts == (Policy.objects.count(), PolicyVersion.objects.count(), Target.objects.count(), ChangeRecord.objects.count())


def test_it_keeps_a_curators_value_on_reload():
    plan = Policy.objects.get(title="2030年前碳达峰行动方案")
    plan.set_field("policy_type", "方案（编辑修改）", "curator")
    plan.save()
    call_command("demo", "--no-migrate", "--no-reports", stdout=io.StringIO())
    plan.refresh_from_db()
    assert plan.policy_type == "方案（编辑修改）"


def test_it_never_invents_dates_or_document_numbers():
    # The demo sources state no document number and no URL: a number comes only from the
    # document itself (its ingested original), and is written in its text.
    numbered = Policy.objects.exclude(doc_number="").select_related("published_version")
    assert numbered.exists()
    for policy in numbered:
        assert policy.field_sources["doc_number"] in ("extracted", "page"), policy
        numbers = re.findall(r"\d+", policy.doc_number)  # as written: 〔2022〕 may read ［2022） in the PDF
        assert numbers and all(n in policy.published_version.text for n in numbers), policy
    assert not Policy.objects.exclude(source_url="").exists()
