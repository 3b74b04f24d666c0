"""A strict Content-Security-Policy for every public page.

No inline script anywhere: page data travels in ``json_script`` blocks (``type=application/json``,
never executed) and the code lives in static files, so ``script-src 'self'`` holds. ECharts sets
element styles through the CSSOM, which a style-src without 'unsafe-inline' allows.

The admin is left to Django's own templates (some of its widgets still use inline styles); set
``CCNT_CSP_ADMIN = True`` to send the policy there too.
"""

from __future__ import annotations

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


def policy_header() -> str:
    policy = {**DEFAULT_POLICY, **getattr(settings, "CCNT_CSP", {})}
    return "; ".join(f"{name} {value}" for name, value in policy.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.header = policy_header()
        # Swagger UI (the API docs page) ships an inline <style>; scripts stay 'self' only.
        self.docs_header = self.header.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" in response:
            return response
        if request.path.startswith("/admin/") and not getattr(settings, "CCNT_CSP_ADMIN", False):
            return response
        docs = request.path.startswith("/api/docs/")
        response["Content-Security-Policy"] = self.docs_header if docs else self.header
        return response


class ChineseFirstLocaleMiddleware:
    """Chinese by default; English only when the reader chose it with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an English-language
    browser would never see the Chinese site it asked for by URL. This one reads the language
    cookie set by ``set_language`` and falls back to ``LANGUAGE_CODE``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        codes = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in codes else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary = response.get("Vary", "")
        if "cookie" not in patch_vary.lower():
            response["Vary"] = f"{patch_vary}, Cookie" if patch_vary else "Cookie"
        translation.deactivate()
        return response
