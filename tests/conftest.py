"""Shared fixtures. The demo (reference data + real demo policies) is loaded once per test
session into the test database; each test runs in a transaction that is rolled back."""

from __future__ import annotations

import os

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
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        from django.core.cache import cache

        cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("demo", "--no-migrate", "--no-reports", verbosity=0)


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


def pytest_collection_modifyitems(config, items):
    """On the second (PostgreSQL) pass run only tests that touch the database: parsers,
    the analysis, rendering and the browser do not depend on it and ran in the SQLite pass."""
    import os

    if os.environ.get("CCNT_DATABASE_TESTS_ONLY") != "1":
        return
    selected = [item for item in items if _uses_database(item)]
    deselected = [item for item in items if not _uses_database(item)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


# --- the browser tests' live site and headless Chromium (tests/test_browser_*.py) -------------

@pytest.fixture
def site(live_server, transactional_db):
    """The live server's address, with the demo loaded (an earlier transactional test empties it)."""
    from django.core.management import call_command

    from ccnt.tracker.models import Actor, Policy

    if not Policy.objects.public().exists() or not Actor.objects.public().exists():
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
