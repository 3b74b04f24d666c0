"""Every link into the target explorer lands on data: followed from a sample of the public pages
(policy pages with targets, region pages, search results, the home page, the explorer and the
peak timeline), each opens a table with at least one row, and a link made for one target opens at
that target's own row. The 二氧化碳排放达峰 link on the national 1+N plan's page used to open an
empty explorer (a peak year has no number)."""

from __future__ import annotations

import html as htmllib
import re
from urllib.parse import urldefrag, urljoin

import pytest

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="([^"]+)"')
ROW_ID = re.compile(r'<tr class="row[^"]*" id="(r-\d+)">')


def explorer_links(page: str, base: str) -> set[str]:
    """The page's links to the explorer (absolute paths, fragments kept)."""
    links = set()
    for href in HREF.findall(page):
        url = urljoin(base, htmllib.unescape(href))
        path = url.split("?")[0].split("#")[0]
        if path == "/targets/" and "?" in url and "format=" not in url:
            links.add(url)
    return links


def sample_pages() -> list[str]:
    from ccnt.tracker import insights
    from ccnt.tracker.models import Policy

    with_targets = sorted(set(insights.public_targets().values_list("policy_id", flat=True)))
    plan = Policy.objects.public().get(title="2030年前碳达峰行动方案").pk
    other = insights.public_targets().filter(indicator__code="other").exclude(subject="").values_list(
        "policy_id", flat=True).first()
    policies = sorted({plan, other, *with_targets[::12]})
    regions = ["100000", "310000", "320000", "330100", "520000", "620000"]
    return ([f"/policies/{pk}/" for pk in policies] + [f"/regions/{a}/" for a in regions]
            + ["/", "/policies/?q=碳达峰&has_targets=1", "/targets/", "/targets/peaks/",
               "/targets/?indicator=co2_peak&indicator=energy_intensity&year=2025"])


def test_it_lands_every_target_link_on_at_least_one_row(client):
    followed: dict[str, str] = {}
    sources: dict[str, str] = {}
    for page_url in sample_pages():
        response = client.get(page_url)
        assert response.status_code == 200, page_url
        for link in explorer_links(response.content.decode(), page_url):
            sources.setdefault(link, page_url)
    assert len(sources) > 40, "the sample should hold many explorer links"
    for link, source in sorted(sources.items()):
        url, fragment = urldefrag(link)
        if url not in followed:
            response = client.get(url)
            assert response.status_code == 200, f"{link} (from {source})"
            followed[url] = response.content.decode()
        rows = ROW_ID.findall(followed[url])
        assert rows, f"{link} (from {source}) opens an empty explorer"
        if fragment.startswith("r-"):
            assert fragment in rows, f"{link} (from {source}) does not show the target it was made for"


def test_the_peak_link_on_the_national_plan_lands_on_the_peak_rows(client):
    from ccnt.tracker.models import Policy

    plan = Policy.objects.public().get(title="2030年前碳达峰行动方案")
    page = client.get(f"/policies/{plan.pk}/").content.decode()
    links = [u for u in explorer_links(page, "/") if "indicator=co2_peak" in u]
    assert links
    url, fragment = urldefrag(links[0])
    target = client.get(url).content.decode()
    assert fragment in ROW_ID.findall(target)
    assert "二氧化碳排放达峰" in target and "2030年前" in target
