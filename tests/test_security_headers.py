"""Security headers on representative pages: a strict CSP (no inline script, framing denied),
nosniff, a referrer policy, X-Frame-Options, HSTS and secure cookies behind HTTPS."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

PAGES = ["/", "/policies/?q=储能", "/regions/320000/", "/targets/", "/matrix/", "/reports/", "/actors/",
         "/downloads/", "/accounts/login/", "/accounts/register/", "/api/docs/"]
DATA = ["/?format=json", "/api/v1/policies/", "/feeds/policies/", "/sitemap.xml", "/policies/export.csv"]


def csp(response) -> dict[str, str]:
    header = response.get("Content-Security-Policy", "")
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("url", PAGES + DATA)
def test_every_response_carries_the_basic_headers(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in response  # only behind HTTPS (CCNT_HTTPS=1)


@pytest.mark.parametrize("url", PAGES)
def test_pages_send_a_strict_csp_and_keep_it(client, url):
    response = client.get(url)
    policy = csp(response)
    assert policy["script-src"] == "script-src 'self'", url
    assert policy["object-src"] == "object-src 'none'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert policy["base-uri"] == "base-uri 'self'"
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    html = response.content.decode()
    # every <script> is either a same-origin file or a json_script data block (never executed)
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert 'type="application/json"' in tag or re.search(r'src="/[^/]', tag), (url, tag)
    assert not re.search(r"\son[a-z]+=\"", html), url  # no inline event handlers
    assert "javascript:" not in html
    if not url.startswith("/api/docs/"):
        assert policy["style-src"] == "style-src 'self'", url
        assert not re.search(r"<style\b", html) and ' style="' not in html, url


def test_the_admin_keeps_frame_denial_and_nosniff(client, make_user):
    client.force_login(make_user("hdr-admin", role="admin"))
    response = client.get("/admin/")
    assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("url", ["/admin/login/", "/admin/", "/admin/tracker/policy/", "/admin/tracker/policy/add/"])
def test_it_sends_the_admin_a_strict_csp(client, make_user, url):
    if url != "/admin/login/":
        client.force_login(make_user("csp-admin", role="admin"))
    response = client.get(url)
    assert response.status_code == 200, url
    policy = csp(response)
    assert policy["script-src"] == "script-src 'self'", url
    assert policy["style-src"].startswith("style-src 'self'") and "unsafe" not in response["Content-Security-Policy"]
    assert policy["object-src"] == "object-src 'none'" and policy["frame-ancestors"] == "frame-ancestors 'none'"
    for tag in re.findall(r"<script\b[^>]*>", response.content.decode()):  # no inline script to allow
        assert "src=" in tag or 'type="application/json"' in tag, (url, tag)


def test_session_and_csrf_cookies_are_httponly_and_samesite(client):
    response = client.post("/accounts/login/", {"username": "nobody@example.com", "password": "x"})
    assert response.status_code in (200, 403)
    assert settings.SESSION_COOKIE_HTTPONLY and settings.SESSION_COOKIE_SAMESITE == "Lax"
    page = client.get("/accounts/login/")
    cookie = page.cookies.get(settings.CSRF_COOKIE_NAME)
    if cookie is not None:
        assert cookie["samesite"] == "Lax"


def test_https_turns_on_hsts_secure_cookies_and_the_redirect():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='ccnt.settings'; django.setup();"
        "from django.test import Client; c = Client(); r = c.get('/sitemap-none.xml', secure=True);"
        "print(r.status_code, r.get('Strict-Transport-Security'));"
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE);"
        "r = c.get('/matrix/'); print(r.status_code, r.get('Location'))"
    )
    env = {"PATH": "/usr/bin:/bin", "CCNT_VAR_DIR": settings.VAR_DIR.as_posix(), "CCNT_HTTPS": "1", "CCNT_ALLOWED_HOSTS": "testserver",
           "DATABASE_URL": "sqlite:///:memory:"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 3, out.stderr[-2000:]
    assert "max-age=31536000" in lines[0] and "includeSubDomains" in lines[0]
    assert lines[1] == "True True"
    assert lines[2].startswith("301 https://")
