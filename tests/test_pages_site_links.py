"""Every page's footer, and the home page, lead to the downloads, the API docs, the feeds, the
monthly reports and sign-in — and each of those answers."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

LINKS = ["/downloads/", "/api/docs/", "/feeds/policies/", "/reports/", "/accounts/login/"]


def footer(html: str) -> str:
    return html[html.index('<footer class="site-footer">'):]


@pytest.mark.parametrize("url", ["/", "/policies/", "/regions/320000/", "/matrix/", "/no-such-page/"])
def test_every_footer_links_the_data_and_services(client, url):
    html = footer(client.get(url).content.decode())
    for link in LINKS:
        assert f'href="{link}"' in html, link


def test_the_home_page_links_them_in_its_body_and_each_answers(client):
    html = client.get("/").content.decode()
    body = html[html.index('<main'):html.index('</main>')]
    hrefs = set(re.findall(r'href="([^"]+)"', body))
    assert set(LINKS) <= hrefs
    for link in LINKS:
        assert client.get(link).status_code == 200, link
