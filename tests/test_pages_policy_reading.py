"""A policy's full text reads like the document: its headings are headings, its numbered items
paragraphs, a spaced table a table, and every target's source is marked where it stands."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from ccnt.tracker.reading import blocks, document_html

TEXT = ("关于推进绿色低碳发展的实施方案\n一、主要目标\n到2025年，非化石能源消费比重达到20%。\n"
        "（一）重点任务\n(一)推进节能。各地要加强节能。1.优化结构。加快调整。2.提升能效。"
        "单位产值能耗下降13.5%。\n指标  2020年  2025年\n光伏装机  100  300\n")


def target(pk: int, text: str, source: str = TEXT) -> SimpleNamespace:
    start = source.index(text)
    return SimpleNamespace(pk=pk, start=start, end=start + len(text), text=text)


def test_it_reads_headings_items_and_tables():
    kinds = [b.kind for b in blocks(TEXT)]
    assert kinds[:4] == ["p", "h3", "p", "h4"]
    assert kinds.count("row") == 2
    paragraphs = [TEXT[b.start:b.end] for b in blocks(TEXT) if b.kind == "p"]
    assert "1.优化结构。加快调整。" in paragraphs and "2.提升能效。单位产值能耗下降13.5%。" in paragraphs


def test_it_keeps_every_character_of_the_text():
    html = document_html(TEXT, [])
    plain = re.sub(r"<[^>]+>", "", str(html))
    assert re.sub(r"\s", "", plain) == re.sub(r"\s", "", TEXT)
    assert "<h3>一、主要目标</h3>" in html and "<table" in html and "<strong>2.提升能效。</strong>" in html


def test_it_marks_each_target_and_splits_a_mark_across_blocks():
    across = "加快调整。2.提升能效。"
    html = document_html(TEXT, [target(7, "非化石能源消费比重达到20%"), target(8, across)])
    assert '<mark id="t-7" class="target-source" tabindex="-1">非化石能源消费比重达到20%</mark>' in html
    assert html.count('id="t-8"') == 1 and html.count("<mark") == 3


def test_it_ignores_a_span_that_does_not_quote_the_text():
    stale = SimpleNamespace(pk=9, start=0, end=4, text="别的文字")
    assert "<mark" not in document_html(TEXT, [stale])


@pytest.mark.django_db
def test_the_policy_page_shows_the_document_with_its_targets_marked(client):
    from ccnt.tracker.models import Policy

    policy = Policy.objects.get(title="2030年前碳达峰行动方案")
    html = client.get(f"/policies/{policy.pk}/").content.decode()
    assert "<h3>一、总体要求</h3>" in html and "<h4>（一）指导思想</h4>" in html
    marked = policy.targets.exclude(start=None).first()
    assert f'id="t-{marked.pk}"' in html
    assert html.index('id="fulltext-title"') < html.index('id="related-title"')
