"""Throwaway ccnt instances for the backup / restore tests: each has its own var folder (archive)
and its own database — a SQLite file, or a PostgreSQL database created on the test server and
dropped afterwards — and is driven through the `ccnt` command in subprocesses, like a server.

The functions below the class run *inside* an instance (``Instance.call``): seeding, a writer
that keeps ingesting and editing, and the consistency check of a restored copy.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def current_vendor() -> str:
    from django.conf import settings

    return "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"


def _pg_admin():
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    return psycopg.connect(host=db.get("HOST") or "127.0.0.1", port=db.get("PORT") or 5432,
                           user=db.get("USER") or "postgres", password=db.get("PASSWORD") or None,
                           dbname="postgres", autocommit=True)


class Instance:
    def __init__(self, root: Path, name: str, vendor: str, template: Instance | None = None) -> None:
        """An empty instance, or a copy of ``template`` (its database and archive)."""
        self.vendor = vendor
        self.var = root / name
        self.var.mkdir(parents=True)
        self.dbname = ""
        if template is not None and template.archive.is_dir():
            shutil.copytree(template.archive, self.archive)
        if vendor == "sqlite":
            self.url = f"sqlite:///{self.var / 'ccnt.sqlite3'}"
            if template is not None:
                shutil.copyfile(template.var / "ccnt.sqlite3", self.var / "ccnt.sqlite3")
        else:
            from django.conf import settings

            db = settings.DATABASES["default"]
            self.dbname = f"ccnt_ops_{uuid.uuid4().hex[:10]}_{name}"
            clone = f' TEMPLATE "{template.dbname}"' if template is not None else ""
            with _pg_admin() as admin:
                admin.execute(f'CREATE DATABASE "{self.dbname}"{clone}')
            auth = db.get("USER") or "postgres"
            if db.get("PASSWORD"):
                auth += f":{db['PASSWORD']}"
            self.url = f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{self.dbname}"

    @property
    def archive(self) -> Path:
        return self.var / "archive"

    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CCNT_", "DJANGO_", "PYTEST"))}
        env.update({"CCNT_VAR_DIR": str(self.var), "DATABASE_URL": self.url,
                    "CCNT_EMBEDDINGS": "0",  # keyword-only, as the suite (tests/conftest.py)
                    # this tree's code first: an installed ccnt (another checkout's) must not answer
                    "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)]),
                    "DJANGO_SETTINGS_MODULE": "ccnt.settings"})
        return env

    def ccnt(self, *args: str, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess:
        result = subprocess.run([sys.executable, "-m", "ccnt.cli", *args], env=self.env(), cwd=REPO,
                                capture_output=True, text=True, timeout=timeout)
        if check and result.returncode:
            raise AssertionError(f"ccnt {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
        return result

    def call(self, function: str, *args, module: str = "_ops_helpers") -> object:
        """Run ``tests.<module>.<function>(*args)`` inside the instance; returns its JSON."""
        code = (f"import json, sys; from tests import {module} as h; "
                f"print(json.dumps(h.{function}(*json.loads(sys.argv[1]))))")
        result = subprocess.run([sys.executable, "-c", code, json.dumps(args)], env=self.env(), cwd=REPO,
                                capture_output=True, text=True, timeout=300)
        if result.returncode:
            raise AssertionError(f"{function} failed:\n{result.stdout}\n{result.stderr}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    def spawn(self, function: str, *args) -> subprocess.Popen:
        code = (f"import json, sys; from tests import _ops_helpers as h; "
                f"print(json.dumps(h.{function}(*json.loads(sys.argv[1]))), flush=True)")
        return subprocess.Popen([sys.executable, "-c", code, json.dumps(args)], env=self.env(), cwd=REPO,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def checksums(self) -> dict:
        return json.loads(self.ccnt("backup", "--print-checksums").stdout)

    def archive_hashes(self) -> dict[str, str]:
        import hashlib

        if not self.archive.is_dir():
            return {}
        return {p.relative_to(self.archive).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(self.archive.rglob("*")) if p.is_file() and not p.name.endswith(".tmp")}

    def drop(self) -> None:
        if self.vendor == "postgresql" and self.dbname:
            with _pg_admin() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)')


# --- run inside an instance -------------------------------------------------------------------

VERSIONS_PER_POLICY = 2
TARGETS_PER_VERSION = 3


def _setup():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ccnt.settings")
    django.setup()


def _indicator():
    from ccnt.tracker.models import Indicator

    indicator, _ = Indicator.objects.get_or_create(
        code="ops_energy_intensity",
        defaults={"name_zh": "单位地区生产总值能耗", "name_en": "Energy intensity", "unit_family": "%",
                  "better": "decrease", "aliases": ["能耗强度"]},
    )
    return indicator


def write_policy(number: int, archive, indicator, user=None, published: bool = False) -> int:
    """One ingest as the pipeline does it: the original into the archive first, then in one
    transaction the document, the policy, its versions and each version's targets."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from ccnt.tracker.models import ChangeRecord, Document, Policy, PolicyVersion, Target

    body = f"运维测试政策{number}：到2025年，单位地区生产总值能耗比2020年下降{number % 17 + 1}.5%。\n".encode()
    body += os.urandom(64)
    sha, relpath = archive.put(body)
    with transaction.atomic():
        document = Document.objects.create(sha256=sha, size=len(body), archive_path=relpath,
                                           media_type="text/plain", filename=f"ops-{number}.txt",
                                           page_metadata={"发文机关": "运维测试局", "n": number})
        policy = Policy.objects.create(title=f"运维测试政策{number}（备份）", review_state="published" if published else
                                       "needs_review", summary_zh=f"第{number}号 “引号” \\ 反斜杠 \u3000 全角")
        for v in range(1, VERSIONS_PER_POLICY + 1):
            text = f"版本{v}：到2025年，单位地区生产总值能耗比2020年下降{number % 17 + v}.5%。"
            version = PolicyVersion.objects.create(policy=policy, number=v, text=text, document=document,
                                                   extracted={"n": number, "v": v, "浮点": 0.1 + v})
            for t in range(TARGETS_PER_VERSION):
                Target.objects.create(policy=policy, version=version, order=t, indicator=indicator,
                                      target_year=2025 + t, value_low=number + t / 3, value_high=number + t / 3,
                                      unit="%", comparator=">=", base_year=2020, text=text[:10], start=0, end=10)
        ChangeRecord.objects.create(content_type=ContentType.objects.get_for_model(Policy), object_id=str(policy.pk),
                                    object_repr=policy.title[:300], user=user, action="created",
                                    changes={"title": [None, policy.title]}, note="ops")
    return policy.pk


def curator_edit(policy_id: int, user, round_: int) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from ccnt.tracker.models import ChangeRecord, Policy

    with transaction.atomic():
        policy = Policy.objects.select_for_update().get(pk=policy_id)
        old = policy.title
        policy.title = f"{old.split('·')[0]}·改{round_}"
        policy.save(update_fields=["title"])
        ChangeRecord.objects.create(content_type=ContentType.objects.get_for_model(Policy), object_id=str(policy.pk),
                                    object_repr=policy.title[:300], user=user, action="changed",
                                    changes={"title": [old, policy.title]})


def seed(n: int = 12) -> dict:
    """Users, a token, a report, a saved search (when the app is there), policies with versions,
    targets, documents in the archive and edit history."""
    _setup()
    import datetime as dt

    from django.apps import apps
    from django.contrib.auth.models import Group, User

    from ccnt.api.models import ApiToken
    from ccnt.ingest.archive import default_archive
    from ccnt.reports.models import Report

    user = User.objects.create_user("curator-ops", email="c@example.org", password="a-long-test-password-1",
                                    is_staff=True, first_name="编辑")
    if Group.objects.filter(name="curator").exists():
        user.groups.add(Group.objects.get(name="curator"))
    User.objects.create_superuser("admin-ops", "a@example.org", "another-long-password-2")
    ApiToken.create_with_key(name="备份测试 token", contact="t@example.org", rate="100/min")
    Report.objects.create(month=dt.date(2026, 10, 1), about="关于零碳录", content={"sections": [{"title": "能源"}]})
    try:
        saved = apps.get_model("alerts", "SavedSearch")
    except LookupError:
        saved = None
    if saved is not None:
        saved.objects.create(user=user, name="储能", querystring="q=储能&level=province")
    archive, indicator = default_archive(), _indicator()
    ids = [write_policy(i, archive, indicator, user, published=i % 3 == 0) for i in range(n)]
    for round_, pid in enumerate(ids[:5]):
        curator_edit(pid, user, round_)
    return {"policies": len(ids)}


def writer(stop_file: str, start: int = 1000) -> dict:
    """Ingest and edit until ``stop_file`` appears (a curator and a worker at once)."""
    _setup()
    import time

    from django.contrib.auth.models import User

    from ccnt.ingest.archive import default_archive
    from ccnt.tracker.models import Policy

    archive, indicator = default_archive(), _indicator()
    user = User.objects.get(username="curator-ops")
    existing = list(Policy.objects.values_list("pk", flat=True)[:20])
    written = edits = 0
    Path(stop_file + ".started").write_text("1")
    while not Path(stop_file).exists():
        write_policy(start + written, archive, indicator, user, published=written % 4 == 0)
        written += 1
        Path(stop_file + ".written").write_text(str(written))  # committed so far, for the test to wait on
        if existing:
            curator_edit(existing[written % len(existing)], user, written)
            edits += 1
        time.sleep(0.002)
    return {"written": written, "edits": edits, "policies": Policy.objects.count()}


def edit_one() -> dict:
    """One curator edit (the policy's title and its history record), nothing else."""
    _setup()
    from django.contrib.auth.models import User

    from ccnt.tracker.models import Policy

    pid = Policy.objects.filter(title__startswith="运维测试政策").order_by("pk").values_list("pk", flat=True).first()
    curator_edit(pid, User.objects.get(username="curator-ops"), 99)
    return {"policy": pid}


def consistency() -> dict:
    """Problems of a restored instance: incomplete ingests, dangling references (every foreign
    key of every model), documents whose original is missing or altered."""
    _setup()
    import hashlib

    from django.apps import apps
    from django.conf import settings
    from django.db.models import Count

    from ccnt.tracker.models import Document, Policy, PolicyVersion

    problems: list[str] = []
    ops = Policy.objects.filter(title__startswith="运维测试政策")
    for pid, n in ops.annotate(n=Count("versions")).values_list("pk", "n"):
        if n != VERSIONS_PER_POLICY:
            problems.append(f"policy {pid}: {n} versions")
    for vid, n in PolicyVersion.objects.filter(policy__in=ops).annotate(n=Count("targets")).values_list("pk", "n"):
        if n != TARGETS_PER_VERSION:
            problems.append(f"version {vid}: {n} targets")
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy:
            continue
        for f in model._meta.concrete_fields:
            if f.is_relation and (f.many_to_one or f.one_to_one):
                related = f.related_model
                dangling = (model._base_manager.exclude(**{f"{f.attname}__isnull": True})
                            .exclude(**{f"{f.attname}__in": related._base_manager.values(f.target_field.attname)}))
                count = dangling.count()
                if count:
                    problems.append(f"{model._meta.label}.{f.name}: {count} dangling")
    root = Path(settings.ARCHIVE_DIR)
    for sha, relpath in Document.objects.values_list("sha256", "archive_path"):
        path = root / relpath
        if not path.is_file():
            problems.append(f"document {sha[:12]}: original missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            problems.append(f"document {sha[:12]}: original altered")
    return {"problems": problems, "policies": ops.count(), "documents": Document.objects.count()}
