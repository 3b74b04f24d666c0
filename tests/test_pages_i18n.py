"""Chinese by default, English on request through the language switch; English names of
records where a translation exists."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from ._pages_helpers import ensure_messages_compiled

pytestmark = pytest.mark.django_db
ensure_messages_compiled()

PAGES = ["/", "/policies/?q=储能", "/regions/320000/", "/targets/?indicator=energy_intensity&year=2025", "/matrix/"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_switches_to_english_and_back(client, url):
    from ccnt.tracker.models import Policy

    chinese = client.get(url).content.decode()
    assert '<html lang="zh-Hans">' in chinese and ">政策库</a>" in chinese
    response = client.post("/i18n/setlang/", {"language": "en", "next": url})
    assert response.status_code == 302 and unquote(response["Location"]) == url
    english = client.get(url).content.decode()
    assert '<html lang="en">' in english and ">Policies</a>" in english and ">政策库</a>" not in english
    assert ">中文</button>" in english
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": url})
    assert '<html lang="zh-Hans">' in client.get(url).content.decode()
    assert Policy.objects.public().exists()


def test_english_shows_english_names_where_they_exist(client):
    from ccnt.tracker.models import Policy

    plan = Policy.objects.get(title="2030年前碳达峰行动方案")
    plan.title_en = "Action Plan for Carbon Dioxide Peaking Before 2030"
    plan.save()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(f"/policies/{plan.pk}/").content.decode()
    assert "<h1>Action Plan for Carbon Dioxide Peaking Before 2030</h1>" in html
    assert "Energy use per unit of GDP" in html  # the indicator's English name
    assert "Quantitative targets" in html and "<td>change</td>" in html
    targets = client.get("/targets/?indicator=energy_intensity&year=2025").content.decode()
    assert "National target: down 13.5% (vs 2020)" in targets


def test_the_page_language_follows_the_cookie_not_the_browser(client):
    assert '<html lang="zh-Hans">' in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.cookies["django_language"] = "en"
    assert '<html lang="en">' in client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()


def test_english_lists_show_a_curated_english_title_with_the_chinese_beside_it(client):
    from ccnt.tracker.models import Policy

    plan = Policy.objects.get(title="2030年前碳达峰行动方案")
    plan.title_en = "Action Plan for Carbon Dioxide Peaking Before 2030"
    plan.save()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/policies/?q=peaking").content.decode()
    english_at = html.index("Action Plan for Carbon Dioxide Peaking Before 2030")
    chinese_at = html.index('<span class="title-zh" lang="zh-Hans">', english_at)
    assert "2030年前碳达峰行动方案" in html[chinese_at:chinese_at + 120]
