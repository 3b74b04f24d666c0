"""A page's filters read the reader's language once per request (``ccnt_tags.one_language``),
and still follow it: an English reader gets English labels, a Chinese reader Chinese ones, and
the API, which switches to English inside a request, gets English."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from ccnt.tracker.templatetags import ccnt_tags

pytestmark = pytest.mark.django_db


def test_it_fixes_the_language_inside_the_block_and_follows_a_nested_switch():
    with translation.override("zh-hans"), ccnt_tags.one_language():
        assert not ccnt_tags.english() and ccnt_tags.level_label("province") == "省级"
        with translation.override("en"), ccnt_tags.one_language():
            assert ccnt_tags.english() and ccnt_tags.level_label("province") != "省级"
            assert ccnt_tags.ambition_label("above") != "高于全国目标"
        assert not ccnt_tags.english() and ccnt_tags.level_label("province") == "省级"
    with translation.override("en"):
        assert ccnt_tags.english()  # outside a block: read each time


def test_it_renders_the_target_explorer_in_each_readers_language(settings):
    chinese = Client().get("/targets/").content.decode()
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = english.get("/targets/").content.decode()
    rows = page.split('<tr class="row', 1)[-1]
    assert 'lang="en"' in page and ("Machine-extracted" in rows or "Curator-verified" in rows)
    assert "机器提取" not in rows and "编辑核实" not in rows
    assert "机器提取" in chinese or "编辑核实" in chinese
