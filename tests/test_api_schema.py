"""The OpenAPI 3 schema is generated from the code at /api/schema/, with an interactive page at
/api/docs/ (no inline script), an example request per endpoint, and every field a response
carries described."""

from __future__ import annotations

import json

import pytest

from ._api_helpers import api_client, get_json


@pytest.fixture
def api(db, settings):
    return api_client(settings)

ENDPOINTS = ["/api/v1/policies/", "/api/v1/policies/{id}/", "/api/v1/targets/", "/api/v1/targets/{id}/",
             "/api/v1/jurisdictions/", "/api/v1/jurisdictions/{adcode}/", "/api/v1/indicators/",
             "/api/v1/indicators/{code}/", "/api/v1/reports/", "/api/v1/documents/", "/api/v1/documents/{sha256}/"]


def schema(api) -> dict:
    response = api.get("/api/schema/?format=json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_it_describes_every_endpoint_with_an_example_request(api):
    document = schema(api)
    assert document["openapi"].startswith("3.")
    for path in ENDPOINTS:
        operation = document["paths"][path]["get"]
        assert "curl 'http://127.0.0.1:8000/api/v1/" in operation["description"], path
        assert {"200", "400", "429"} <= set(operation["responses"]), path


def test_it_documents_the_search_filters_under_their_contract_names(api):
    names = {p["name"] for p in schema(api)["paths"]["/api/v1/policies/"]["get"]["parameters"]}
    assert {"q", "jurisdiction", "level", "category", "sector", "topic", "type", "legal_force", "year", "date_from",
            "date_to", "has_targets", "sort", "page", "page_size", "cursor", "fields", "include"} <= names


def test_it_describes_every_field_the_responses_carry(api):
    components = schema(api)["components"]["schemas"]
    policy = get_json(api, "/api/v1/policies/?include=targets&has_targets=1&page_size=1")["results"][0]
    assert set(policy) <= set(components["PolicyFields"]["properties"])
    assert set(policy["targets"][0]) <= set(components["TargetFields"]["properties"])
    target = get_json(api, "/api/v1/targets/?page_size=1")["results"][0]
    assert set(target) <= set(components["TargetRow"]["properties"])
    place = get_json(api, "/api/v1/jurisdictions/320000/")
    assert set(place) <= set(components["JurisdictionDetail"]["properties"])
    indicator = get_json(api, "/api/v1/indicators/non_fossil_share/")
    assert set(indicator) <= set(components["IndicatorRow"]["properties"])
    assert set(indicator["national_benchmarks"][0]) <= set(components["Benchmark"]["properties"])
    meta = get_json(api, "/api/v1/targets/?page_size=1")["meta"]
    assert set(meta) <= set(components["ListMeta"]["properties"])


def test_it_serves_an_interactive_page_without_inline_script(api):
    response = api.get("/api/docs/")
    html = response.content.decode()
    assert response.status_code == 200 and "swagger-ui" in html
    assert "<script>" not in html.replace(" ", "")
    script = api.get("/api/docs/?script=")
    assert script.status_code == 200 and b"/api/schema/" in script.content
