"""The compare journey in a real browser: a reader opens the target explorer, picks two indicators
and a year, sees a chart per indicator and the table, downloads the CSV and finds in it exactly
the table's rows; follows the 二氧化碳排放达峰 link from the national plan to its row; reads the
peak-year timeline; and does the same on a phone without sideways scrolling. Chromium, under the
strict CSP, failing on any console error; screenshots in var/test-artifacts/."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from .test_browser_pages import REASON, Console, shot

pytestmark = [
    pytest.mark.skipif(REASON is not None, reason=REASON or ""),
    pytest.mark.django_db(transaction=True),
]

TABLE_CELLS = "rows => rows.map(r => Array.from(r.cells).map(c => c.innerText))"


def squeeze(rows: list[list[str]]) -> list[list[str]]:
    """Cell texts with their whitespace collapsed (the browser collapses it on screen)."""
    return [[" ".join(c.split()) for c in row] for row in rows]


def test_a_reader_compares_two_indicators_downloads_them_and_follows_a_peak_link(site, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = context.new_page()
    console = Console(page)
    page.goto(f"{site}/targets/")

    # pick two indicators in the picker (grouped by sector) and a year
    page.click("#indicator-picker summary")
    chosen = page.eval_on_selector_all("#indicator-picker input[name=indicator]:checked", "xs => xs.map(x => x.value)")
    assert len(chosen) == 2  # the two most-set indicators, until the reader picks
    for code in chosen:
        page.uncheck(f"#indicator-picker input[value={code}]")
    page.check("#indicator-picker input[value=energy_intensity]")
    page.check("#indicator-picker input[value=non_fossil_share]")
    page.select_option("#f-year", "2025")  # the year menu lists the years of the indicators shown
    page.click("#explorer-form button[type=submit]")
    page.wait_for_url("**indicator=energy_intensity*")
    page.wait_for_selector("#target-chart-1[data-ready='1'] canvas", timeout=15000)
    assert page.locator("#target-chart-0[data-ready='1'] canvas").count() == 1
    assert page.locator("ul.chosen-list li").count() == 2
    table = squeeze(page.eval_on_selector_all("#target-table tr.row", TABLE_CELLS))
    assert len(table) >= 10 and {r[3] for r in table} == {"2025"}
    assert {r[0] for r in table} == {"单位地区生产总值能源消耗", "非化石能源消费比重"}
    shot(page, "explorer-01-two-indicators")

    # the CSV download holds exactly the table's rows, under the table's headers
    with page.expect_download() as download:
        page.click("#download-csv")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    headers = [h.strip() for h in page.locator("#target-table thead th").all_inner_texts()]
    assert rows[0] == headers
    assert squeeze(rows[1:]) == table
    console.check("explorer")

    # the same page in English: the headers and the download follow the language
    page.click("#lang-switch")
    page.wait_for_load_state()
    assert page.locator("#target-table thead th").first.inner_text() == "Indicator"
    with page.expect_download() as download:
        page.click("#download-csv")
    english = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert english[0][0] == "Indicator" and len(english) == len(rows)
    shot(page, "explorer-02-english")
    page.click("#lang-switch")
    page.wait_for_load_state()

    # the 二氧化碳排放达峰 link on the national plan lands on its own row
    found = page.request.get(f"{site}/policies/?q=2030年前碳达峰行动方案&format=json").json()["results"]
    plan = next(p["policy_id"] for p in found if p["title"] == "2030年前碳达峰行动方案")
    page.goto(f"{site}/policies/{plan}/")
    page.locator("table.targets a[href*='indicator=co2_peak']").first.click()
    page.wait_for_url("**/targets/?indicator=co2_peak*")
    anchor = page.url.split("#")[1]
    assert page.locator(f"#target-table tr#{anchor}").is_visible()
    assert page.locator("#target-table tr.row").count() > 1
    shot(page, "explorer-03-peak-link")

    # the peak-year timeline: provinces by documented year, each linked to its sentence
    page.click("a[href='/targets/peaks/']")
    page.wait_for_url("**/targets/peaks/")
    entries = page.locator("ol.peak-timeline ul.peak-entries > li")
    assert entries.count() > 0
    assert "#t-" in entries.first.locator("a").nth(1).get_attribute("href")
    shot(page, "explorer-04-peaks")
    console.check("peak link and timeline")
    context.close()

    # on a phone: cards, no sideways scrolling, the picker folded
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    console = Console(page)
    for url in ("/targets/?indicator=energy_intensity&indicator=non_fossil_share&year=2025", "/targets/peaks/"):
        page.goto(f"{site}{url}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 391, url
    page.goto(f"{site}/targets/?indicator=energy_intensity&indicator=non_fossil_share&year=2025")
    assert not page.locator("#indicator-picker input[value=energy_intensity]").is_visible()
    row = page.locator("#target-table tr.row").first
    assert row.evaluate("e => getComputedStyle(e).display") == "grid"
    assert row.locator("td.c-region").get_attribute("data-label")
    shot(page, "explorer-05-phone")
    console.check("phone")
    context.close()
