"""Every province and prefecture-level division has an English name: the usual form where it is
not plain pinyin, otherwise pinyin of the name without its suffix; the pages show it in English."""

from __future__ import annotations

import pytest

from ccnt.tracker.loaders.english_names import english_name, pinyin

pytestmark = pytest.mark.django_db


def test_it_names_every_province_and_prefecture_in_english():
    from ccnt.tracker.models import Jurisdiction

    units = Jurisdiction.objects.current().filter(level__in=("province", "city"), kind="division")
    assert units.count() > 300
    assert not [j.name for j in units if not j.name_en or any("\u4e00" <= ch <= "\u9fff" for ch in j.name_en)]


@pytest.mark.parametrize(("adcode", "english"), [
    ("110000", "Beijing"), ("150000", "Inner Mongolia"), ("450000", "Guangxi"), ("540000", "Tibet (Xizang)"),
    ("640000", "Ningxia"), ("650000", "Xinjiang"), ("810000", "Hong Kong"), ("820000", "Macao"),
    ("610000", "Shaanxi"), ("140000", "Shanxi"), ("320500", "Suzhou"), ("610100", "Xi'an"), ("341500", "Lu'an"),
    ("211300", "Chaoyang"), ("222400", "Yanbian Prefecture"), ("110105", "Chaoyang District")])
def test_it_uses_the_usual_english_forms(adcode, english):
    from ccnt.tracker.models import Jurisdiction

    assert Jurisdiction.objects.by_adcode(adcode).name_en == english


def test_it_transliterates_with_apostrophes_and_unit_words():
    assert pinyin("西安") == "Xi'an" and pinyin("吕梁") == "Lüliang" and pinyin("重庆") == "Chongqing"
    assert english_name("999999", "某某县", "", "county", "division") == "Moumou County"
    assert english_name("999998", "某某旗", "", "county", "division") == "Moumou Banner"
    assert english_name("999997", "某开发区", "", "county", "dev_zone") == ""


def test_english_pages_show_the_english_place_names(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/regions/320000/").content.decode()
    assert "<h1>Jiangsu" in html or ">Jiangsu<" in html
    assert "Suzhou" in html  # a child prefecture
