"""`ccnt backup DIR` / `ccnt restore DIR`: a restored instance holds the same data as the one
backed up — every table's row count and content checksum (policies and their versions, targets,
users, edit history, reports, tokens, saved searches …) and every archived original — and a
backup taken while a curator edits and a worker ingests restores to a consistent state.

Each test builds throwaway instances of the database this pass runs on (SQLite files, or
PostgreSQL databases created and dropped on the test server) and drives them through the `ccnt`
command in subprocesses, as an operator would.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from tests._ops_helpers import Instance, current_vendor

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # django_db: selects them for the PostgreSQL pass too

# tables the seed fills: the restore must bring each back with the same content
KEY_TABLES = ["auth_user", "auth_user_groups", "api_apitoken", "tracker_report", "tracker_policy",
              "tracker_policyversion", "tracker_target", "tracker_changerecord", "tracker_document",
              "search_policyindex", "django_migrations"]


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """Built once per module and copied by each test (a PostgreSQL migrate takes seconds):
    a migrated empty instance, and a seeded one."""
    root = tmp_path_factory.mktemp("ops-templates")
    migrated = Instance(root, "migrated", current_vendor())
    migrated.ccnt("migrate", "-v0")
    seeded = Instance(root, "seeded", current_vendor(), template=migrated)
    seeded.call("seed", 12)
    yield {"migrated": migrated, "seeded": seeded}
    migrated.drop()
    seeded.drop()


@pytest.fixture
def instances(tmp_path, templates):
    made: list[Instance] = []

    def make(name: str, like: str | None = None) -> Instance:
        instance = Instance(tmp_path, name, current_vendor(), template=templates[like] if like else None)
        made.append(instance)
        return instance

    yield make
    for instance in made:
        instance.drop()


@pytest.fixture
def source(instances):
    return instances("src", like="seeded")


def _snapshot(output: str) -> Path:
    return Path(output.split("backup written to ", 1)[1].split(":", 1)[0])


def test_a_restored_instance_has_every_table_and_original_of_the_backup(source, instances, tmp_path):
    started = time.perf_counter()
    result = source.ccnt("backup", str(tmp_path / "backups"))
    took = time.perf_counter() - started
    snapshot = _snapshot(result.stdout)
    assert snapshot.name.startswith("ccnt-backup-") and (snapshot / "manifest.json").is_file()
    manifest = json.loads((snapshot / "manifest.json").read_text())
    size = sum(f["size"] for f in manifest["files"].values())
    print(f"backup of {manifest['rows']} rows in {len(manifest['tables'])} tables and "
          f"{manifest['archive']['files']} originals: {size} bytes in {took:.2f}s ({current_vendor()})")
    for table in KEY_TABLES:
        assert manifest["tables"][table]["rows"] > 0, table
    if "alerts_savedsearch" in manifest["tables"]:
        assert manifest["tables"]["alerts_savedsearch"]["rows"] == 1
    assert manifest["archive"]["files"] == 12 and not manifest["archive"]["missing"]

    target = instances("dst")  # empty: no tables at all
    restored = target.ccnt("restore", str(tmp_path / "backups"))  # the folder: its newest backup
    assert "every checksum equal" in restored.stdout

    before, after = source.checksums(), target.checksums()
    assert set(before["tables"]) == set(after["tables"])
    for table, info in before["tables"].items():
        assert after["tables"][table] == info, table
    assert before["tables"] == {k: {kk: v[kk] for kk in ("model", "rows", "sha256")}
                                for k, v in manifest["tables"].items()}
    assert source.archive_hashes() == target.archive_hashes() and len(target.archive_hashes()) == 12
    assert target.call("consistency")["problems"] == []
    assert target.ccnt("restore", "--check", str(snapshot)).returncode == 0


def test_it_refuses_a_target_that_holds_data_unless_forced(source, tmp_path):
    snapshot = _snapshot(source.ccnt("backup", str(tmp_path / "b")).stdout)
    refused = source.ccnt("restore", str(snapshot), check=False)
    assert refused.returncode != 0
    assert "not empty" in refused.stderr and "tracker_policy" in refused.stderr
    forced = source.ccnt("restore", "--force", str(snapshot))
    assert "every checksum equal" in forced.stdout


def test_it_restores_into_a_freshly_migrated_instance(source, instances, tmp_path):
    snapshot = _snapshot(source.ccnt("backup", str(tmp_path / "b")).stdout)
    target = instances("migrated", like="migrated")  # groups and permissions only: still an empty instance
    assert "every checksum equal" in target.ccnt("restore", str(snapshot)).stdout
    assert target.checksums()["tables"] == source.checksums()["tables"]


def test_it_verifies_the_files_first_and_names_what_is_wrong(source, instances, tmp_path):
    snapshot = _snapshot(source.ccnt("backup", str(tmp_path / "b")).stdout)
    damaged = tmp_path / "damaged"
    shutil.copytree(snapshot, damaged)
    original = sorted((damaged / "archive").rglob("*"))[-1]
    original.write_bytes(original.read_bytes()[:-1] + b"!")
    target = instances("dst")
    result = target.ccnt("restore", str(damaged), check=False)
    assert result.returncode != 0
    assert f"archive/{original.relative_to(damaged / 'archive').as_posix()}" in result.stderr
    assert "nothing restored" in result.stderr
    assert not target.archive_hashes()  # untouched


def test_check_names_the_tables_that_changed_since_the_backup(source, tmp_path):
    snapshot = _snapshot(source.ccnt("backup", str(tmp_path / "b")).stdout)
    source.call("edit_one")
    result = source.ccnt("restore", "--check", str(snapshot), check=False)
    assert result.returncode != 0
    assert "table tracker_policy: content checksum differs" in result.stderr
    assert "tracker_changerecord" in result.stderr
    assert "tracker_target" not in result.stderr


def test_a_backup_taken_while_curators_edit_and_workers_ingest_restores_consistently(source, instances, tmp_path):
    stop = tmp_path / "stop"
    progress = Path(str(stop) + ".written")

    def written_so_far() -> int:
        text = progress.read_text() if progress.exists() else ""
        return int(text) if text.strip() else 0

    def wait_for_more_than(count: int) -> None:
        # events, not sleeps: on a busy machine the writer may take seconds to start
        for _ in range(2400):
            if written_so_far() > count:
                return
            time.sleep(0.05)

    writer = source.spawn("writer", str(stop))
    try:
        wait_for_more_than(0)  # the writer has committed a policy before the first backup
        backups = [_snapshot(source.ccnt("backup", str(tmp_path / "live")).stdout) for _ in range(2)]
        wait_for_more_than(max(written_so_far(), 5))  # and goes on writing after the last one
    finally:
        stop.write_text("stop")
        out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    written = json.loads(out.strip().splitlines()[-1])
    assert written["written"] > 5 and written["edits"] > 5
    for number, snapshot in enumerate(backups):
        target = instances(f"dst{number}")
        assert "every checksum equal" in target.ccnt("restore", str(snapshot)).stdout
        state = target.call("consistency")
        assert state["problems"] == [], state["problems"][:10]
        # taken mid-stream: more than the seed, fewer than the writer's final count
        assert 12 < state["policies"] < 12 + written["written"]
        assert state["documents"] == state["policies"]


def test_every_model_table_is_covered(db):
    from django.apps import apps
    from django.db import connection

    from ccnt.ops.backup import table_specs

    covered = {spec.table for spec in table_specs(connection)}
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.proxy:
            assert model._meta.db_table in covered, model._meta.label
    assert "django_migrations" in covered


def test_checksums_change_with_one_value_and_only_for_its_table(db):
    from django.db import connection

    from ccnt.ops.backup import database_checksums
    from ccnt.tracker.models import Jurisdiction

    before, _ = database_checksums(connection)
    again, _ = database_checksums(connection)
    assert before == again
    j = Jurisdiction.objects.order_by("pk").first()
    j.name = j.name + "（改）"
    j.save(update_fields=["name"])
    after, _ = database_checksums(connection)
    changed = {t for t in before if before[t] != after[t]}
    assert "tracker_jurisdiction" in changed
    assert changed <= {"tracker_jurisdiction", "tracker_changerecord", "search_policyindex", "search_policyterm",
                       "search_indexstate", "feeds_policyevent"}
