"""Anonymous GET answers of the API drawn from public policies and targets are cached whole,
as the pages are (``ccnt.api.views.cached_answer``): per query string and ``Accept``, renewed by
a publish, answered early with ``ETag`` / 304 and counted against the anonymous limit; a request
with a token (valid or not) or a session is never answered from it. Without Redis the search and
anonymous API limits are counted in each process's memory (``ccnt.ops.cache.read_counters``),
the others in the database cache."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ccnt.api.models import ApiToken
from ccnt.tracker import publishing

from ._search_helpers import make_policy

pytestmark = pytest.mark.django_db
URL = "/api/v1/policies/?page_size=5"


@pytest.fixture
def api(settings):
    settings.CCNT_API_ANON_RATE = "100000/min"
    return Client()


def _early(response) -> bool:
    """Answered before URL resolution (the handler sets ``resolver_match`` when it resolves)."""
    return response.get("X-Page-Cache") == "hit" and response.wsgi_request.resolver_match is None


def test_it_answers_a_second_anonymous_request_early_with_the_same_answer(api):
    first = api.get(URL)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as captured:
        again = api.get(URL)
    assert _early(again) and len(captured) == 1  # the generation only
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert again["Content-Type"] == first["Content-Type"] and "Accept" in again["Vary"]
    assert again["Cache-Control"] == first["Cache-Control"] == "public, max-age=60"
    assert again["Link"] == first["Link"]  # the licence headers, as on a built answer


def test_it_answers_a_matching_etag_early_with_304(api):
    first = api.get(URL)
    unchanged = api.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304 and not unchanged.content
    assert unchanged.wsgi_request.resolver_match is None


def test_it_keys_answers_by_format_and_accept(api):
    json_answer = api.get(URL)
    csv_by_param = api.get(URL + "&format=csv")
    csv_by_accept = api.get(URL, HTTP_ACCEPT="text/csv")
    assert json_answer["Content-Type"].startswith("application/json")
    assert csv_by_param["Content-Type"].startswith("text/csv") and csv_by_param["X-Page-Cache"] == "miss"
    assert csv_by_accept["Content-Type"].startswith("text/csv") and csv_by_accept["X-Page-Cache"] == "miss"
    assert api.get(URL, HTTP_ACCEPT="text/csv").content == csv_by_accept.content
    assert api.get(URL)["Content-Type"].startswith("application/json")


def test_it_never_answers_a_token_request_from_the_anonymous_cache(api):
    api.get(URL)
    assert _early(api.get(URL))
    token, key = ApiToken.create_with_key(name="whole-cache")
    with_token = Client(HTTP_AUTHORIZATION=f"Token {key}").get(URL)
    assert with_token.status_code == 200 and "X-Page-Cache" not in with_token
    assert with_token.wsgi_request.resolver_match is not None
    token.revoke()
    revoked = Client(HTTP_AUTHORIZATION=f"Token {key}").get(URL)
    assert revoked.status_code == 401  # never the anonymous answer in its place
    assert Client(HTTP_AUTHORIZATION="Token not-a-key").get(URL).status_code == 401


def test_a_publish_renews_the_cached_answer(api):
    api.get("/api/v1/policies/?q=氩能")
    assert _early(api.get("/api/v1/policies/?q=氩能"))
    draft = make_policy("江苏某市氩能试点方案", "探索氩能应用。", adcode="320500", state="needs_review")
    assert _early(api.get("/api/v1/policies/?q=氩能"))  # a draft changes nothing public
    publishing.publish(draft)
    renewed = api.get("/api/v1/policies/?q=氩能")
    assert renewed["X-Page-Cache"] == "miss" and "氩能" in renewed.content.decode()


def test_it_counts_cached_answers_against_the_anonymous_limit(settings):
    settings.CCNT_API_ANON_RATE = "3/min"
    client = Client()
    answers = [client.get(URL) for _ in range(3)]
    assert [a.status_code for a in answers] == [200] * 3 and _early(answers[-1])
    refused = client.get(URL)
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert refused.json()["status"] == 429
    assert Client(REMOTE_ADDR="198.51.100.9").get(URL).status_code == 200  # another client


def test_it_keeps_the_read_limits_in_process_memory_and_the_others_in_the_database(settings):
    from ccnt.api.throttles import AnonThrottle, TokenThrottle
    from ccnt.ops.cache import counters, read_counters
    from ccnt.ops.ratelimit import PageThrottle

    assert type(read_counters()).__name__ == "LocMemCache"
    assert type(counters()).__name__ == "DatabaseCache"
    assert AnonThrottle().cache is read_counters() and PageThrottle("search").cache is read_counters()
    assert TokenThrottle().cache is counters() and PageThrottle("export").cache is counters()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # as with Redis
    assert read_counters() is counters()


def test_it_counts_a_cached_search_without_a_database_write(settings):
    settings.CCNT_SEARCH_RATE = "2/min"
    client = Client()
    client.get("/policies/?q=储能")
    with CaptureQueriesContext(connection) as captured:
        second = client.get("/policies/?q=储能")
    assert _early(second) and len(captured) == 1
    assert client.get("/policies/?q=储能").status_code == 429
