"""Anonymous GET pages are cached whole and served with conditional GET; a publish renews the
pages that show what changed (that policy's, its related policies', its regions' and the
corpus-wide pages) and leaves the others cached."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ccnt.tracker import publishing
from ccnt.tracker.models import Policy

from ._search_helpers import make_policy

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _cache_state(client: Client, path: str) -> str:
    return client.get(path).get("X-Page-Cache", "")


def _public_in(adcode: str) -> Policy:
    """A published policy of its own in ``adcode`` (the test database holds a few demo policies)."""
    return make_policy(f"{adcode}某地氡能试点方案", "探索氡能应用。", adcode=adcode)


def test_it_serves_a_second_visit_from_the_cache_with_one_query():
    client = Client()
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss" and first["ETag"]
    with CaptureQueriesContext(connection) as captured:
        second = Client().get("/")
    assert second["X-Page-Cache"] == "hit" and second["ETag"] == first["ETag"]
    assert len(captured) == 1  # the generations the page depends on
    assert TOKEN.sub("", second.content.decode()) == TOKEN.sub("", first.content.decode())


def test_it_answers_a_matching_etag_with_304_and_no_body():
    etag = Client().get("/matrix/")["ETag"]
    again = Client().get("/matrix/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag


def test_it_gives_each_reader_a_working_language_switch():
    Client().get("/targets/")
    reader = Client(enforce_csrf_checks=True)
    page = reader.get("/targets/")
    assert page["X-Page-Cache"] == "hit"
    token = TOKEN.search(page.content.decode()).group(1)
    assert "__ccnt" not in token and "csrftoken" in page.cookies
    switched = reader.post("/i18n/setlang/", {"language": "en", "next": "/targets/",
                                              "csrfmiddlewaretoken": token})
    assert switched.status_code == 302


def test_it_keys_pages_by_language_and_query_string():
    Client().get("/policies/?level=province")
    assert _cache_state(Client(), "/policies/?level=province") == "hit"
    assert _cache_state(Client(), "/policies/?level=city") == "miss"
    english = Client()
    english.cookies["django_language"] = "en"
    assert _cache_state(english, "/policies/?level=province") == "miss"


def test_a_publish_renews_its_region_and_neighbours_but_not_another_province():
    jiangsu, guangdong = _public_in("320500"), _public_in("440000")
    pages = ["/", "/regions/320000/", "/regions/440000/", f"/policies/{jiangsu.pk}/", f"/policies/{guangdong.pk}/"]
    for path in pages:
        Client().get(path)
    assert all(_cache_state(Client(), path) == "hit" for path in pages)
    draft = make_policy("某市氩能试点方案", "探索氩能应用。", adcode=jiangsu.jurisdiction.adcode, state="needs_review")
    assert all(_cache_state(Client(), path) == "hit" for path in pages)  # a draft changes nothing public
    publishing.publish(draft)
    assert _cache_state(Client(), "/") == "miss"
    assert _cache_state(Client(), "/regions/320000/") == "miss"
    assert _cache_state(Client(), f"/policies/{jiangsu.pk}/") == "miss"  # lists its region's latest
    assert _cache_state(Client(), "/regions/440000/") == "hit"
    assert _cache_state(Client(), f"/policies/{guangdong.pk}/") == "hit"
    assert "氩能" in Client().get("/regions/320000/").content.decode()


def test_an_edit_of_a_public_policy_renews_its_page():
    policy = _public_in("440000")
    Client().get(f"/policies/{policy.pk}/")
    policy.title = policy.title + "（修订）"
    policy.save()
    page = Client().get(f"/policies/{policy.pk}/")
    assert page["X-Page-Cache"] == "miss" and "（修订）" in page.content.decode()


def test_a_signed_in_reader_is_never_served_from_it(make_user):
    Client().get("/")
    client = Client()
    client.force_login(make_user("reader-cache"))
    assert "X-Page-Cache" not in client.get("/")
