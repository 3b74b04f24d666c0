"""Rate limits for the expensive public pages: keyword search on ``/policies/?q=`` and the CSV /
XLSX downloads (``/policies/export.*``, ``/actors/export.*``), and the readers' error reports
(``/targets/<id>/report/``, POST only), per client, as the API limits.

Invariant: a client (its address, counted as the API counts it: ``REMOTE_ADDR`` unless
``CCNT_NUM_PROXIES`` proxies are trusted) gets at most ``CCNT_SEARCH_RATE`` searches,
``CCNT_EXPORT_RATE`` downloads and ``CCNT_REPORT_RATE`` error reports per period; beyond, a 429
with ``Retry-After`` — a page in the reader's language, or JSON for ``format=json`` and the downloads. Counters live in the shared
cache beside the API's, so the limits hold across server processes — except, without Redis, the
search limit, counted on every cached hit and so kept in each process's memory
(``ccnt.ops.cache.read_counters``: N processes let a client up to N times the rate). Rejected alternatives:
limiting in nginx only (a deployment without it is open, and tests cannot see it), and one limit
for every page (a reader browsing policy pages is cheap; a whole-database XLSX is seconds of CPU).
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework.throttling import SimpleRateThrottle

from ccnt.api.rates import rate_or_default
from ccnt.ops.cache import counters, read_counters

SETTINGS = {"search": ("CCNT_SEARCH_RATE", "120/min"), "export": ("CCNT_EXPORT_RATE", "10/min"),
            "report": ("CCNT_REPORT_RATE", "10/hour")}
READ_SCOPES = {"search"}  # counted in ccnt.ops.cache.read_counters (per process without Redis)


class PageThrottle(SimpleRateThrottle):
    """DRF's sliding-window throttle (the API's), for a plain Django view."""

    def __init__(self, scope: str) -> None:
        self.scope = scope
        self.setting, self.default = SETTINGS[scope]
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)

    @property
    def cache(self):  # searches are counted on every cached hit: the cheap counters (see there)
        return read_counters() if self.scope in READ_SCOPES else counters()

    def get_rate(self) -> str:
        return getattr(settings, self.setting, self.default)

    def parse_rate(self, rate):
        return rate_or_default(rate, self.default, self.setting)

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": f"page-{self.scope}", "ident": self.get_ident(request)}


def wants_json(request: HttpRequest) -> bool:
    return request.GET.get("format") == "json" or request.path.endswith((".csv", ".xlsx", ".json"))


def too_many_requests(request: HttpRequest, scope: str, wait: float | None) -> HttpResponse:
    retry = max(1, math.ceil(wait or 1))
    if wants_json(request):  # both languages: a script reading it has no language of its own
        detail = f"请求过多，请 {retry} 秒后再试。Too many requests: please try again in {retry} seconds."
        response: HttpResponse = JsonResponse(
            {"status": 429, "detail": detail, "retry_after": retry, "scope": scope}, status=429,
            json_dumps_params={"ensure_ascii": False})
    else:  # the reader's language
        message = _("请求过多，请 %(n)s 秒后再试。") % {"n": retry}
        response = render(request, "tracker/too_many_requests.html",
                          {"retry": retry, "message": message, "scope": scope}, status=429)
    response["Retry-After"] = str(retry)
    return response


def rate_limited(scope: str, applies: Callable[[HttpRequest], bool] = lambda request: True):
    """Decorate a view: requests for which ``applies(request)`` are counted against ``scope``."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if applies(request):
                throttle = PageThrottle(scope)
                if not throttle.allow_request(request, None):
                    return too_many_requests(request, scope, throttle.wait())
            return view(request, *args, **kwargs)

        def allow(request) -> bool:
            return not applies(request) or PageThrottle(scope).allow_request(request, None)

        cached = getattr(view, "page_cache", None)
        if cached is not None and cached.view is view:
            # the early page cache serves this view's hits only after counting them here
            wrapper.page_cache = dataclasses.replace(cached, view=wrapper, allow=allow)
        return wrapper

    return decorate


def is_search(request: HttpRequest) -> bool:
    return bool(request.GET.get("q", "").strip())
