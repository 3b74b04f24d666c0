"""The public pages in a real browser: Playwright drives Debian's chromium (headless) against
Django's live server, under the strict Content-Security-Policy, and fails on any console error.

A reader searches for 储能, applies two filters, opens a policy, switches to English, and loads
the map and a chart. Screenshots are kept in var/test-artifacts/ (git-ignored).

The database: ``live_server`` needs a transactional database, which pytest-django runs after
the ordinary (rolled-back) tests and empties afterwards. So this module loads the demo itself
when it finds the tables empty, and keeps everything in one test so it is loaded at most once.
The browser tests test the front end, not the database: they run in the SQLite pass only.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from ._pages_helpers import ensure_messages_compiled

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "var" / "test-artifacts"
ON_CI = os.environ.get("CI") == "true"


def _why_not() -> str | None:
    if "postgres" in os.environ.get("DATABASE_URL", ""):
        return "browser tests run in the SQLite pass only"
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return f"chromium is not installed at {CHROMIUM} (scripts/system-packages.txt installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


REASON = _why_not()
if REASON is None:
    ensure_messages_compiled()
if REASON and ON_CI and "SQLite pass" not in REASON:
    pytest.fail(f"CI=true: {REASON}", pytrace=False)

pytestmark = [
    pytest.mark.skipif(REASON is not None, reason=REASON or ""),
    pytest.mark.django_db(transaction=True),
    pytest.mark.slow,
]


class Console:
    """Collects console errors, uncaught exceptions and CSP violations of a page."""

    def __init__(self, page) -> None:
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url} {r.failure}"))

    def check(self, where: str) -> None:
        assert not self.errors, f"{where}: {self.errors}"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_a_reader_searches_filters_opens_a_policy_switches_language_and_sees_the_map_and_a_chart(site, browser):
    """Also checks that the pages fit a phone screen: a compact header, folded filters, the first
    result above the fold and the targets as cards."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    console = Console(page)

    # the home page: Chinese by default, the map drawn from npm's china.json under the CSP
    response = page.goto(f"{site}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.wait_for_selector("#china-map[data-ready='1'] canvas", timeout=15000)
    assert page.locator("#china-map").get_attribute("data-error") is None
    page.select_option("#map-measure", "energy_intensity:2025:change:2020")
    page.wait_for_timeout(300)
    shot(page, "01-home-map")
    console.check("home")

    # search for 储能 from the home page
    page.fill("#home-q", "储能")
    page.click(".search-box button[type=submit]")
    page.wait_for_url("**/policies/?q=*")
    found = page.locator("ul.results li.policy").count()
    assert found > 0
    assert page.locator("ul.results mark").first.inner_text() == "储能"
    shot(page, "02-search")

    # two filters
    page.select_option("#f-level", "province")
    page.select_option("#f-category", "one_plus_n")
    page.click("#policy-search .filters button[type=submit]")
    page.wait_for_url("**category=one_plus_n*")
    query = parse_qs(urlparse(page.url).query)
    assert query["q"] == ["储能"] and query["level"] == ["province"] and query["category"] == ["one_plus_n"]
    filtered = page.locator("ul.results li.policy").count()
    assert 0 < filtered <= found
    shot(page, "03-filtered")
    console.check("search")

    # open a policy: its targets table links into the highlighted text
    page.locator("ul.results li.policy a.result-title").first.click()
    page.wait_for_url("**/policies/*/")
    assert page.locator("table.targets tbody tr").count() > 0
    assert page.locator("mark.target-source").count() > 0
    page.locator("td.source-text a").first.click()
    assert "#t-" in page.url
    shot(page, "04-policy")
    console.check("policy")

    # switch the language: the same page in English, and back
    policy_url = page.url.split("#")[0]
    page.click("#lang-switch")
    page.wait_for_load_state()
    assert page.url.split("#")[0] == policy_url
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("nav.site-nav").inner_text().split()[0] == "Policies"
    assert page.locator("#targets-title").inner_text() == "Quantitative targets"
    shot(page, "05-policy-english")
    page.click("#lang-switch")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    console.check("language switch")

    # a chart: the 2025 energy-intensity cuts against the national figure
    page.goto(f"{site}/targets/?indicator=energy_intensity&year=2025")
    page.wait_for_selector("#target-chart-0[data-ready='1'] canvas", timeout=15000)
    assert page.locator("#target-table tbody tr").count() >= 4
    shot(page, "06-targets-chart")
    console.check("target explorer")

    # the region page's chart and the matrix, and a province clicked on the map
    page.goto(f"{site}/regions/320000/")
    page.wait_for_selector("#region-years[data-ready='1'] canvas", timeout=15000)
    shot(page, "07-region")
    page.goto(f"{site}/matrix/")
    assert page.locator("table.matrix tbody tr").count() == 31
    shot(page, "08-matrix")
    console.check("region and matrix")
    context.close()

    # the same site on a phone: nothing scrolls sideways (one test, so the demo loads once)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    console = Console(page)
    for name, url in [("home", "/"), ("policy-list", "/policies/?q=储能"), ("region", "/regions/340000/")]:
        page.goto(f"{site}{url}")
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390 + 1, f"{name} scrolls sideways: {width}px"
        shot(page, f"mobile-{name}")
    console.check("mobile")

    # a phone reader: a compact header, the filters folded behind a button, results above the fold
    page.goto(f"{site}/policies/?q=储能")
    page.wait_for_load_state("networkidle")
    assert page.locator(".site-header").bounding_box()["height"] <= 80
    panel = page.locator("details.filter-panel")
    assert panel.evaluate("e => e.open") is False and not page.locator("#f-level").is_visible()
    first = page.locator("ul.results li.policy").first.bounding_box()
    assert first["y"] + 40 <= 844, f"the first result starts at {first['y']}px, below the fold"
    panel.locator("summary").click()
    assert page.locator("#f-level").is_visible()
    shot(page, "mobile-filters-open")

    # the targets table as cards: one card per target, each value named by its column
    page.goto(f"{site}/policies/?q=储能&has_targets=1")
    page.locator("ul.results li.policy a.result-title").first.click()
    page.wait_for_url("**/policies/*/")
    row = page.locator("table.targets tbody tr").first
    assert row.evaluate("e => getComputedStyle(e).display") == "grid"
    assert page.locator("table.targets thead").evaluate("e => e.getBoundingClientRect().right") <= 0
    assert row.locator("td").nth(1).get_attribute("data-label")
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    shot(page, "mobile-policy-targets")
    console.check("phone")
    context.close()
