"""An English page says its heading once: the English gloss beside a Chinese heading is for Chinese pages."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _page(language: str) -> str:
    client = Client()
    client.cookies["django_language"] = language
    return client.get("/accounts/login/").content.decode()


def test_it_says_the_login_heading_once_in_english():
    html = _page("en")
    heading = html[html.index("<h1"):html.index("</h1>")]
    assert heading.count("Log in") == 1


def test_it_keeps_the_english_gloss_on_the_chinese_login_page():
    html = _page("zh-hans")
    heading = html[html.index("<h1"):html.index("</h1>")]
    assert "登录" in heading and "Log in" in heading
