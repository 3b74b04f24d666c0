"""A digest goes out at most once per saved search and period (a day, an ISO week): the period's
row is committed before the email is sent. A refused email is retried; a run that died between
marking and sending loses that email but not its policies, which come in the next digest."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone

from ccnt.alerts.digests import period_key, send_digests
from ccnt.alerts.models import DigestDelivery, SavedSearch

from ._alerts_helpers import analyze, free_port, make_policy

pytestmark = pytest.mark.django_db


def _mid_period_now():
    """Now, or a quarter of an hour later when now is within ten minutes of the local day's end: a test
    that runs again "five minutes later" must stay in the same daily period (it failed at 23:55 in
    Beijing, 15:55 UTC)."""
    now = timezone.now()
    local = timezone.localtime(now)
    if local.hour == 23 and local.minute >= 50:
        return now + timedelta(minutes=15)
    return now


@pytest.fixture
def search():
    analyze()
    user = User.objects.create_user("r@example.org", "r@example.org", "Carbon-neutral-2060!")
    return SavedSearch.objects.create(user=user, name="储能", querystring="q=储能", frequency="daily",
                                      created_at=timezone.now())


def test_it_sends_one_digest_per_period(search):
    make_policy("某省储能实施方案（测试一）", "储能。")
    now = _mid_period_now()
    assert send_digests("daily", now=now).sent == [search.pk]
    make_policy("某省储能实施方案（测试二）", "储能。")
    again = send_digests("daily", now=now + timedelta(minutes=5))
    assert again.sent == [] and again.skipped == 1
    assert len(mail.outbox) == 1
    assert "测试一" in mail.outbox[0].body and "测试二" not in mail.outbox[0].body


def test_it_retries_a_digest_the_mail_server_refused(search, settings):
    make_policy("某省储能实施方案（测试三）", "储能。")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2  # nobody listens
    now = _mid_period_now()
    run = send_digests("daily", now=now)
    assert search.pk in run.failed
    delivery = DigestDelivery.objects.get(saved_search=search)
    assert delivery.status == "failed" and delivery.error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_digests("daily", now=now + timedelta(minutes=1)).sent == [search.pk]
    assert len(mail.outbox) == 1 and DigestDelivery.objects.get(saved_search=search).status == "sent"


def test_it_never_resends_a_claimed_period_but_keeps_its_policies(search):
    policy = make_policy("某省储能实施方案（测试四）", "储能。")
    now = timezone.now()
    # a run marked the period and died before the email left
    DigestDelivery.objects.create(saved_search=search, period=period_key("daily", now), status="sending",
                                  window_start=search.created_at, window_end=now)
    assert send_digests("daily", now=now).sent == []
    assert mail.outbox == []
    tomorrow = now + timedelta(days=1)
    assert send_digests("daily", now=tomorrow).sent == [search.pk]
    assert policy.title in mail.outbox[0].body


def test_it_sends_weekly_digests_once_per_iso_week(search):
    search.frequency = "weekly"
    search.save()
    make_policy("某省储能实施方案（测试五）", "储能。")
    now = timezone.now()
    assert send_digests("weekly", now=now).sent == [search.pk]
    make_policy("某省储能实施方案（测试六）", "储能。")
    assert send_digests("weekly", now=now).sent == []  # the same ISO week
    assert send_digests("daily", now=now).sent == []  # a weekly search is not in the daily run
    assert period_key("weekly", now) != period_key("weekly", now + timedelta(days=7))
    assert send_digests("weekly", now=now + timedelta(days=7)).sent == [search.pk]
    assert len(mail.outbox) == 2 and "测试六" in mail.outbox[1].body and "测试五" not in mail.outbox[1].body
