"""Every API response names the licence and how to cite the data: headers on every answer
(errors and refusals included) and a meta block in JSON lists."""

from __future__ import annotations

import pytest

from ._api_helpers import api_client, get_json


@pytest.fixture
def api(db, settings):
    return api_client(settings)

LISTS = ["/api/v1/policies/", "/api/v1/targets/", "/api/v1/jurisdictions/", "/api/v1/indicators/",
         "/api/v1/reports/", "/api/v1/documents/", "/api/v1/"]


def test_it_puts_the_licence_in_headers_and_meta(api, settings):
    settings.CCNT_DATA_LICENSE = "CC BY 4.0"
    for url in LISTS:
        response = api.get(url)
        assert response["X-Data-License"] == "CC BY 4.0", url
        assert 'rel="license"' in response["Link"] and response["X-Data-Citation"]
        meta = response.json()["meta"]
        assert meta["license"] == "CC BY 4.0" and meta["license_url"].startswith("https://")
        assert "retrieved" in meta["citation"] and meta["sources"] == "/downloads/sources/"


def test_it_names_the_licence_on_errors_too(api):
    for url in ["/api/v1/policies/?year=x", "/api/v1/nope/", "/api/v1/policies/0/"]:
        response = api.get(url)
        assert response.status_code in (400, 404) and response["X-Data-License"]


def test_it_takes_the_licence_from_settings(api, settings):
    settings.CCNT_DATA_LICENSE = "ODbL-1.0"
    assert get_json(api, "/api/v1/indicators/")["meta"]["license"] == "ODbL-1.0"
    assert api.get("/api/v1/indicators/")["X-Data-License"] == "ODbL-1.0"


def test_it_serves_the_third_party_sources(api):
    response = api.get("/downloads/sources/")
    text = response.content.decode()
    assert response.status_code == 200 and "Dual-carbon-policies" in text and "GPL-3.0" in text
