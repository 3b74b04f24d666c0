"""ETag / Last-Modified: a repeated request with If-None-Match or If-Modified-Since gets a 304;
an edit of the data changes the ETag."""

from __future__ import annotations

import pytest

from ccnt.tracker.models import Policy

from ._api_helpers import api_client


@pytest.fixture
def api(db, settings):
    return api_client(settings)

URLS = ["/api/v1/policies/?page_size=5", "/api/v1/targets/", "/api/v1/jurisdictions/?level=province",
        "/api/v1/indicators/", "/api/v1/reports/", "/api/v1/documents/", "/api/v1/policies/?format=csv"]


def test_it_answers_304_to_a_matching_etag(api):
    for url in URLS:
        first = api.get(url)
        assert first.status_code == 200 and first["ETag"] and first["Last-Modified"], url
        again = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304 and not again.content, url
        since = api.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert since.status_code == 304, url


def test_it_changes_the_etag_when_the_data_changes(api):
    first = api.get("/api/v1/policies/?page_size=5")
    policy = Policy.objects.public().first()
    policy.title_en = "A new English title"
    policy.save()
    second = api.get("/api/v1/policies/?page_size=5", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200 and second["ETag"] != first["ETag"]


def test_it_gives_each_format_its_own_etag(api):
    assert api.get("/api/v1/indicators/")["ETag"] != api.get("/api/v1/indicators/?format=csv")["ETag"]


@pytest.mark.django_db
def test_it_never_remembers_the_fingerprint_across_a_new_generation():
    from ccnt.api import conditional
    from ccnt.search import index

    conditional.data_stamp()
    stale = ("stale-fingerprint", None)
    conditional._cached = (conditional._cached[0], *stale, conditional._cached[3])
    assert conditional.data_stamp() == stale  # within the TTL, same generation: remembered
    index.bump()  # a publish seen by another process: no signal reached this one
    assert conditional.data_stamp() != stale
