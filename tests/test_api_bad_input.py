"""Bad input is a 4xx with a clear JSON message, never a 500: malformed filters, huge pages,
unknown parameters and fields, bad cursors, wrong methods and formats."""

from __future__ import annotations

import pytest

from ._api_helpers import api_client, get_json


@pytest.fixture
def api(db, settings):
    return api_client(settings)

CASES = [
    ("/api/v1/policies/?page_size=100000", 400, "page_size"),
    ("/api/v1/policies/?page_size=0", 400, "page_size"),
    ("/api/v1/policies/?page_size=-5", 400, "page_size"),
    ("/api/v1/policies/?page_size=1e9", 400, "page_size"),
    ("/api/v1/policies/?page=999999", 400, "page"),
    ("/api/v1/policies/?page=0", 400, "page"),
    ("/api/v1/policies/?fields=title,password", 400, "password"),
    ("/api/v1/policies/?fields=", 400, "fields"),
    ("/api/v1/policies/?include=everything", 400, "include"),
    ("/api/v1/policies/?provnce=32", 400, "provnce"),
    ("/api/v1/policies/?cursor=%%%garbage", 400, "cursor"),
    ("/api/v1/policies/?cursor=eyJpIjoieCJ9", 400, "cursor"),
    ("/api/v1/policies/?cursor=" + "A" * 5000, 400, "cursor"),
    ("/api/v1/policies/?cursor=abc&page=2", 400, "cursor"),
    ("/api/v1/policies/?q=" + "碳" * 500, 400, "q"),
    ("/api/v1/policies/?year=2022&year=x", 400, "year"),
    ("/api/v1/policies/?sort=relevance&q=碳&cursor=abc", 400, "cursor"),
    ("/api/v1/policies/?date_from=2023-01-01&date_to=2022-01-01", 400, "date_from"),
    ("/api/v1/targets/?year=99999999999999999999", 400, "year"),
    ("/api/v1/targets/?policy=-1", 400, "policy"),
    ("/api/v1/jurisdictions/?has_policies=perhaps", 400, "has_policies"),
    ("/api/v1/jurisdictions/?level=galaxy", 400, "level"),
    ("/api/v1/policies/?format=xml", 404, ""),
    ("/api/v1/policies/\x00/", 404, ""),
]


@pytest.mark.parametrize("url, status, word", CASES)
def test_it_rejects_bad_input_with_a_clear_json_message(api, url, status, word):
    data = get_json(api, url, status=status)
    assert data["status"] == status and data["detail"]
    assert word in data["detail"] or word == data.get("param", word)


def test_it_is_read_only(api):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(api, method)("/api/v1/policies/", data={}, content_type="application/json")
        assert response.status_code == 405, method
        assert response.json()["status"] == 405


def test_it_refuses_an_unacceptable_accept_header(api):
    response = api.get("/api/v1/policies/", HTTP_ACCEPT="application/xml")
    assert response.status_code == 406 and response.json()["status"] == 406


def test_it_answers_errors_in_json_even_when_csv_was_asked(api):
    response = api.get("/api/v1/policies/?format=csv&year=x")
    assert response.status_code == 400 and response["Content-Type"].startswith("application/json")
