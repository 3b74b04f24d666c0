"""Two-character words find what they should, whatever jieba makes of the longer word."""

from __future__ import annotations

import pytest

from ccnt.search.tokenize import tokenize

from ._search_helpers import ids, make_policy

pytestmark = pytest.mark.django_db


def test_it_finds_chu_neng_in_a_text_that_only_says_xinxing_chuneng_dianzhan():
    policy = make_policy("某市电网调峰设施建设通知", "加快建设一批新型储能电站，提升电网调峰能力。")
    assert "储能" in tokenize("新型储能电站").split()
    assert policy.pk in ids("q=储能")


def test_it_finds_qing_neng_in_qing_nengyuan():
    policy = make_policy("某市交通燃料替代通知", "鼓励在重型货车领域推广应用氢能源，建设加注网络。")
    assert policy.pk in ids("q=氢能")


def test_it_finds_guangfu_and_meidian():
    solar = make_policy("某县屋顶资源利用通知", "推进整县屋顶分布式光伏开发试点。")
    coal = make_policy("某省电源结构调整通知", "有序淘汰落后煤电机组，实施节能降碳改造。")
    assert solar.pk in ids("q=光伏")
    assert coal.pk in ids("q=煤电")
    assert coal.pk not in ids("q=光伏")
    assert solar.pk not in ids("q=煤电")


@pytest.mark.usefixtures("whole_demo")
def test_it_finds_the_real_demo_texts():
    found = ids("q=储能")
    from ccnt.tracker.models import Policy

    national = Policy.objects.get(title="2030年前碳达峰行动方案")
    assert national.pk in found
    assert national.pk in ids("q=碳达峰 实施方案") or "实施方案" not in national.published_version.text


def test_it_needs_every_term_of_a_phrase_query():
    both = make_policy("某市综合能源通知", "发展新型储能，同时布局氢能源产业链。")
    one = make_policy("某市储能专项通知", "发展新型储能。")
    found = ids("q=储能 氢能")
    assert both.pk in found
    assert one.pk not in found
