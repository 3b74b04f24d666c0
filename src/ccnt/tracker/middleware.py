"""A strict Content-Security-Policy for every page, the admin included.

No inline script anywhere: page data travels in ``json_script`` blocks (``type=application/json``,
never executed) and the code lives in static files, so ``script-src 'self'`` holds. ECharts sets
element styles through the CSSOM, which a style-src without 'unsafe-inline' allows.

The admin gets the same policy: Django 5.2's admin has no inline script (its data travels in
``data-`` attributes and ``json_script``), and its widgets move elements through the CSSOM. Its
one inline ``<style>`` (a change list whose ModelAdmin turns both action bars off) is allowed by its hash,
computed from the installed Django's templates at start-up, so an upgrade that changes it keeps
working or shows up as a console error in ``tests/test_browser_admin.py``. Rejected: no policy on
the admin (a curator's session is the most valuable one to protect from injected script) and
``style-src 'unsafe-inline'`` (not needed).
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings

DEFAULT_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def policy_header(**extra: str) -> str:
    policy = {**DEFAULT_POLICY, **getattr(settings, "CCNT_CSP", {})}
    for name, value in extra.items():
        policy[name] = f"{policy[name]} {value}"
    return "; ".join(f"{name} {value}" for name, value in policy.items())


@lru_cache(maxsize=1)
def admin_style_hashes() -> str:
    """CSP hashes of the inline ``<style>`` blocks in Django's admin templates (no template
    variables inside them, so the rendered text is the template's text)."""
    import django.contrib.admin

    hashes = set()
    for template in sorted((Path(django.contrib.admin.__file__).parent / "templates").rglob("*.html")):
        for body in re.findall(r"<style>(.*?)</style>", template.read_text(encoding="utf-8"), flags=re.S):
            if "{" + "{" not in body and "{%" not in body:
                digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
                hashes.add(f"'sha256-{digest}'")
    return " ".join(sorted(hashes))


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.header = policy_header()
        # Swagger UI (the API docs page) ships an inline <style>; scripts stay 'self' only.
        self.docs_header = self.header.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        hashes = admin_style_hashes()
        self.admin_header = policy_header(**{"style-src": hashes}) if hashes else self.header

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" in response:
            return response
        if request.path.startswith("/admin/"):
            response["Content-Security-Policy"] = self.admin_header
            return response
        docs = request.path.startswith("/api/docs/")
        response["Content-Security-Policy"] = self.docs_header if docs else self.header
        return response


def reader_language(request) -> str:
    """The language a page is rendered in: the language cookie's when it names one of
    ``LANGUAGES``, else ``LANGUAGE_CODE`` (the whole-page cache keys pages by it before this
    middleware has run, so both read it here)."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in {code for code, _name in settings.LANGUAGES} else settings.LANGUAGE_CODE


class ChineseFirstLocaleMiddleware:
    """Chinese by default; English only when the reader chose it with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an English-language
    browser would never see the Chinese site it asked for by URL. This one reads the language
    cookie set by ``set_language`` and falls back to ``LANGUAGE_CODE``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        language = reader_language(request)
        from .templatetags.ccnt_tags import one_language

        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        with one_language(request.LANGUAGE_CODE):  # the page's filters read the language once, not per cell
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary = response.get("Vary", "")
        if "cookie" not in patch_vary.lower():
            response["Vary"] = f"{patch_vary}, Cookie" if patch_vary else "Cookie"
        translation.deactivate()
        return response
