"""The disk full while an original is archived, a report is written or a data release is made: a
clear error, no half-written file and no row.

A tiny tmpfs (root may mount one) filled to the last byte stands for the full disk; without the
permission to mount, the tests are skipped."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _mount_tmpfs(path: Path, size: str) -> bool:
    if os.geteuid() != 0:
        return False
    out = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    return out.returncode == 0


@pytest.fixture
def full_disk():
    """A 512 KiB tmpfs with every block taken."""
    path = Path(tempfile.mkdtemp(prefix="ccnt-fault-disk-"))
    if not _mount_tmpfs(path, "512k"):
        path.rmdir()
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        filler = path / "filler"
        with filler.open("wb", buffering=0) as handle:
            try:
                while True:
                    handle.write(b"\0" * 4096)
            except OSError as error:
                assert error.errno == errno.ENOSPC
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)
        path.rmdir()


def files_in(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and p.name != "filler"}


def test_an_original_is_not_archived_half_and_the_ingest_item_fails_clearly(full_disk, settings, tmp_path):
    from ccnt.ingest.archive import Archive
    from ccnt.tracker.models import Document, Policy

    with pytest.raises(OSError) as raised:
        Archive(full_disk / "archive").put(b"x" * 200_000)
    assert raised.value.errno == errno.ENOSPC
    assert files_in(full_disk) == set()

    settings.ARCHIVE_DIR = full_disk / "archive"
    source = tmp_path / "某市碳达峰实施方案.txt"
    source.write_text("某市碳达峰实施方案\n到2025年，单位地区生产总值能耗比2020年下降14%。\n" * 3000, encoding="utf-8")
    policies, documents = Policy.objects.count(), Document.objects.count()
    out = io.StringIO()
    with pytest.raises(CommandError, match="nothing could be ingested"):
        call_command("ingest", str(source), "--title", "某市碳达峰实施方案", "--json", stdout=out, stderr=io.StringIO())
    report = out.getvalue()
    assert "No space left on device" in report, report[-2000:]
    assert Policy.objects.count() == policies and Document.objects.count() == documents
    assert files_in(full_disk) == set()


def test_a_report_file_is_never_left_half_written(full_disk):
    from ccnt.reports.build import month_policies  # noqa: F401 - the app is importable

    target = full_disk / "report.md"
    month = _a_month_with_policies()
    with pytest.raises(CommandError) as raised:
        call_command("report", month, "--format", "md", "-o", str(target), stdout=io.StringIO(), stderr=io.StringIO())
    assert "No space left on device" in str(raised.value) or "磁盘" in str(raised.value)
    assert files_in(full_disk) == set()


def test_a_data_release_is_never_half_written_nor_recorded(full_disk, settings):
    from ccnt.feeds.models import DataRelease

    settings.CCNT_DOWNLOADS_DIR = full_disk / "downloads"
    releases = DataRelease.objects.count()
    with pytest.raises(CommandError) as raised:
        call_command("dump", stdout=io.StringIO())
    assert "No space left on device" in str(raised.value)
    assert DataRelease.objects.count() == releases
    with pytest.raises(CommandError):
        call_command("dump", "-o", str(full_disk / "mine.zip"), stdout=io.StringIO())
    assert files_in(full_disk) == set()


def test_a_report_download_still_answers_when_its_cache_cannot_be_written(full_disk, settings, client):
    from ccnt.reports.build import parse_month
    from ccnt.reports.drafts import generate_draft, publish
    from ccnt.reports.models import Report

    month = _a_month_with_policies()
    if not Report.objects.filter(month=parse_month(month), status="published").exists():
        publish(generate_draft(parse_month(month)))
    settings.VAR_DIR = full_disk
    response = client.get(f"/reports/{month}/report.docx")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert files_in(full_disk) == set()


def _a_month_with_policies() -> str:
    from ccnt.tracker.models import Policy

    dates = [d for pair in Policy.objects.public().values_list("published_date", "signed_date") for d in pair if d]
    return max(dates).strftime("%Y-%m")
