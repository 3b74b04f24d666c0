"""The curation admin in a real browser under its Content-Security-Policy (Playwright + Debian's
chromium, headless): a curator logs in, opens the policy change list, filters it, opens a policy's
change form with its inlines, opens the date widget's calendar and adds an inline row, and a
read-only staff member opens the change list (no actions for that role). Any console error — a CSP violation is one — fails the test. Follows tests/test_browser_pages.py: a
transactional live-server test that loads the demo itself when the tables are empty; SQLite pass
only."""

from __future__ import annotations

import pytest

from .test_browser_pages import REASON, Console, shot

pytestmark = [
    pytest.mark.skipif(REASON is not None, reason=REASON or ""),
    pytest.mark.django_db(transaction=True),
    pytest.mark.slow,
]

PASSWORD = "a-long-browser-password-1"


def _user(username: str, role: str | None = None, superuser: bool = False):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, password=PASSWORD, is_staff=True, is_superuser=superuser)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def _login(page, site: str, username: str) -> None:
    page.goto(f"{site}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


@pytest.fixture
def policy(site):
    """Made before the browser starts (Playwright's event loop forbids database calls)."""
    from ccnt.tracker.models import Policy

    _user("csp-curator", superuser=True)
    _user("csp-reader", role="read-only")
    return Policy.objects.public().filter(targets__isnull=False).distinct().order_by("pk").first()


def test_it_runs_the_admin_under_a_strict_csp_without_console_errors(site, policy, browser):

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    console = Console(page)
    _login(page, site, "csp-curator")

    response = page.goto(f"{site}/admin/tracker/policy/")
    header = response.headers["content-security-policy"]
    assert "script-src 'self';" in header and "unsafe-inline" not in header and "unsafe-eval" not in header
    assert "frame-ancestors 'none'" in header
    assert page.locator("#result_list tbody tr").count() > 0
    page.click("#changelist-filter a[href*='review_state__exact=published']")
    page.wait_for_url("**review_state__exact=published*")
    page.check("#result_list tbody tr:first-child input.action-select")  # actions.js
    assert page.locator("#result_list tbody tr.selected").count() == 1
    shot(page, "admin-01-changelist")
    console.check("policy change list")

    page.goto(f"{site}/admin/tracker/policy/{policy.pk}/change/")
    assert page.locator("#policy_form").count() == 1
    assert page.locator(".inline-group").count() >= 2
    calendar = page.locator(".datetimeshortcuts a[id^='calendarlink']").first
    if calendar.count():
        calendar.click()  # DateTimeShortcuts positions its calendar through the CSSOM
        page.wait_for_selector(".calendarbox", state="visible")
        page.keyboard.press("Escape")
    page.locator(".inline-group .add-row a").first.click()  # inlines.js adds a row
    shot(page, "admin-02-change-form")
    console.check("policy change form")
    context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    console = Console(page)
    _login(page, site, "csp-reader")
    page.goto(f"{site}/admin/tracker/policy/")
    assert page.locator("#result_list tbody tr").count() > 0
    shot(page, "admin-03-read-only-changelist")
    console.check("read-only change list")
    context.close()
