"""Shared fixtures. Each test database gets the reference data and a small named set of demo
policies once per session (``django_db_setup``); a test that needs the whole demo asks for
``whole_demo``. Each test runs in a transaction that is rolled back. Passwords are hashed
with MD5 in tests."""

from __future__ import annotations

import fcntl
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
    with deferred_indexing():
        report = loader.run()
    assert not report.problems, report.problems
    CorpusIngest(items).run()
    ActorLoader().run()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data and the named policies, once per test database. A test that needs the
    whole demo says so with ``whole_demo`` (below). Rejected: the whole demo for every run — two to
    three minutes of loading before the first test, for the few dozen tests that read it.
    Without the shared corpus the database tests skip: their data would lack its texts."""
    from ccnt.paths import corpus_dir
    from tests._corpus import require_corpus

    require_corpus(corpus_dir() / "dual-carbon")  # the named policies' texts and originals
    with django_db_blocker.unblock():
        load_named_policies()


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


@contextmanager
def _exclusive(lock: Path):
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def whole_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo (``ccnt demo`` without the monthly reports), loaded once, on first use, and
    committed: a session fixture is set up before the test's transaction begins.

    Tests that use it are marked ``slow`` and run after the others of their kind
    (``pytest_collection_modifyitems``), so a test without it never passes only because an
    earlier test loaded the demo. Under pytest-xdist on SQLite the first worker to need it loads
    it and leaves a copy of its database in the run's shared temporary folder; the other copies
    it in (sqlite3's backup API) instead of loading it again. On PostgreSQL each worker loads it.
    Rejected: ``--dist loadgroup`` with an ``xdist_group`` (one worker for these tests), which
    pytest-xdist 3.8 no longer applies under pytest 9 (it renames the node ids through an
    attribute pytest 9 no longer reads)."""
    from django.core.management import call_command
    from django.db import connection

    def load() -> None:
        call_command("demo", "--no-migrate", "--no-reports", verbosity=0)

    with django_db_blocker.unblock():
        if connection.vendor != "sqlite" or "PYTEST_XDIST_WORKER" not in os.environ:
            load()
        else:
            shared = tmp_path_factory.getbasetemp().parent / "whole_demo.sqlite3"
            with _exclusive(shared.with_suffix(".lock")):
                connection.ensure_connection()
                if shared.exists():
                    source = sqlite3.connect(shared)
                    source.backup(connection.connection)
                    source.close()
                else:
                    load()
                    partial = shared.with_suffix(".partial")
                    target = sqlite3.connect(partial)
                    connection.connection.backup(target)
                    target.close()
                    partial.replace(shared)
        _copy_database("whole_demo")


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


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Tests that need the whole demo run after the tests without it: sorted here, first, the
    order survives pytest-django's stable sort into plain database tests, transactional ones
    and the rest.

    On the second (PostgreSQL) pass run only tests that touch the database: parsers,
    the analysis, rendering and the browser do not depend on it and ran in the SQLite pass."""
    items.sort(key=lambda item: "whole_demo" in getattr(item, "fixturenames", ()))
    if os.environ.get("CCNT_DATABASE_TESTS_ONLY") != "1":
        return
    selected = [item for item in items if _uses_database(item)]
    deselected = [item for item in items if not _uses_database(item)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


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
