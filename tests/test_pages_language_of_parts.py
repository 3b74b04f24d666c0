"""On an English page, Chinese text is marked ``lang="zh-Hans"`` (WCAG 3.1.2, language of parts) so
a screen reader switches to a Chinese voice; English text, and every text on a Chinese page, is
left unmarked. The filter ``zh`` does it where a value may be either language (a title shown through
``loc``); tests/test_accessibility.py checks every page type in a browser. Rejected: marking the
whole <main> Chinese on an English page (the interface text around the titles is English)."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from ._pages_helpers import ensure_messages_compiled

pytestmark = pytest.mark.django_db
ensure_messages_compiled()

ZH = Template("{% load ccnt_tags %}{{ value|zh }}")


def _render(value: str, language: str) -> str:
    with translation.override(language):
        return ZH.render(Context({"value": value}))


def test_it_marks_chinese_text_only_on_an_english_page():
    assert _render("江苏省碳达峰实施方案", "en") == '<span lang="zh-Hans">江苏省碳达峰实施方案</span>'
    assert _render("about 40亿吨", "en") == '<span lang="zh-Hans">about 40亿吨</span>'
    assert _render("Jiangsu", "en") == "Jiangsu"
    assert _render("江苏省碳达峰实施方案", "zh-hans") == "江苏省碳达峰实施方案"


def test_it_still_escapes_what_it_marks():
    assert _render("<b>储能</b>", "en") == '<span lang="zh-Hans">&lt;b&gt;储能&lt;/b&gt;</span>'
    assert _render("<b>", "zh-hans") == "&lt;b&gt;"


def test_a_policy_page_in_english_marks_its_chinese_title_and_source_sentences(client):
    from ccnt.tracker.models import Policy

    policy = Policy.objects.public().filter(title_en="", targets__isnull=False).first()
    assert policy is not None
    chinese = client.get(f"/policies/{policy.pk}/").content.decode()
    assert f"<h1>{policy.title}</h1>" in chinese
    client.cookies["django_language"] = "en"
    english = client.get(f"/policies/{policy.pk}/").content.decode()
    assert f'<h1><span lang="zh-Hans">{policy.title}</span></h1>' in english
    assert '<td class="source-text" lang="zh-Hans">' in english
