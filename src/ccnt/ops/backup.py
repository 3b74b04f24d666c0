"""Backup and restore: one consistent snapshot of the database, then the archive of originals,
and a manifest of checksums.

A snapshot folder ``ccnt-backup-YYYYMMDDTHHMMSSZ/`` holds

- ``database.sqlite3`` (SQLite's online backup API: one read transaction, so a writer working
  beside it — WAL — is neither blocked nor half-copied) or ``database.pgdump`` (``pg_dump -Fc``
  run on a snapshot exported by a REPEATABLE READ transaction, ``pg_export_snapshot()``);
- ``archive/ab/cd/<sha256>``: the archive of originals, copied *after* the database snapshot. The
  archive is content-addressed and a file is written before the row that names it commits, so
  every document the snapshot knows is in the copy (files added later are harmless extras);
- ``manifest.json`` (written last, so its presence marks a complete backup): size and sha256 of
  every file, and for every table of every model of every installed app (auto-created
  many-to-many tables included, plus ``django_migrations``) its row count and a content checksum
  — rows ordered by primary key, values serialised stably — read from the snapshot itself (the
  SQLite copy, or the exported PostgreSQL snapshot), so they describe exactly what was saved.

Restore verifies every file against the manifest before touching anything, refuses a target that
holds data (unless ``force``), loads the database (SQLite backup API / ``pg_restore``), copies the
archive (each file checked against its name and the manifest), then recomputes every table's
checksum and reports any mismatch by name.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

FORMAT = "ccnt-backup/1"
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
ARCHIVE = "archive"
PREFIX = "ccnt-backup-"
# Rows that `migrate` itself writes: a database holding only these is an empty instance.
MIGRATE_TABLES = {"django_migrations", "django_content_type", "auth_permission", "auth_group",
                  "auth_group_permissions"}
CHUNK = 2000
_SHA = re.compile(r"^[0-9a-f]{64}$")


class BackupError(Exception):
    pass


def _log(out: Callable[[str], None] | None, message: str) -> None:
    if out:
        out(message)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- table checksums ----------------------------------------------------------------------------


def _value(value) -> object:
    """A JSON-able, stable form of one database value (the same driver gives the same form)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return str(value)


@dataclass
class TableSpec:
    table: str
    model: str
    columns: list[str]
    pk: str


def table_specs(connection) -> list[TableSpec]:
    """Every table of every model of every installed app (proxies and tables that do not exist
    skipped; multi-table inheritance parents and auto-created m2m tables included), by name."""
    from django.apps import apps

    existing = set(connection.introspection.table_names())
    specs: dict[str, TableSpec] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or meta.db_table in specs or meta.db_table not in existing:
            continue
        columns = [f.column for f in meta.local_concrete_fields]
        specs[meta.db_table] = TableSpec(meta.db_table, meta.label, columns, meta.pk.column)
    if "django_migrations" in existing:
        specs["django_migrations"] = TableSpec("django_migrations", "migrations", ["id", "app", "name", "applied"], "id")
    return [specs[name] for name in sorted(specs)]


def table_checksum(connection, spec: TableSpec) -> tuple[int, str]:
    qn = connection.ops.quote_name
    sql = f"SELECT {', '.join(qn(c) for c in spec.columns)} FROM {qn(spec.table)} ORDER BY {qn(spec.pk)}"
    digest = hashlib.sha256(json.dumps(spec.columns).encode())
    rows = 0
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql)
        while batch := cursor.fetchmany(CHUNK):
            for row in batch:
                digest.update(json.dumps([_value(v) for v in row], ensure_ascii=False).encode())
                digest.update(b"\n")
            rows += len(batch)
    return rows, digest.hexdigest()


def database_checksums(connection) -> tuple[dict, dict]:
    """``({table: {model, rows, sha256}}, {other table: {rows}})`` for one connection."""
    tables = {}
    for spec in table_specs(connection):
        rows, sha = table_checksum(connection, spec)
        tables[spec.table] = {"model": spec.model, "rows": rows, "sha256": sha}
    covered = set(tables)
    other = {}
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for name in sorted(set(connection.introspection.table_names()) - covered):
            cursor.execute(f"SELECT COUNT(*) FROM {qn(name)}")
            other[name] = {"rows": cursor.fetchone()[0]}
    return tables, other


def non_empty_tables(connection) -> list[str]:
    """Tables holding rows other than what ``migrate`` writes (models' tables only)."""
    qn = connection.ops.quote_name
    found = []
    with connection.cursor() as cursor:
        for spec in table_specs(connection):
            if spec.table in MIGRATE_TABLES:
                continue
            cursor.execute(f"SELECT 1 FROM {qn(spec.table)} LIMIT 1")
            if cursor.fetchone():
                found.append(spec.table)
    return found


@contextmanager
def side_connection(settings_dict: dict, alias: str = "ccnt_ops"):
    """A Django connection of its own (not registered in ``connections``), closed on exit."""
    from django.db.utils import load_backend

    backend = load_backend(settings_dict["ENGINE"])
    conn = backend.DatabaseWrapper(settings_dict, alias)
    try:
        yield conn
    finally:
        conn.close()


def _sqlite_readonly_settings(path: Path) -> dict:
    from django.db import connections

    settings_dict = dict(connections["default"].settings_dict)
    settings_dict["NAME"] = f"{path.resolve().as_uri()}?mode=ro"
    settings_dict["OPTIONS"] = {"timeout": 20}  # no init_command: never turn the copy into WAL
    return settings_dict


# --- archive ------------------------------------------------------------------------------------


def archive_files(root: Path) -> list[Path]:
    """The archive's originals (relative paths), finished writes only (``.tmp`` are in flight)."""
    if not root.is_dir():
        return []
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file() and not p.name.endswith(".tmp"))


def copy_verified(source: Path, target: Path, expected: str | None = None) -> str:
    """Copy through a temporary file and rename; returns the sha256 of what was written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    digest = hashlib.sha256()
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            for block in iter(lambda: src.read(1 << 20), b""):
                digest.update(block)
                out.write(block)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        if expected is not None and sha != expected:
            raise BackupError(f"{source}: sha256 {sha} differs from {expected}")
        os.replace(tmp, target)
        return sha
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- backup -------------------------------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    timings: dict = field(default_factory=dict)

    @property
    def size(self) -> int:
        return sum(f["size"] for f in self.manifest["files"].values())


def _pg_env(settings_dict: dict) -> dict:
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    options = settings_dict.get("OPTIONS") or {}
    if options.get("sslmode"):
        env["PGSSLMODE"] = options["sslmode"]
    return env


def _pg_tool(name: str, server_version: int) -> str:
    """``pg_dump`` / ``pg_restore`` of the server's major version (Debian keeps each in its folder)."""
    major = server_version // 10000
    for candidate in (f"/usr/lib/postgresql/{major}/bin/{name}", shutil.which(name)):
        if candidate and Path(candidate).exists():
            out = subprocess.run([candidate, "--version"], capture_output=True, text=True).stdout
            found = re.search(r"(\d+)(?:\.\d+)?", out)
            if found and int(found.group(1)) >= major:
                return candidate
    raise BackupError(f"{name} for PostgreSQL {major} (or newer) is not installed (postgresql-client-{major})")


def _snapshot_sqlite(connection, target: Path) -> None:
    name = str(connection.settings_dict["NAME"])
    in_memory = connection.is_in_memory_db() if hasattr(connection, "is_in_memory_db") else name == ":memory:"
    dest = sqlite3.connect(target)
    try:
        if in_memory:  # a test database lives in this process only: copy from its own connection
            connection.ensure_connection()
            connection.connection.backup(dest)
        else:
            source = sqlite3.connect(f"{Path(name).resolve().as_uri()}?mode=ro", uri=True, timeout=30)
            try:
                source.backup(dest)  # pages=-1: the whole database in one step, one read transaction
            finally:
                source.close()
        dest.execute("PRAGMA journal_mode=DELETE")  # a self-contained file, no -wal beside it
    finally:
        dest.close()


def backup(dest: str | Path, *, include_archive: bool = True, out: Callable[[str], None] | None = None,
           using: str = "default") -> BackupResult:
    from django.conf import settings
    from django.db import connections

    connection = connections[using]
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    root = Path(dest)
    root.mkdir(parents=True, exist_ok=True)
    final = root / f"{PREFIX}{stamp}"
    suffix = 1
    while final.exists():
        suffix += 1
        final = root / f"{PREFIX}{stamp}-{suffix}"
    work = root / f".{final.name}.partial"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    timings: dict[str, float] = {}
    manifest: dict = {
        "format": FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "host": socket.gethostname(),
        "ccnt_version": _version(),
        "database": {"vendor": connection.vendor},
    }
    try:
        started = time.perf_counter()
        if connection.vendor == "sqlite":
            db_file = work / SQLITE_FILE
            _snapshot_sqlite(connection, db_file)
            timings["snapshot_s"] = time.perf_counter() - started
            _log(out, f"database snapshot: {db_file.stat().st_size} bytes in {timings['snapshot_s']:.2f}s")
            started = time.perf_counter()
            with side_connection(_sqlite_readonly_settings(db_file)) as snap:
                tables, other = database_checksums(snap)
                manifest["database"]["server_version"] = sqlite3.sqlite_version
            timings["checksums_s"] = time.perf_counter() - started
        elif connection.vendor == "postgresql":
            db_file = work / PG_FILE
            settings_dict = dict(connection.settings_dict)
            with side_connection(settings_dict) as snap:
                snap.ensure_connection()
                snap.set_autocommit(False)
                with snap.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version_num')::int")
                    snapshot_id, server_version = cursor.fetchone()
                dump = subprocess.Popen(
                    [_pg_tool("pg_dump", server_version), "-Fc", "--no-owner", "--no-privileges",
                     f"--snapshot={snapshot_id}", "-f", str(db_file), "-d", settings_dict["NAME"]],
                    env=_pg_env(settings_dict), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                )
                # checksums in the exported snapshot itself, while pg_dump reads the same one
                tables, other = database_checksums(snap)
                timings["checksums_s"] = time.perf_counter() - started
                _, stderr = dump.communicate()
                snap.rollback()
                if dump.returncode:
                    raise BackupError(f"pg_dump failed: {stderr.decode('utf-8', 'replace').strip()[:500]}")
            manifest["database"]["server_version"] = server_version
            timings["snapshot_s"] = time.perf_counter() - started
            _log(out, f"database snapshot (pg_dump -Fc): {db_file.stat().st_size} bytes in {timings['snapshot_s']:.2f}s")
        else:
            raise BackupError(f"backup of {connection.vendor} databases is not supported")
        manifest["database"]["file"] = db_file.name
        manifest["tables"] = tables
        manifest["other_tables"] = other
        manifest["rows"] = sum(t["rows"] for t in tables.values())

        # the archive after the snapshot: every original the snapshot names is already written
        started = time.perf_counter()
        archive_root = Path(settings.ARCHIVE_DIR)
        copied = archive_files(archive_root) if include_archive else []
        files: dict[str, dict] = {}
        for rel in copied:
            expected = rel.name if _SHA.match(rel.name) else None
            sha = copy_verified(archive_root / rel, work / ARCHIVE / rel, expected)
            files[f"{ARCHIVE}/{rel.as_posix()}"] = {"size": (work / ARCHIVE / rel).stat().st_size, "sha256": sha}
        timings["archive_s"] = time.perf_counter() - started
        missing = _missing_originals(work, db_file, connection.vendor, {Path(k).name for k in files}) \
            if include_archive else []
        manifest["archive"] = {"included": include_archive, "files": len(copied),
                               "bytes": sum(f["size"] for f in files.values()), "missing": missing}
        _log(out, f"archive: {len(copied)} files, {manifest['archive']['bytes']} bytes in {timings['archive_s']:.2f}s")
        if missing:
            _log(out, f"warning: {len(missing)} document(s) name an original missing from the archive: "
                      + ", ".join(missing[:5]))
        files[db_file.name] = {"size": db_file.stat().st_size, "sha256": file_sha256(db_file)}
        manifest["files"] = dict(sorted(files.items()))
        manifest["timings"] = {k: round(v, 3) for k, v in timings.items()}
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        os.replace(work, final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return BackupResult(final, manifest, timings)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ccnt")
    except PackageNotFoundError:
        return ""


def _missing_originals(work: Path, db_file: Path, vendor: str, present: set[str]) -> list[str]:
    """Documents of the snapshot whose original is not in the copied archive (SQLite: read from
    the copy; PostgreSQL: checked by the restore, which has the rows)."""
    if vendor != "sqlite":
        return []
    try:
        db = sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = db.execute("SELECT sha256 FROM tracker_document").fetchall()
        finally:
            db.close()
    except sqlite3.Error:
        return []
    return sorted(sha for (sha,) in rows if sha and sha not in present)


# --- restore ------------------------------------------------------------------------------------


def find_snapshot(path: str | Path) -> Path:
    """``path`` itself when it holds a manifest, else its newest complete ``ccnt-backup-*``."""
    path = Path(path)
    if (path / MANIFEST).is_file():
        return path
    candidates = sorted(p for p in path.glob(f"{PREFIX}*") if (p / MANIFEST).is_file()) if path.is_dir() else []
    if not candidates:
        raise BackupError(f"no backup in {path} (no {MANIFEST})")
    return candidates[-1]


def load_manifest(snapshot: Path) -> dict:
    try:
        manifest = json.loads((snapshot / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"unreadable manifest in {snapshot}: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r} (expected {FORMAT})")
    return manifest


def verify_files(snapshot: Path, manifest: dict) -> list[str]:
    """Problems with the snapshot's files, by name: missing, wrong size, wrong checksum."""
    problems = []
    for name, info in manifest["files"].items():
        path = snapshot / name
        if not path.is_file():
            problems.append(f"{name}: missing")
        elif path.stat().st_size != info["size"]:
            problems.append(f"{name}: size {path.stat().st_size}, manifest says {info['size']}")
        elif file_sha256(path) != info["sha256"]:
            problems.append(f"{name}: sha256 differs from the manifest")
    return problems


def compare_tables(manifest: dict, tables: dict, other: dict) -> list[str]:
    problems = []
    for name, want in manifest["tables"].items():
        got = tables.get(name)
        if got is None:
            problems.append(f"table {name}: missing after restore")
        elif got["rows"] != want["rows"]:
            problems.append(f"table {name}: {got['rows']} rows, backup has {want['rows']}")
        elif got["sha256"] != want["sha256"]:
            problems.append(f"table {name}: content checksum differs")
    for name, want in manifest.get("other_tables", {}).items():
        got = other.get(name)
        if got is not None and got["rows"] != want["rows"]:
            problems.append(f"table {name}: {got['rows']} rows, backup has {want['rows']}")
    return problems


def verify_archive(archive_root: Path, manifest: dict) -> list[str]:
    problems = []
    for name, info in manifest["files"].items():
        if not name.startswith(ARCHIVE + "/"):
            continue
        path = archive_root / name[len(ARCHIVE) + 1:]
        if not path.is_file():
            problems.append(f"{name}: missing from the archive")
        elif file_sha256(path) != info["sha256"]:
            problems.append(f"{name}: sha256 differs in the archive")
    return problems


@dataclass
class RestoreResult:
    snapshot: Path
    manifest: dict
    problems: list[str]
    timings: dict = field(default_factory=dict)


def check(snapshot_dir: str | Path, using: str = "default") -> RestoreResult:
    """Compare the live database and archive with a backup, changing nothing."""
    from django.conf import settings
    from django.db import connections

    snapshot = find_snapshot(snapshot_dir)
    manifest = load_manifest(snapshot)
    tables, other = database_checksums(connections[using])
    problems = compare_tables(manifest, tables, other) + verify_archive(Path(settings.ARCHIVE_DIR), manifest)
    return RestoreResult(snapshot, manifest, problems)


def restore(snapshot_dir: str | Path, *, force: bool = False, out: Callable[[str], None] | None = None,
            using: str = "default") -> RestoreResult:
    from django.conf import settings
    from django.db import connections

    connection = connections[using]
    snapshot = find_snapshot(snapshot_dir)
    manifest = load_manifest(snapshot)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    problems = verify_files(snapshot, manifest)
    timings["verify_s"] = time.perf_counter() - started
    if problems:
        raise BackupError("the backup does not match its manifest, nothing restored:\n  " + "\n  ".join(problems))
    _log(out, f"backup {snapshot.name}: {len(manifest['files'])} files verified in {timings['verify_s']:.2f}s")
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"the backup is of a {vendor} database; this instance uses {connection.vendor}")
    existing = set(connection.introspection.table_names())
    if existing:
        busy = non_empty_tables(connection)
        if busy and not force:
            raise BackupError("the target database is not empty (" + ", ".join(busy[:12])
                              + (" …" if len(busy) > 12 else "") + "); restore into an empty instance or use --force")

    # the archive first: content-addressed, so extra files are harmless if the database step fails
    started = time.perf_counter()
    archive_root = Path(settings.ARCHIVE_DIR)
    copied = 0
    for name, info in manifest["files"].items():
        if name.startswith(ARCHIVE + "/"):
            target = archive_root / name[len(ARCHIVE) + 1:]
            if not (target.is_file() and file_sha256(target) == info["sha256"]):
                copy_verified(snapshot / name, target, info["sha256"])
                copied += 1
    timings["archive_s"] = time.perf_counter() - started
    _log(out, f"archive: {copied} files copied in {timings['archive_s']:.2f}s")

    started = time.perf_counter()
    db_file = snapshot / manifest["database"]["file"]
    if vendor == "sqlite":
        _restore_sqlite(connection, db_file)
    else:
        _restore_postgresql(connection, db_file, bool(existing))
    timings["database_s"] = time.perf_counter() - started
    _log(out, f"database: restored in {timings['database_s']:.2f}s")

    started = time.perf_counter()
    connection.close()
    tables, other = database_checksums(connection)
    problems = compare_tables(manifest, tables, other) + verify_archive(archive_root, manifest)
    timings["check_s"] = time.perf_counter() - started
    return RestoreResult(snapshot, manifest, problems, timings)


def _restore_sqlite(connection, db_file: Path) -> None:
    name = str(connection.settings_dict["NAME"])
    connection.close()
    source = sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True)
    try:
        if connection.is_in_memory_db():
            connection.ensure_connection()
            source.backup(connection.connection)
        else:
            Path(name).parent.mkdir(parents=True, exist_ok=True)
            dest = sqlite3.connect(name, timeout=30)
            try:
                source.backup(dest)  # replaces every page of the target, in one transaction
            finally:
                dest.close()
    finally:
        source.close()


def _restore_postgresql(connection, db_file: Path, has_tables: bool) -> None:
    settings_dict = dict(connection.settings_dict)
    connection.ensure_connection()
    server_version = connection.pg_version
    connection.close()
    command = [_pg_tool("pg_restore", server_version), "--no-owner", "--no-privileges", "--exit-on-error",
               "--single-transaction", "-d", settings_dict["NAME"]]
    if has_tables:  # e.g. a freshly migrated instance: drop the dump's objects first
        command += ["--clean", "--if-exists"]
    result = subprocess.run([*command, str(db_file)], env=_pg_env(settings_dict), capture_output=True)
    if result.returncode:
        raise BackupError(f"pg_restore failed: {result.stderr.decode('utf-8', 'replace').strip()[:800]}")
