"""The actors' pages in a real browser (Playwright + Debian's chromium, headless, strict CSP,
no console errors): a reader opens 企业与机构 from the navigation, filters by kind and sector,
opens an actor, reads a commitment's source sentence and the comparison with its sector and
province, and the list fits a phone screen. Follows tests/test_browser_pages.py: a transactional
live-server test that loads the demo itself when the tables are empty; SQLite pass only."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from .test_browser_pages import REASON, Console, shot

pytestmark = [
    pytest.mark.skipif(REASON is not None, reason=REASON or ""),
    pytest.mark.django_db(transaction=True),
    pytest.mark.slow,
]


def test_a_reader_filters_actors_and_compares_one_with_its_sector_and_province(site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    console = Console(page)

    response = page.goto(f"{site}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.click("nav.site-nav a[href='/actors/']")
    page.wait_for_url("**/actors/")
    total = page.locator("#actor-table tbody tr").count()
    assert total >= 15
    shot(page, "actors-01-list")

    page.select_option("#filter-kind", "central_soe")
    page.select_option("#filter-sector", "energy")
    page.click("#actor-filters button[type=submit]")
    page.wait_for_url("**kind=central_soe*")
    query = parse_qs(urlparse(page.url).query)
    assert query["kind"] == ["central_soe"] and query["sector"] == ["energy"]
    filtered = page.locator("#actor-table tbody tr").count()
    assert 0 < filtered < total
    assert "中国长江三峡集团有限公司" in page.locator("#actor-table").inner_text()
    shot(page, "actors-02-filtered")
    console.check("actors list")

    page.goto(f"{site}/actors/?headquarters=310000")
    page.locator("#actor-table a", has_text="中国宝武钢铁集团有限公司").click()
    page.wait_for_url("**/actors/*/")
    assert page.locator("#actor-name").inner_text().startswith("中国宝武钢铁集团有限公司")
    assert "中國寶武力爭在2023年實現碳達峰" in page.locator("article.commitment blockquote").first.inner_text()
    assert page.locator("#comparison tr.compare-co2_peak td.actor-year").inner_text() == "2023"
    assert "上海市" in page.locator("#comparison tr.compare-co2_peak td.province-year").inner_text()
    assert page.locator("#comparison tr.compare-co2_peak td.national-year a").count() == 1
    shot(page, "actors-03-detail")
    console.check("actor page")
    context.close()

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site}/actors/")
    page.wait_for_load_state("networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    shot(page, "actors-mobile")
    assert width <= 390 + 1, f"the actors list scrolls sideways: {width}px"
    context.close()
