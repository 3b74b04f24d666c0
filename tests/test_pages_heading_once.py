"""An English page says its heading once: the English gloss beside a Chinese heading is for Chinese pages."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_it_says_the_login_heading_once_in_english():
    html = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    heading = html[html.index("<h1"):html.index("</h1>")]
    assert heading.count("Log in") == 1


def test_it_keeps_the_english_gloss_on_the_chinese_login_page():
    html = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    heading = html[html.index("<h1"):html.index("</h1>")]
    assert "登录" in heading and "Log in" in heading
