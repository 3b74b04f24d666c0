"""``ccnt check --data`` finds each broken invariant and exits non-zero; on the demo it passes."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from ccnt.ops.invariants import orphan_files, run_checks
from ccnt.search.models import PolicyIndex
from ccnt.tracker.models import Policy, Target

pytestmark = pytest.mark.django_db


def problems() -> dict[str, str]:
    return {p.check: p.render() for p in run_checks()}


@pytest.mark.usefixtures("whole_demo")
def test_it_passes_on_the_demo(capsys):
    call_command("check", "--data")
    assert "invariants hold" in capsys.readouterr().out


def test_it_reports_a_public_policy_without_an_index_row():
    policy = Policy.objects.public().first()
    PolicyIndex.objects.filter(policy_id=policy.pk).delete()
    found = problems()
    assert f"#{policy.pk}" in found["index"]
    assert "counts" in found  # the list and the API no longer agree with the home page
    with pytest.raises(CommandError):
        call_command("check", "--data")


def test_it_reports_a_public_policy_without_a_published_version():
    policy = Policy.objects.public().first()
    Policy.objects.filter(pk=policy.pk).update(published_version=None)
    assert f"#{policy.pk}" in problems()["published-version"]


def test_it_reports_a_target_whose_offsets_do_not_quote_its_text():
    target = Target.objects.filter(policy__isnull=False, start__isnull=False).first()
    Target.objects.filter(pk=target.pk).update(start=target.start + 1)
    assert f"target #{target.pk}" in problems()["offsets"]


def test_it_reports_and_removes_an_orphan_archived_file(tmp_path, settings, capsys):
    settings.ARCHIVE_DIR = tmp_path
    orphan = tmp_path / "ab" / "cd" / ("abcd" + "0" * 60)
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"left by a killed ingest")
    assert orphan in orphan_files()
    assert "archive" in problems()
    with pytest.raises(CommandError):  # the demo's rows now miss their files in this empty archive
        call_command("check", "--data", "--remove-orphans")
    assert "removed 1 orphan" in capsys.readouterr().out
    assert not orphan.exists()
