"""Shared fixtures. Each test database gets the reference data and a small named set of demo
policies once per session (``django_db_setup``); a test that needs the whole demo asks for
``whole_demo``. Each test runs in a transaction that is rolled back. Passwords are hashed
with MD5 in tests."""

from __future__ import annotations

import fcntl
import gc
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import pytest

# The search and export limits (ccnt.ops.ratelimit) out of the way of tests that search or download
# many times — also in the servers and workers tests start as subprocesses; the rate-limit tests set
# small rates of their own.
TEST_PAGE_RATE = "100000/min"
os.environ.setdefault("CCNT_SEARCH_RATE", TEST_PAGE_RATE)
os.environ.setdefault("CCNT_EXPORT_RATE", TEST_PAGE_RATE)
os.environ.setdefault("CCNT_REPORT_RATE", TEST_PAGE_RATE)
# Meaning search off in the suite and in the servers, workers and demo builds it starts: keyword-only,
# nothing embedded (embedding the demo takes minutes; CI does it once, in `make check-data`). The
# tests of embedding turn it on for themselves (``settings.CCNT_EMBEDDINGS = True``, the real model).
os.environ["CCNT_EMBEDDINGS"] = "0"


def _embeddings_off_here() -> None:
    """pytest-django may have read the settings before this file ran: off there too."""
    from django.conf import settings

    if settings.configured:
        settings.CCNT_EMBEDDINGS = False


_embeddings_off_here()


def _share_the_parse_cache() -> None:
    """The instances tests start in child processes (the load test's and the benchmarks' demo
    builds, backups, workers) each get a throwaway runtime folder; their parse cache is this
    run's (``var/cache/parse``, kept between runs: it is keyed by the bytes and the parser's
    source), so none of them parses the corpus again. Rejected: a cache per throwaway folder,
    cold every time — a minute of PDF parsing for each demo a child process builds."""
    from ccnt.paths import parse_cache_dir

    os.environ.setdefault("CCNT_PARSE_CACHE_DIR", str(parse_cache_dir()))


_share_the_parse_cache()


# The cyclic garbage collector, tuned for a test process: its young generation is collected every
# 10 000 allocations (not 700) and what the process holds for good — the modules, settings and URL
# maps after collection, the test database's loaded data (``django_db_setup``) — is frozen out of
# its scans (``gc.freeze``). A full collection walked every object the process had ever kept, about
# 0.2 s each, dozens of times a worker: a fifth of the CPU of the page-rendering tests went to the
# collector. Tests only (a server keeps Python's defaults); memory grows by what a few thousand
# allocations leave in cycles. Rejected: ``gc.disable()``, which lets a long run's cycles pile up.
GC_YOUNG_THRESHOLD = 10_000


def _freeze_what_the_process_keeps() -> None:
    gc.collect()
    gc.freeze()


def pytest_collection_finish(session):
    gc.set_threshold(GC_YOUNG_THRESHOLD, 20, 20)
    _freeze_what_the_process_keeps()


@pytest.fixture(autouse=True)
def _generous_page_rates(settings):
    settings.CCNT_SEARCH_RATE = TEST_PAGE_RATE
    settings.CCNT_EXPORT_RATE = TEST_PAGE_RATE
    settings.CCNT_REPORT_RATE = TEST_PAGE_RATE


@pytest.fixture(autouse=True)
def _empty_process_cache(settings):
    """Each test starts with an empty cache. The database cache was emptied by each test's
    rollback; a per-process cache outlives it, and a value computed inside one test's rolled-back
    transaction must not reach the next."""
    from django.core.cache import caches

    for alias, config in settings.CACHES.items():  # the page cache and the per-process counters
        if config["BACKEND"].endswith("LocMemCache"):
            caches[alias].clear()


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """Tests hash passwords with MD5: the production PBKDF2 costs ~0.4 s of CPU per user made or
    logged in, which the suite pays hundreds of times. Tests only (settings.py keeps PBKDF2);
    servers that tests start as subprocesses hash with the production hasher."""
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def _static_files_found_on_request():
    """WhiteNoise finds a static file when it is asked for (its ``autorefresh``, as under
    ``runserver``), instead of listing and stat-ing every static file each time a test client
    builds its middleware — a few hundred times a run. Tests only: a test's client asks for a
    static file rarely, never for its cache headers (``ccnt serve --prod``'s test checks those on
    the production server)."""
    from django.test.utils import override_settings

    with override_settings(WHITENOISE_AUTOREFRESH=True):
        yield


# The small named set of demo policies every database test finds: the eight with a corpus text and
# hand-made gold targets, and a few that tests look up by title (two with their original PDF).
NAMED_POLICIES = (
    "2030年前碳达峰行动方案", "上海市碳达峰实施方案", "城乡建设领域碳达峰实施方案", "宁夏回族自治区碳达峰实施方案",
    "安徽省碳达峰实施方案", "江苏省碳达峰实施方案", "甘肃省碳达峰实施方案", "贵州省碳达峰实施方案",
    "天津市碳达峰实施方案", "工业领域碳达峰实施方案", "河南省工业领域碳达峰实施方案",
    "江苏省工业领域及重点行业碳达峰实施方案", "江苏省2022年推动碳达峰碳中和工作计划",
)


def load_named_policies(keys=NAMED_POLICIES) -> None:
    """Reference data, the named demo policies (through the demo's own loaders, originals
    included) and the demo's actors: what ``ccnt demo`` makes, for these policies only."""
    from ccnt.actors.loaders import ActorLoader
    from ccnt.search.index import deferred as deferred_indexing
    from ccnt.tracker.loaders.corpus import CorpusIngest
    from ccnt.tracker.loaders.demo import DemoLoader
    from ccnt.tracker.loaders.reference import load_all

    load_all()
    loader = DemoLoader()
    items = [item for item in loader.data["policies"] if item["key"] in keys]
    missing = set(keys) - {item["key"] for item in items}
    assert not missing, f"not demo policies: {sorted(missing)}"
    loader.data = {**loader.data, "policies": items}
    with deferred_indexing():  # one search reindex at the end, as `ccnt demo` does
        report = loader.run()
        CorpusIngest(items).run()
    assert not report.problems, report.problems
    ActorLoader().run()


def _run_dir(tmp_path_factory) -> Path | None:
    """The folder the pytest-xdist workers of this run share (None without xdist: nothing to share)."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return None
    return tmp_path_factory.getbasetemp().parent


@contextmanager
def _exclusive(lock: Path):
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _without_migrate():
    """``create_test_db`` with its ``migrate`` skipped: the database is about to be replaced by a
    copy of one that was migrated already."""
    from unittest import mock

    from django.core import management

    real = management.call_command

    def call_command(name, *args, **kwargs):
        if name != "migrate":
            return real(name, *args, **kwargs)
        return None

    with mock.patch.object(management, "call_command", call_command):
        yield


class SharedDatabase:
    """One database state built once a run and copied into each pytest-xdist worker's test
    database: a SQLite file in the run's shared folder (copied with sqlite3's backup API), or a
    PostgreSQL template database (``CREATE DATABASE … TEMPLATE …``, a file copy on the server).

    Invariant: the copy holds exactly the rows the builder's database held when it was saved,
    so a worker that copies runs its tests on the same data as the one that built it; a worker
    that finds no saved state (no xdist, a failed save) builds its own as before. Rejected:
    building the state in every worker (what the suite did: two workers paying the same minutes
    of CPU on two cores), and a cache kept between runs (it would outlive a changed migration,
    loader or data file)."""

    def __init__(self, run_dir: Path, name: str) -> None:
        self.file = run_dir / f"{name}.sqlite3"
        self.marker = run_dir / f"{name}.pg"
        self.lock = run_dir / f"{name}.lock"
        uid = os.environ.get("PYTEST_XDIST_TESTRUNUID", "run")[:12]
        self.template = f"ccnt_tpl_{name}_{uid}"

    @staticmethod
    def vendor() -> str:
        from django.db import connection

        return connection.vendor

    def saved(self) -> bool:
        return self.marker.exists() if self.vendor() == "postgresql" else self.file.exists()

    def save(self) -> None:
        """Keep the current test database's state for the other workers (their builder holds
        ``lock``). On PostgreSQL a template needs its source without connections: if another is
        still open (a live server's), nothing is saved and the other workers build their own."""
        from django.db import DatabaseError, connection

        if self.vendor() == "sqlite":
            connection.ensure_connection()
            partial = self.file.with_suffix(".partial")
            target = sqlite3.connect(partial)
            connection.connection.backup(target)
            target.close()
            partial.replace(self.file)
            return
        name = connection.settings_dict["NAME"]
        connection.close()
        try:
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.template}"')
                cursor.execute(f'CREATE DATABASE "{self.template}" TEMPLATE "{name}"')
        except DatabaseError:
            return
        self.marker.write_text(self.template)

    def restore_sqlite(self) -> None:
        from django.db import connection

        connection.ensure_connection()
        source = sqlite3.connect(self.file)
        source.backup(connection.connection)
        source.close()

    def replace_postgresql(self) -> None:
        """This worker's test database dropped and made again from the template (same name, so
        Django's teardown still drops it)."""
        from django.db import connection

        name = connection.settings_dict["NAME"]
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        connection.ensure_connection()

    def drop(self) -> None:
        """The template gone at the end of the builder's session (under ``lock``: no worker is
        copying it then; one that comes later finds no marker and builds its own)."""
        from django.db import connection

        if self.vendor() != "postgresql" or not self.marker.exists():
            return
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')
        self.marker.unlink(missing_ok=True)


def _setup_databases(request, *, migrate: bool = True, keepdb: bool = False):
    from django.test.utils import setup_databases
    from pytest_django.fixtures import _get_databases_for_setup

    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    kwargs = {"verbosity": request.config.option.verbose, "interactive": False, "keepdb": keepdb,
              "aliases": aliases, "serialized_aliases": serialized_aliases}
    if migrate:
        return setup_databases(**kwargs)
    with _without_migrate():
        return setup_databases(**kwargs)


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, django_db_modify_db_settings,
                    django_db_keepdb, django_db_use_migrations, tmp_path_factory):
    """The test database: migrated, with the reference data and the named policies — built once a
    run and copied into the other pytest-xdist worker (``SharedDatabase``) instead of each worker
    migrating and loading its own. A test that needs the whole demo says so with ``whole_demo``
    (below). Rejected: the whole demo for every run — two to three minutes of loading before the
    first test, for the few dozen tests that read it. Without the shared corpus the database
    tests skip: their data would lack its texts. ``--reuse-db`` and ``--no-migrations`` fall back
    to pytest-django's own setup."""
    from django.db import connection
    from django.test.utils import teardown_databases

    from ccnt.paths import corpus_dir
    from tests._corpus import require_corpus

    require_corpus(corpus_dir() / "dual-carbon")  # the named policies' texts and originals
    run_dir = _run_dir(tmp_path_factory)
    if django_db_keepdb or not django_db_use_migrations:
        run_dir = None  # pytest-django's options keep their meaning; nothing shared
    shared = SharedDatabase(run_dir, "base") if run_dir else None
    built = False
    background = None
    with django_db_blocker.unblock():
        if shared is None:
            if not django_db_use_migrations:
                from pytest_django.fixtures import _disable_migrations

                _disable_migrations()  # --no-migrations: tables from the models, as pytest-django does
            db_cfg = _setup_databases(request, keepdb=django_db_keepdb)
            load_named_policies()
        else:
            with _exclusive(shared.lock):
                if shared.saved():
                    if connection.vendor == "postgresql":
                        connection.settings_dict["TEST"]["TEMPLATE"] = shared.template
                    try:
                        db_cfg = _setup_databases(request, migrate=False)
                    finally:
                        connection.settings_dict["TEST"].pop("TEMPLATE", None)
                    if connection.vendor == "sqlite":
                        shared.restore_sqlite()
                else:
                    db_cfg = _setup_databases(request)
                    load_named_policies()
                    shared.save()
                    built = True
                    background = _start_whole_demo(request, run_dir, shared)
    _freeze_what_the_process_keeps()
    yield
    with django_db_blocker.unblock():
        if background is not None:
            with _exclusive(SharedDatabase(run_dir, "whole_demo").lock):
                background.stop()
        if built:
            with _exclusive(shared.lock):
                shared.drop()
        if not django_db_keepdb:
            teardown_databases(db_cfg, verbosity=request.config.option.verbose)


def _background_demo(run_dir: Path):
    from tests._demo_background import BackgroundDemo

    whole = SharedDatabase(run_dir, "whole_demo")
    return BackgroundDemo(run_dir, "whole_demo", whole.file, whole.marker, whole.template)


def _start_whole_demo(request, run_dir: Path, base: SharedDatabase):
    """When this run has tests that need the whole demo, start building it in a child process
    from the state just saved (``tests/_demo_background.py``); None otherwise."""
    if not base.saved() or not any("whole_demo" in getattr(item, "fixturenames", ())
                                   for item in request.session.items):
        return None
    background = _background_demo(run_dir)
    background.start(base.file, base.template)
    return background


# in-memory sqlite3 copies of the test database (SQLite only): "whole_demo" right after the whole
# demo was loaded, "site" with the monthly reports published too
_COPIES: dict[str, sqlite3.Connection] = {}


def _copy_database(name: str) -> None:
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        _COPIES[name] = copy


def _restore_database(name: str) -> bool:
    from django.db import connection

    if connection.vendor != "sqlite" or name not in _COPIES:
        return False
    connection.ensure_connection()
    _COPIES[name].backup(connection.connection)
    return True


@pytest.fixture(scope="session")
def whole_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo (``ccnt demo`` without the monthly reports), loaded once, on first use, and
    committed: a session fixture is set up before the test's transaction begins.

    Tests that use it are marked ``slow`` and run after the others of their kind
    (``pytest_collection_modifyitems``), so a test without it never passes only because an
    earlier test loaded the demo. Under pytest-xdist it is built in a child process from the
    start of the run (``tests/_demo_background.py``) and copied into each worker that needs it
    (``SharedDatabase``: a file on SQLite, a template database on PostgreSQL); when there is no
    such build, the first worker to need it loads it and saves it for the other. Rejected: ``--dist loadgroup`` with an
    ``xdist_group`` (one worker for these tests), which pytest-xdist 3.8 no longer applies under
    pytest 9 (it renames the node ids through an attribute pytest 9 no longer reads)."""
    from django.core.management import call_command
    from django.db import connection

    def load() -> None:
        call_command("demo", "--no-migrate", "--no-reports", verbosity=0)

    run_dir = _run_dir(tmp_path_factory)
    shared = SharedDatabase(run_dir, "whole_demo") if run_dir else None
    built = False
    with django_db_blocker.unblock():
        if shared is None:
            load()
        else:
            with _exclusive(shared.lock):
                if not shared.saved() and _background_demo(run_dir).finish():
                    built = True  # this worker took over the child's build: it drops it at the end
                if not shared.saved():
                    load()
                    shared.save()
                    built = True
                elif connection.vendor == "sqlite":
                    shared.restore_sqlite()
                else:
                    shared.replace_postgresql()
        _copy_database("whole_demo")
    yield
    if built:
        with django_db_blocker.unblock(), _exclusive(shared.lock):
            shared.drop()


@contextmanager
def rows_for_module(django_db_blocker):
    """Rows a module's tests share, made once inside an atomic block that is rolled back after the
    module's last test. Each test's own transaction nests in it (a savepoint), as in Django's
    ``TestCase.setUpTestData``, so what a test writes is still undone before the next; tests get
    fresh instances read by primary key (``refetched``), never the objects another test changed in
    memory. Rejected: making the rows again for each test (a tenth to half a second of inserts and
    signals per test, for modules of a dozen tests that only read them)."""
    from django.db import transaction

    with django_db_blocker.unblock():
        block = transaction.atomic()
        block.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            block.__exit__(None, None, None)


def refetched(rows: dict) -> dict:
    return {key: type(row).objects.get(pk=row.pk) for key, row in rows.items()}


@pytest.fixture(scope="module")
def month_rows(django_db_setup, django_db_blocker):
    """The monthly report's test policies (tests/_report_helpers.py), made once a module."""
    from _report_helpers import create_month_policies

    with rows_for_module(django_db_blocker):
        yield create_month_policies()


@pytest.fixture
def month_policies(db, month_rows):
    return refetched(month_rows)


@pytest.fixture
def make_user(db):
    from django.contrib.auth.models import Group, User

    def make(username: str, role: str | None = None, superuser: bool = False) -> User:
        user = User.objects.create_user(username, password="a-long-test-password-1", is_staff=role is not None or superuser,
                                        is_superuser=superuser)
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def draft_policy(db):
    from ccnt.tracker.models import Category, Jurisdiction, Policy, PolicyVersion

    policy = Policy.objects.create(
        title="某草稿储能试点方案（测试）", review_state="needs_review", level="province",
        jurisdiction=Jurisdiction.objects.by_adcode("320000"), category=Category.objects.get(code="energy"),
    )
    policy.jurisdictions.set([policy.jurisdiction])
    PolicyVersion.objects.create(policy=policy, number=1, text="到2025年，新型储能装机达到100万千瓦。")
    return policy


DB_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server"}


def _uses_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(DB_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_itemcollected(item):
    """A test that needs the whole demo (``whole_demo``, also behind the browser tests' ``site``)
    is ``slow``: it waits for minutes of loading."""
    if "whole_demo" in getattr(item, "fixturenames", ()):  # the fixtures' closure
        item.add_marker(pytest.mark.slow)


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """Tests that need the whole demo run after the tests without it: sorted here, before
    pytest-django's stable sort into plain database tests, transactional ones and the rest.
    After that sort, the tests that touch no database move to the front (in the same order):
    while the first worker builds the test database (``django_db_setup``) the other runs them
    instead of waiting for it. Rejected: pytest-django's order alone, with those tests last —
    the second worker then sat idle through the whole build.

    Within each of those groups the ``slow`` tests (servers, child processes, browsers: up to two
    minutes each) come first: with the Makefile's ``--maxschedchunk``, pytest-xdist hands tests
    out a few at a time in this order, so the longest start while both workers are busy and the
    short ones fill the gaps at the end. Rejected: file order, in which a minute-long test could
    start last and one worker finish the run alone (the browser and schemathesis tests did).

    On the second (PostgreSQL) pass run only tests that touch the database: parsers,
    the analysis, rendering and the browser do not depend on it and ran in the SQLite pass."""
    items.sort(key=lambda item: ("whole_demo" in getattr(item, "fixturenames", ()),
                                 item.get_closest_marker("slow") is None))
    result = yield
    items.sort(key=_uses_database)
    if os.environ.get("CCNT_DATABASE_TESTS_ONLY") == "1":
        selected = [item for item in items if _uses_database(item)]
        deselected = [item for item in items if not _uses_database(item)]
        if deselected:
            config.hook.pytest_deselected(items=deselected)
            items[:] = selected
    return result


# --- the browser tests' live site and headless Chromium (tests/test_browser_*.py) -------------

@pytest.fixture
def site(whole_demo, live_server, transactional_db):
    """The live server's address, with the whole demo and its monthly reports loaded.

    An earlier transactional test empties the database. On SQLite the database is copied back
    from the in-memory copy ``whole_demo`` made (sqlite3's backup API, well under a second) and
    the reports are published once, then kept as a copy of their own; PostgreSQL (where the
    browser tests are skipped) runs ``ccnt demo`` again. Rejected: ``serialized_rollback``,
    which keeps the database as migrated, before any demo is loaded."""
    from django.core.management import call_command

    from ccnt.tracker.loaders.reports import publish_demo_reports

    if _restore_database("site"):
        pass
    elif _restore_database("whole_demo"):
        publish_demo_reports()  # what `ccnt demo` does after what whole_demo loaded
        _copy_database("site")
    else:
        call_command("demo", "--no-migrate", verbosity=0)
    return live_server.url


@pytest.fixture
def browser():
    """Debian's chromium through Playwright, headless (never ``playwright install``)."""
    from playwright.sync_api import sync_playwright

    from tests.test_browser_pages import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()
