"""Snippets and titles highlight the query with <mark> and escape everything else."""

from __future__ import annotations

import pytest

from ._search_helpers import make_policy, run

pytestmark = pytest.mark.django_db


def test_it_marks_the_hits_in_the_snippet():
    policy = make_policy("某市电网调峰设施建设通知", "前言。" * 50 + "加快建设一批新型储能电站，提升调峰能力。")
    result = run("q=储能", page_size=1000)
    snippet = result.snippets[policy.pk]
    assert "新型<mark>储能</mark>电站" in snippet
    assert len(snippet) < 400


def test_it_escapes_html_in_the_text_and_the_title():
    policy = make_policy("<b>氦能</b>方案", '<script>alert("x")</script>探索氦能应用 & 示范。')
    result = run("q=氦能")
    snippet = result.snippets[policy.pk]
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet and "&amp;" in snippet
    assert "<mark>氦能</mark>" in snippet
    assert result.titles[policy.pk] == "&lt;b&gt;<mark>氦能</mark>&lt;/b&gt;方案"


def test_it_returns_snippets_in_the_json(client):
    make_policy("某市氦能方案", "探索氦能应用。")
    data = client.get("/policies/?q=氦能&format=json").json()
    assert data["results"][0]["snippet"] == "探索<mark>氦能</mark>应用。"
    assert data["terms"] == ["氦能"]
