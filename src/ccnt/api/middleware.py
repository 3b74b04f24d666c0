"""Every response of the data-user surfaces (API, feeds, downloads) names the licence and how to
cite the data, errors and rate-limit refusals included."""

from __future__ import annotations

from . import licence

PREFIXES = ("/api/", "/downloads/", "/feeds/", "/policies/feed/")


class DataLicenseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(PREFIXES):
            for name, value in licence.headers(request).items():
                if name == "Link" and response.has_header("Link"):
                    value = response["Link"] + ", " + value
                response[name] = value
        return response
