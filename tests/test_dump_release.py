"""`ccnt dump` records a dated data release that /downloads/ serves with its size and checksum,
and the next release's changelog lists the curators' corrections made in between."""

from __future__ import annotations

import hashlib

from django.core.management import call_command
from django.test import Client

from ccnt.feeds.models import DataRelease
from ccnt.tracker.history import record
from ccnt.tracker.models import Policy


def test_it_serves_dated_releases_with_size_checksum_and_corrections(db, tmp_path, settings):
    settings.CCNT_DOWNLOADS_DIR = tmp_path
    call_command("dump", "--note", "first")
    first = DataRelease.objects.get()
    assert first.changelog["first_release"] and first.counts["policies"] == Policy.objects.public().count()

    policy = Policy.objects.public().first()
    old = policy.title
    policy.title = old + "（修订）"
    policy.save()
    record(policy, None, "changed", {"title": [old, policy.title]})
    call_command("dump")
    second = DataRelease.objects.first()
    assert second.name == f"{first.name}-2"
    corrections = second.changelog["corrections"]
    assert [c["policy_id"] for c in corrections] == [policy.pk]
    assert corrections[0]["changes"]["title"] == [old, policy.title]

    client = Client()
    page = client.get("/downloads/").content.decode()
    assert second.sha256 in page and str(second.size) in page and second.filename in page
    assert f"#{policy.pk}" in page
    data = client.get("/downloads/?format=json").json()
    assert [r["name"] for r in data["releases"]] == [second.name, first.name]
    latest = client.get("/downloads/latest.zip")
    assert latest.status_code == 302 and latest["Location"].endswith(second.filename)
    download = client.get(f"/downloads/{second.filename}")
    body = b"".join(download.streaming_content)
    assert hashlib.sha256(body).hexdigest() == second.sha256 == download["X-Checksum-SHA256"]
    assert len(body) == second.size
    assert client.get("/downloads/ccnt-data-1999-01-01.zip").status_code == 404
