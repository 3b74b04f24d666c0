"""Request logging (one JSON line per request), ``/healthz`` (readiness) and ``/livez`` (liveness).

Both sit first in ``MIDDLEWARE``: the log times everything below it, and the health check is
answered before host validation and the HTTPS redirect, so a load balancer probing
``http://10.0.0.5:8000/healthz`` gets the answer, not a 400 or a 301.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime

log = logging.getLogger("ccnt.request")
HEALTHZ_PATHS = ("/healthz", "/healthz/")
LIVEZ_PATHS = ("/livez", "/livez/")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        if log.isEnabledFor(logging.INFO):
            duration = (time.perf_counter() - started) * 1000
            record = {
                "ts": datetime.now(UTC).isoformat(timespec="milliseconds"),
                "method": request.method,
                "path": request.path,  # no query string: it may carry tokens or personal data
                "status": response.status_code,
                "duration_ms": round(duration, 2),  # /livez takes a tenth of a millisecond
            }
            if response.has_header("Content-Length"):  # a cached page's chunks are not joined to count them
                record["bytes"] = int(response["Content-Length"])
            elif not response.streaming:
                record["bytes"] = len(response.content)
            log.info(json.dumps(record, ensure_ascii=False), extra={"request_record": record})
        return response


class HealthzMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            if request.path_info in LIVEZ_PATHS:
                from .health import livez

                return livez(request)
            if request.path_info in HEALTHZ_PATHS:
                from .health import healthz

                return healthz(request)
        return self.get_response(request)


class RequestScopeMiddleware:
    """Each request reads the data's generation once (``ccnt.search.index.request_scope``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from ccnt.search.index import request_scope

        with request_scope():
            return self.get_response(request)
