"""The files and pages around the site: /robots.txt, /favicon.ico and the site's own error pages.

Invariant: an error page is the site's page in the reader's language (the language middleware has
already run), never Django's bare English text; the 400 and 404 pages carry the navigation, the 500
page (``500.html``) is rendered by Django's handler without a context so it needs no database,
no session and no context processor while something is already broken. Rejected: one template for
every status with the code as a variable (Django looks the templates up by name, and the 500 page
must stay free of the context the others use).
"""

from __future__ import annotations

from functools import lru_cache

from django.contrib.staticfiles import finders
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# pages a crawler should not walk: per-user pages, the curation admin, the language switch, and
# the downloads of search results (heavy, and the same data as the pages and the bulk releases)
ROBOTS_DISALLOW = ("/admin/", "/accounts/", "/alerts/", "/i18n/", "/policies/export.")


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), "",
             f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@lru_cache(maxsize=1)
def _favicon_svg() -> bytes:
    path = finders.find("ccnt/favicon.svg")
    with open(path, "rb") as handle:
        return handle.read()


@require_safe
@cache_control(max_age=604800, public=True)
def favicon(request) -> HttpResponse:
    """The site's SVG icon at the address browsers and feed readers ask for by habit
    (browsers take the type from the header, not from the ``.ico`` name)."""
    return HttpResponse(_favicon_svg(), content_type="image/svg+xml")


def bad_request(request, exception=None, message: str = "") -> HttpResponse:
    """handler400, and the answer to a bad filter: the site's page with what was wrong."""
    return render(request, "400.html", {"message": message}, status=400)


# the models that left the tracker app for their stage's app, and that app
MOVED_ADMIN = {"source": "ingest", "fetchedurl": "ingest", "actor": "actors", "commitment": "actors",
               "commitmentforreview": "actors", "report": "reports"}


def moved_admin_page(request, model: str, rest: str):
    """``/admin/tracker/<model>/…`` of a model that moved to another app: a permanent redirect to
    the same page under the new app (bookmarks, links in old mails and notes), query kept. Rejected
    alternative: nothing, which turned every such link into a 404 with no hint where the page went."""
    target = f"{reverse('admin:index')}{MOVED_ADMIN[model]}/{model}/{rest}"
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
