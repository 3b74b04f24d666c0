"""An anonymous reader's cached page is answered by ``EarlyPageCacheMiddleware`` before the URL
resolver and the view run, with the headers and cookies a page rendered through the whole chain
gets; signed-in readers, curators, API clients with a token, unknown hosts and rate-limited
searches are never answered from it."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from ccnt.tracker import publishing

from ._search_helpers import make_policy

pytestmark = pytest.mark.django_db
PER_REQUEST = {"X-Page-Cache", "Date"}


@pytest.fixture
def fresh_cache(settings):
    caches = {alias: dict(config) for alias, config in settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = "test-" + uuid.uuid4().hex[:8]
    settings.CACHES = caches


def _early(response) -> bool:
    """Answered before URL resolution (the handler sets ``resolver_match`` when it resolves)."""
    return response.get("X-Page-Cache") == "hit" and response.wsgi_request.resolver_match is None


@pytest.mark.parametrize("path", ["/", "/matrix/", "/policies/?level=province", "/regions/320000/"])
def test_it_answers_a_second_anonymous_visit_before_resolving_the_url(path, fresh_cache):
    first = Client().get(path)
    assert first["X-Page-Cache"] == "miss" and first.wsgi_request.resolver_match is not None
    assert _early(Client().get(path))


def test_it_gives_an_early_hit_the_headers_and_cookies_of_a_rendered_page(fresh_cache):
    rendered = Client().get("/matrix/")
    hit = Client().get("/matrix/")
    assert _early(hit)
    assert {k: v for k, v in hit.items() if k not in PER_REQUEST} == {
        k: v for k, v in rendered.items() if k not in PER_REQUEST}
    assert "Cookie" in hit["Vary"] and hit["Content-Language"] == "zh-hans"
    assert hit["Content-Security-Policy"] and hit["X-Frame-Options"] == "DENY"
    assert set(hit.cookies) == set(rendered.cookies) == {"csrftoken"}


def test_it_serves_the_english_page_to_an_english_reader_and_the_chinese_one_to_others(fresh_cache):
    english = Client()
    english.cookies["django_language"] = "en"
    english.get("/matrix/")
    Client().get("/matrix/")
    again = english.get("/matrix/")
    assert _early(again) and again["Content-Language"] == "en"
    assert 'lang="en"' in again.content.decode()
    chinese = Client().get("/matrix/")
    assert _early(chinese) and 'lang="zh-Hans"' in chinese.content.decode()


def test_it_never_answers_a_signed_in_reader_or_a_curator_from_it(fresh_cache, make_user, django_user_model):
    Client().get("/")
    reader = Client()
    reader.force_login(make_user("reader-early"))
    curator = Client()
    curator.force_login(django_user_model.objects.create_user("curator-early", is_staff=True))
    for client in (reader, curator):
        page = client.get("/")
        assert "X-Page-Cache" not in page and page.wsgi_request.user.is_authenticated
    assert "X-Page-Cache" not in Client(HTTP_AUTHORIZATION="Token abc").get("/")


def test_it_refuses_an_unknown_host_even_for_a_cached_page(fresh_cache):
    Client().get("/")
    assert Client(HTTP_HOST="evil.example").get("/").status_code == 400


def test_it_counts_cached_searches_against_the_search_rate(settings, fresh_cache):
    settings.CCNT_SEARCH_RATE = "2/min"
    client = Client()
    first, second = client.get("/policies/?q=储能"), client.get("/policies/?q=储能")
    assert (first.status_code, second.status_code) == (200, 200) and _early(second)
    assert client.get("/policies/?q=储能").status_code == 429


def test_a_publish_makes_the_early_path_miss_and_show_the_new_policy(fresh_cache):
    make_policy("江苏某地氡能试点方案", "探索氡能应用。", adcode="320500")
    Client().get("/regions/320000/")
    assert _early(Client().get("/regions/320000/"))
    draft = make_policy("江苏某市氩能试点方案", "探索氩能应用。", adcode="320500", state="needs_review")
    assert _early(Client().get("/regions/320000/"))  # a draft changes nothing public
    publishing.publish(draft)
    renewed = Client().get("/regions/320000/")
    assert renewed["X-Page-Cache"] == "miss" and "氩能" in renewed.content.decode()


def test_it_answers_a_cached_policy_page_with_one_query_that_follows_its_region(fresh_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    policy = make_policy("江苏某地氖能试点方案", "探索氖能应用。", adcode="320500")
    Client().get(f"/policies/{policy.pk}/")
    with CaptureQueriesContext(connection) as captured:
        assert _early(Client().get(f"/policies/{policy.pk}/"))
    assert len(captured) == 1  # its own, its region's and the catalogue's generations together
    publishing.publish(make_policy("江苏某市氪能试点方案", "探索氪能应用。", adcode="320500", state="needs_review"))
    assert Client().get(f"/policies/{policy.pk}/")["X-Page-Cache"] == "miss"  # its region's latest changed


def test_the_report_pages_follow_reports_not_each_policy_publish(fresh_cache):
    from datetime import date

    from ccnt.reports.models import Report

    Client().get("/reports/")
    publishing.publish(make_policy("江苏某市氙能试点方案", "探索氙能应用。", adcode="320500", state="needs_review"))
    assert _early(Client().get("/reports/"))  # a frozen snapshot: a policy publish leaves it
    Report.objects.create(month=date(2031, 5, 1))
    assert Client().get("/reports/")["X-Page-Cache"] == "miss"
