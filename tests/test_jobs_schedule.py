"""The scheduler's entries come from the Source rows' cron schedules, plus the daily and weekly
digests and the outbox relay; a bad schedule is skipped, not fatal."""

from __future__ import annotations

import io

import pytest
from celery.schedules import crontab
from django.core.management import call_command

from ccnt.ingest.models import Source
from ccnt.jobs.schedule import build_schedule, parse_cron

pytestmark = pytest.mark.django_db


def test_it_parses_cron_strings():
    assert parse_cron("30 2 * * 1-5") == crontab(minute="30", hour="2", day_of_week="1-5")
    assert parse_cron("@daily") == crontab(minute="0", hour="3")
    with pytest.raises(ValueError):
        parse_cron("every day")


def test_it_builds_the_schedule_from_the_sources():
    Source.objects.create(slug="nightly", name="nightly", schedule="15 1 * * *")
    Source.objects.create(slug="broken", name="broken", schedule="whenever")
    Source.objects.create(slug="off", name="off", schedule="0 * * * *", enabled=False)
    Source.objects.create(slug="manual", name="manual", schedule="")
    entries = build_schedule()
    nightly = Source.objects.get(slug="nightly")
    assert entries["crawl:nightly"]["task"] == "ccnt.crawl_source"
    assert entries["crawl:nightly"]["args"] == (nightly.pk,)
    assert entries["crawl:nightly"]["schedule"] == crontab(minute="15", hour="1")
    assert not {"crawl:broken", "crawl:off", "crawl:manual"} & set(entries)
    assert entries["digests-daily"]["args"] == ("daily",) and entries["digests-weekly"]["args"] == ("weekly",)
    assert entries["outbox-relay"]["task"] == "ccnt.relay_outbox"
    out = io.StringIO()
    call_command("scheduler", "--list", stdout=out)
    assert "crawl:nightly\tccnt.crawl_source" in out.getvalue()
