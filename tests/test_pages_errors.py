"""The site's own 400, 404 and 500 pages, in Chinese and in English; a bad filter on a page
answers the 400 page naming the parameter, not plain text."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

from ._pages_helpers import ensure_messages_compiled

pytestmark = pytest.mark.django_db
ensure_messages_compiled()


def english(client) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})


def test_it_answers_an_unknown_address_with_the_sites_404_page(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")
    assert '<html lang="zh-Hans">' in html and "找不到页面" in html and 'href="/policies/"' in html
    english(client)
    html = client.get("/policies/999999999/").content.decode()
    assert '<html lang="en">' in html and "Page not found" in html and "找不到页面" not in html


def test_it_answers_a_bad_filter_with_the_sites_400_page(client):
    response = client.get("/policies/?level=planet")
    html = response.content.decode()
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    assert "请求有误" in html and "level" in html and "site-footer" in html
    english(client)
    html = client.get("/policies/?year=20x5").content.decode()
    assert "Bad request" in html and "year" in html and '<html lang="en">' in html
    assert client.get("/policies/?level=planet&format=json").json()["error"].startswith("level")


@pytest.mark.parametrize(("language", "lang_attr", "heading"), [
    ("zh-hans", "zh-Hans", "服务器出错"), ("en", "en", "Server error")])
def test_it_has_its_own_500_page_in_each_language(language, lang_attr, heading):
    request = RequestFactory().get("/")
    with translation.override(language):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{lang_attr}">' in html and heading in html and 'href="/policies/"' in html
