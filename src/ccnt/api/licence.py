"""The data licence and how to cite it: in every API response's headers and in JSON ``meta``."""

from __future__ import annotations

from datetime import date

from django.conf import settings

SOURCES_PATH = "/downloads/sources/"


def licence() -> dict[str, str]:
    return {
        "license": settings.CCNT_DATA_LICENSE,
        "license_url": settings.CCNT_DATA_LICENSE_URL,
        "sources": SOURCES_PATH,
    }


def citation(request=None) -> str:
    url = request.build_absolute_uri("/") if request is not None else "/"
    return settings.CCNT_DATA_CITATION.format(date=date.today().isoformat(), url=url)


def meta(request=None) -> dict[str, str]:
    return {
        **licence(),
        "citation": citation(request),
        "notice": "The tracker's own data is under the licence above; some demo facts come from third-party "
        "data sets with their own licences, listed at " + SOURCES_PATH + ".",
    }


def headers(request=None) -> dict[str, str]:
    return {
        "X-Data-License": settings.CCNT_DATA_LICENSE,
        "X-Data-Citation": citation(request).encode("ascii", "replace").decode(),
        "Link": f'<{settings.CCNT_DATA_LICENSE_URL}>; rel="license", <{SOURCES_PATH}>; rel="describedby"',
    }
