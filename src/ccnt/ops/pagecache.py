"""Whole public pages cached for anonymous readers, with conditional GET.

Invariant: a cached page is served only under the generations of the data it shows, read from
the database in one query per request (``ccnt.search.index.scope_values``): a page listing
the whole corpus (home, list, search, matrix, targets) depends on the generation of all public
data; a policy's page on that policy's scope (its fields, text, targets, originals and
relations) and its region's; a region's page on its own and its province's scope and on the
national policies it is compared with. So a publish in one province makes new pages of that
policy, its related policies and its regions, and of the corpus-wide pages — not of every other
policy or region. Clearing the cache makes every page cold.

The key holds the path, the query string as sent, the language and those generations. Only
anonymous GET/HEAD requests (no session cookie, no Authorization header) are served from it, and
only 200 answers are stored. The one per-reader part of a public page — the CSRF token of the
language switch — is stored as a placeholder and filled in per request (with the CSRF cookie
set as for any rendered page). Each page carries an ``ETag`` (the stored body and key) and
``Last-Modified`` (when it was rendered); a matching ``If-None-Match`` gets a 304 without a body.

Rejected: Django's per-site cache middleware (one timeout for everything, no dependency keys, and
it stores no page that set the CSRF cookie, i.e. none on a first visit), and invalidating by
deleting keys on save (a per-process cache cannot be reached from another process).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
import time
import zlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.core.handlers.exception import convert_exception_to_response
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe
from django.utils.module_loading import import_string

PLACEHOLDER = b"__ccnt_csrf_token__"
_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")([A-Za-z0-9]{32,})(")')
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Vary", "Cache-Control", "Allow")
RAW_LIMIT = 256 * 1024  # bytes of a page stored uncompressed in a shared cache (Redis: sent over a socket)
LOCAL_RAW_LIMIT = 4 * 1024 * 1024  # … in the process's own memory (nothing sent: a copy costs less than inflating)
Depends = Callable[..., list[str]]


def everything(request, *args, **kwargs) -> list[str]:
    """A page drawn from the whole public corpus: only the data's own generation."""
    return []


def enabled() -> bool:
    return getattr(settings, "CCNT_PAGE_CACHE_SECONDS", 600) > 0


def anonymous(request: HttpRequest) -> bool:
    return (request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META)


def language_of(request: HttpRequest) -> str:
    from ccnt.tracker.middleware import reader_language

    return reader_language(request)


def page_key(request: HttpRequest, versions: dict[str, int], vary: Callable[[HttpRequest], list[str]] | None = None
             ) -> str:
    parts = [request.path, request.META.get("QUERY_STRING", ""), language_of(request),
             *(f"{k}={v}" for k, v in sorted(versions.items())), *(vary(request) if vary else ())]
    return "ccnt.page:" + hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()


def _store(key: str, response: HttpResponse) -> dict | None:
    if getattr(response, "render", None) is not None and not getattr(response, "is_rendered", True):
        response.render()  # a REST framework or template response, rendered by the handler otherwise
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    if "no-store" in response.get("Cache-Control", "") or "private" in response.get("Cache-Control", ""):
        return None
    body = _TOKEN.sub(lambda m: m.group(1) + PLACEHOLDER + m.group(3), response.content)
    deflated = len(body) > _raw_limit()
    entry = {
        # a page under the raw limit is kept as sent: inflating costs a hit about as much as /livez
        # (50 µs for the 46 KB home page, 180 µs for the 185 KB national region page, 1.3 ms for
        # the 979 KB target explorer); a larger one is deflated to a tenth; the cache's byte bound
        # holds either way
        # (a raw page with the token placeholder is kept split at it: joining the parts around
        # the reader's token is a copy, where replacing it searched the whole body, 0.7 ms a MB)
        "body": zlib.compress(body, 1) if deflated else (body.split(PLACEHOLDER) if PLACEHOLDER in body else body),
        "deflated": deflated, "status": response.status_code,
        "headers": {name: response[name] for name in KEPT_HEADERS if name in response},
        # the view's own validators when it set them (the API's: a client holding one still gets
        # its 304), else the stored body's and the time it was rendered
        "etag": response.get("ETag") or '"' + hashlib.sha1(key.encode() + body).hexdigest()[:32] + '"',
        "modified": _modified(response), "token": PLACEHOLDER in body,
    }
    cache.set(key, entry, getattr(settings, "CCNT_PAGE_CACHE_SECONDS", 600))
    return entry


def _modified(response: HttpResponse) -> int:
    stated = parse_http_date_safe(response["Last-Modified"]) if response.has_header("Last-Modified") else None
    return stated if stated is not None else int(time.time())


def _raw_limit() -> int:
    """Bytes of a page kept as sent: up to ``RAW_LIMIT`` in a shared cache, where every byte
    crosses a socket on each hit; up to ``LOCAL_RAW_LIMIT`` in a per-process one, where a hit
    only unpickles it (a memory copy: 0.1 ms for 1 MB against 1.3 ms to inflate it)."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    return LOCAL_RAW_LIMIT if isinstance(caches["default"], LocMemCache) else RAW_LIMIT


def _validators(response: HttpResponse, entry: dict) -> HttpResponse:
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["modified"])
    response.setdefault("Cache-Control", "no-cache")  # the browser keeps it and asks with If-None-Match
    return response


CONDITIONS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")


def _serve(request: HttpRequest, entry: dict) -> HttpResponse:
    # most readers send no validator: Django's check parses each absent header anyway
    if any(name in request.META for name in CONDITIONS):
        unchanged = get_conditional_response(request, etag=entry["etag"], last_modified=entry["modified"])
        if unchanged is not None:
            return _validators(unchanged, entry)
    chunks = _chunks(request, entry)
    response = HttpResponse(chunks[0], status=entry["status"])
    for chunk in chunks[1:]:
        response.write(chunk)  # kept as a chunk: the server writes them in turn, no joined copy
    response["Content-Length"] = str(sum(map(len, chunks)))  # so CommonMiddleware does not join them
    for name, value in entry["headers"].items():
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return _validators(response, entry)


def _chunks(request: HttpRequest, entry: dict) -> list[bytes]:
    """The stored body as the chunks the answer is written in: the parts around the token
    placeholder with the reader's token between them. Rejected: joining them (a copy of the whole
    page per hit, 0.1 ms for the national region page's 200 KB, as much as ``/livez``)."""
    body = zlib.decompress(entry["body"]) if entry.get("deflated", True) else entry["body"]
    if not entry["token"]:
        return [body]
    token = get_token(request).encode("ascii")
    parts = body if isinstance(body, list) else body.split(PLACEHOLDER)
    chunks = [parts[0]]
    for part in parts[1:]:
        chunks += [token, part]
    return chunks


@dataclasses.dataclass(frozen=True)
class PageCache:
    """What a cached view tells the early middleware: the scopes it depends on, the outermost
    function this holds for (another decorator copies the attribute with ``functools.wraps``; the
    middleware trusts it only on the function it was set for), the rate limit in front of it
    (``allow(request)`` counts the request and says whether it may go on: ``ccnt.ops.ratelimit``,
    the API's anonymous throttle) and what else the key holds (``vary(request)``: the API's host,
    ``Accept`` header and day)."""

    depends: Depends
    view: Callable
    allow: Callable[[HttpRequest], bool] | None = None
    vary: Callable[[HttpRequest], list[str]] | None = None


def key_for(request: HttpRequest, depends: Depends, args=(), kwargs=None,
            vary: Callable[[HttpRequest], list[str]] | None = None) -> str:
    """The page's cache key under the current generations of what it depends on (one query),
    computed once per request: the early middleware's lookup and the view's store share it."""
    from ccnt.search.index import scope_values

    known = getattr(request, "_page_cache_key", None)
    if known is not None and known[0] is depends:
        return known[1]
    scopes = depends(request, *args, **(kwargs or {}))
    versions = scope_values(scopes)
    if scopes:  # a scoped page: not renewed by every change elsewhere
        versions.pop("*")
    key = page_key(request, versions, vary)
    request._page_cache_key = (depends, key)
    return key


def cached_page(depends: Depends = everything, vary: Callable[[HttpRequest], list[str]] | None = None,
                allow: Callable[[HttpRequest], bool] | None = None):
    """Decorate a public view: anonymous GETs are served from the cache under the generations of
    the scope keys ``depends(request, *args, **kwargs)`` names (see ``ccnt.search.index.touch``), or,
    when it names none (``everything``), of all public data; ``vary`` adds to the key, ``allow``
    is the rate limit counted on a hit (see ``PageCache``). ``EarlyPageCacheMiddleware`` serves
    the hits before the session, authentication and CSRF middlewares run; this serves them
    without it (and stores every page)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not enabled() or not anonymous(request):
                return view(request, *args, **kwargs)
            key = key_for(request, depends, args, kwargs, vary)
            entry = cache.get(key)
            if entry is not None and allow is not None and not allow(request):
                return view(request, *args, **kwargs)  # the view's own limit answers the 429
            if entry is None:
                response = view(request, *args, **kwargs)
                entry = _store(key, response)
                if entry is None:
                    return response
                response["X-Page-Cache"] = "miss"
                conditional = get_conditional_response(request, etag=entry["etag"], last_modified=entry["modified"])
                return _validators(conditional if conditional is not None else response, entry)
            return _serve(request, entry)

        wrapper.page_cache = PageCache(depends=depends, view=wrapper, allow=allow, vary=vary)
        return wrapper

    return decorate


@functools.lru_cache(maxsize=4096)
def _route(urlconf: str, path: str) -> tuple[PageCache, tuple, dict] | None:
    """The cached view a path resolves to (URL patterns only, no data: the cache holds no page)."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    info = getattr(match.func, "page_cache", None)
    if not isinstance(info, PageCache) or info.view is not match.func:
        return None
    return info, tuple(match.args), dict(match.kwargs)


class EarlyPageCacheMiddleware:
    """Serve an anonymous reader's cached page without the URL resolver, the ``process_view`` hooks
    (CSRF's among them) and the view's decorators: a hit costs the later middlewares, the
    generations query, the cache read and the response, close to ``/livez``.

    Placed after ``SecurityMiddleware`` and WhiteNoise and before ``SessionMiddleware``. On a hit
    the page is answered through a second chain of the middlewares below this one (their
    ``__call__``, request and response sides; not ``process_view``, ``process_exception`` or
    ``process_template_response``, which a middleware relying on them must not expect on a hit),
    built once here in settings order with the cached page as the view, so a hit carries exactly the
    headers, ``Vary`` and cookies (the CSRF cookie of the language switch) of a page rendered
    through the whole chain, and a middleware added later applies to hits without a change here.
    A request that is not anonymous (a session cookie or an Authorization header: a signed-in
    reader or a curator), not a GET/HEAD, not for a cached view, refused by the view's rate limit
    or not in the cache goes down the whole chain unchanged (the view then reuses the key).

    Rejected: Django's ``UpdateCacheMiddleware``/``FetchFromCacheMiddleware`` pair (no dependency
    keys, see the module), and copying each later middleware's headers by hand here (they drift
    apart the first time a middleware is added or changed)."""

    def __init__(self, get_response):
        self.get_response = get_response
        later = list(settings.MIDDLEWARE)
        path = f"{__name__}.{type(self).__name__}"
        later = later[later.index(path) + 1:] if path in later else []
        handler = convert_exception_to_response(self._answer)
        for name in reversed(later):
            try:
                middleware = import_string(name)(handler)
            except MiddlewareNotUsed:
                continue
            handler = convert_exception_to_response(middleware)
        self.tail = handler

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if enabled() and anonymous(request):
            entry = self._lookup(request)
            if entry is not None:
                request._page_cache_entry = entry
                return self.tail(request)
        return self.get_response(request)

    def _lookup(self, request: HttpRequest) -> dict | None:
        request.get_host()  # an unknown Host is refused (400) as CommonMiddleware would
        found = _route(settings.ROOT_URLCONF, request.path_info)
        if found is None:
            return None
        info, args, kwargs = found
        entry = cache.get(key_for(request, info.depends, args, kwargs, info.vary))
        if entry is None:
            return None
        if info.allow is not None and not info.allow(request):
            return None  # the whole chain answers the 429, in the reader's language
        return entry

    @staticmethod
    def _answer(request: HttpRequest) -> HttpResponse:
        return _serve(request, request._page_cache_entry)


# --- warming after a publish (the ``ccnt.warm_pages`` job) -----------------------------------------

def warming_enabled() -> bool:
    """Only where a worker's work reaches the readers: a broker runs the job elsewhere, and Redis is
    the cache every server process reads. Without them the job would run inside the curator's
    request and fill only that process's own cache."""
    return enabled() and bool(getattr(settings, "CCNT_BROKER_URL", "")) and bool(getattr(settings, "CCNT_REDIS_URL", ""))


def pages_after_publish(policy) -> list[str]:
    """What readers ask for first after a publish: the home page, the matrix, the policy's page and
    its province's and city's pages (each renewed by the publish)."""
    paths = ["/", "/matrix/", f"/policies/{policy.pk}/"]
    adcode = policy.jurisdiction.adcode if policy.jurisdiction_id else ""
    if adcode and adcode != "100000":
        paths.append(f"/regions/{adcode[:2]}0000/")
        if not adcode.endswith("0000"):
            paths.append(f"/regions/{adcode[:4]}00/")
    return paths


def warm(paths: list[str]) -> int:
    """Ask for ``paths`` as an anonymous reader would, so the next reader finds them in the cache;
    returns how many answered 200."""
    from django.test import Client

    hosts = [h for h in settings.ALLOWED_HOSTS if h and h != "*" and not h.startswith(".")]
    client = Client(HTTP_HOST=hosts[0] if hosts else "localhost")
    return sum(1 for path in paths if client.get(path).status_code == 200)
