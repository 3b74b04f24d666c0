"""/robots.txt names the sitemap and keeps crawlers off per-user pages; /favicon.ico is the site's icon."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_it_serves_robots_txt_with_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert {"Disallow: /admin/", "Disallow: /accounts/"} <= set(lines)
    assert client.get("/sitemap.xml").status_code == 200


def test_it_serves_the_favicon_at_the_habitual_address(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")
    assert "max-age" in response["Cache-Control"]
