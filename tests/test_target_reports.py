"""Every target of a published policy can be reported wrong: a small form (CSRF, rate-limited) whose
report is stored and brings the policy into the review queue, where a curator reads and resolves it."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from ccnt.tracker.models import Policy, TargetReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def target():
    plan = Policy.objects.public().get(title="2030年前碳达峰行动方案")
    return plan.current_targets().first()


@pytest.fixture
def curator(make_user):
    logged_in = Client()
    logged_in.force_login(make_user("reviewer", role="curator"))
    return logged_in


def _token(client: Client, url: str) -> str:
    client.get(url)
    return client.cookies["csrftoken"].value


def test_it_links_every_target_to_the_form(client, target):
    html = client.get(f"/policies/{target.policy_id}/").content.decode()
    for t in target.policy.current_targets():
        assert f'href="/targets/{t.pk}/report/"' in html
    form = client.get(f"/targets/{target.pk}/report/")
    assert form.status_code == 200 and target.text in form.content.decode()


def test_it_shows_what_the_machine_read_beside_the_quote(client, target):
    html = client.get(f"/targets/{target.pk}/report/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    facts = html.split('id="reported-target"', 1)[1].split("</dl>", 1)[0]
    assert str(target.target_year) in facts and target.indicator.name_zh in facts


def test_it_stores_a_report_with_what_the_reader_saw(target):
    client = Client(enforce_csrf_checks=True)
    url = f"/targets/{target.pk}/report/"
    refused = client.post(url, {"message": "年份不对"})
    assert refused.status_code == 403  # no CSRF token
    sent = client.post(url, {"message": "基准年应为2005年", "email": "reader@example.org",
                             "csrfmiddlewaretoken": _token(client, url)})
    assert sent.status_code == 200 and 'id="report-sent"' in sent.content.decode()
    report = TargetReport.objects.get(target=target)
    assert report.policy_id == target.policy_id and not report.resolved
    assert report.message == "基准年应为2005年" and report.email == "reader@example.org"
    assert target.text in report.target_text


def test_it_refuses_an_empty_message_and_unpublished_targets(client, target, draft_policy):
    assert client.post(f"/targets/{target.pk}/report/", {"message": ""}).status_code == 400
    from ccnt.tracker.models import Indicator, Target

    hidden = Target.objects.create(policy=draft_policy, indicator=Indicator.objects.get(code="other"),
                                   target_year=2025, text="新型储能装机达到100万千瓦")
    assert client.get(f"/targets/{hidden.pk}/report/").status_code == 404
    assert client.post(f"/targets/{hidden.pk}/report/", {"message": "x"}).status_code == 404
    assert not TargetReport.objects.exists()


def test_it_limits_reports_per_client(settings, target):
    caches = {alias: dict(config) for alias, config in settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = "test-" + uuid.uuid4().hex[:8]
    settings.CACHES = caches
    settings.CCNT_REPORT_RATE = "2/min"
    client = Client()
    url = f"/targets/{target.pk}/report/"
    assert [client.post(url, {"message": f"错误 {i}"}).status_code for i in range(2)] == [200, 200]
    refused = client.post(url, {"message": "错误 3"})
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert client.get(url).status_code == 200  # reading the form is not counted
    assert TargetReport.objects.count() == 2


def test_it_brings_the_policy_to_the_queue_until_resolved(client, curator, target):
    policy = target.policy
    queue = "/admin/tracker/policyforreview/"
    assert f"/admin/tracker/policyforreview/{policy.pk}/change/" not in curator.get(queue).content.decode()
    client.post(f"/targets/{target.pk}/report/", {"message": "数值应为65%"})
    reported = curator.get(queue, {"reports": "open"}).content.decode()
    assert f"/admin/tracker/policyforreview/{policy.pk}/change/" in reported
    change = curator.get(f"/admin/tracker/policy/{policy.pk}/change/").content.decode()
    assert "数值应为65%" in change
    report = TargetReport.objects.get(policy=policy)
    done = curator.post("/admin/tracker/targetreport/", {"action": "resolve", "_selected_action": [report.pk]})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.resolved and report.resolved_at is not None
    assert f"/admin/tracker/policyforreview/{policy.pk}/change/" not in curator.get(queue).content.decode()


def test_it_does_not_call_a_curator_verified_target_machine_extracted(client):
    from ccnt.tracker.insights import public_targets

    verified = public_targets().filter(verified=True).first()
    machine = public_targets().filter(verified=False).first()
    assert "已由编辑核实" in client.get(f"/targets/{verified.pk}/report/").content.decode()
    assert "由机器从原文提取" in client.get(f"/targets/{machine.pk}/report/").content.decode()
