"""Public policies have passages that quote their text exactly; nothing else has any
(``ccnt.search.passages.rebuild_passages``, called with the keyword index)."""

from __future__ import annotations

import pytest

from _search_helpers import make_policy
from ccnt.search import passages
from ccnt.search.index import reindex_all
from ccnt.search.models import Passage
from ccnt.tracker.models import Authority, PolicyIssuer, PolicyVersion

pytestmark = pytest.mark.django_db

PAD = "坚持系统观念，统筹发展和安全，加强顶层设计，强化结果控制，合理确定工作节奏，统筹推进各项工作。"
TEXT = f"""关于推进既有建筑节能改造的通知
一、总体要求
（一）工作目标
到2025年，完成既有居住建筑节能改造面积1000万平方米，老旧小区供热管网全部完成更新。{PAD}
（二）重点任务
推广清洁取暖，减少散煤燃烧。鼓励热泵、地热等可再生能源供暖。{PAD}
二、保障措施
各地要加大财政支持力度。{PAD}
"""


@pytest.fixture
def embeddings_on(settings):
    settings.CCNT_EMBEDDINGS = True


def _rows(policy, kind="text"):
    return list(Passage.objects.filter(policy=policy, kind=kind).order_by("ordinal"))


def test_it_quotes_the_published_text_exactly(embeddings_on):
    policy = make_policy("关于推进既有建筑节能改造的通知", TEXT)
    rows = _rows(policy)
    assert len(rows) >= 3
    text = policy.published_version.text
    assert all(row.kind == "text" and row.text == text[row.start : row.end] for row in rows)
    assert [row.ordinal for row in rows] == list(range(len(rows)))
    title = _rows(policy, "meta")  # and one more of what the document is: its title, issuers, summary
    assert [(row.ordinal, row.start) for row in title] == [(len(rows), None)]
    assert title[0].text.startswith("关于推进既有建筑节能改造的通知\n")
    assert any(row.heading == "（二）重点任务" and "清洁取暖" in row.text for row in rows)
    assert all(row.text_hash == passages.text_hash(passages.model_text(row.heading, row.text)) for row in rows)


def test_it_follows_a_new_version_and_writes_nothing_when_unchanged(embeddings_on):
    policy = make_policy("关于推进既有建筑节能改造的通知", TEXT)
    before = {row.pk for row in _rows(policy)}
    assert passages.rebuild_passages([policy.pk]) == 0
    assert {row.pk for row in _rows(policy)} == before
    version = PolicyVersion.objects.create(policy=policy, number=2, text=TEXT.replace("1000万", "2000万"))
    policy.published_version = version
    policy.save()
    rows = _rows(policy)
    assert any("2000万平方米" in row.text for row in rows)
    assert all(row.text == version.text[row.start : row.end] for row in rows)


def test_it_removes_the_passages_of_a_policy_no_longer_public(embeddings_on):
    policy = make_policy("关于推进既有建筑节能改造的通知", TEXT)
    assert _rows(policy)
    policy.review_state = "draft"
    policy.save()
    assert _rows(policy) == []
    draft = make_policy("草稿中的方案", TEXT, state="draft")
    assert _rows(draft) == []
    public = make_policy("另一个方案", TEXT)
    pk = public.pk
    public.delete()
    assert not Passage.objects.filter(policy_id=pk).exists()


def test_it_gives_a_policy_without_text_meta_passages(embeddings_on):
    policy = make_policy("江苏省数据中心能效提升行动计划", "", summary_zh="新建大型数据中心电能利用效率不高于1.3。")
    PolicyIssuer.objects.create(policy=policy, authority=Authority.objects.order_by("pk").first())
    passages.rebuild_passages([policy.pk])
    rows = _rows(policy, "meta")
    assert _rows(policy) == []
    assert rows and all(row.kind == "meta" and row.start is None and row.end is None for row in rows)
    joined = "\n".join(row.text for row in rows)
    assert "江苏省数据中心能效提升行动计划" in joined and "电能利用效率不高于1.3" in joined
    assert "发文机关：" in joined and "地区：江苏省" in joined


def test_it_makes_none_when_embeddings_are_off(settings):
    settings.CCNT_EMBEDDINGS = False
    policy = make_policy("关于推进既有建筑节能改造的通知", TEXT)
    assert _rows(policy) == []
    assert passages.rebuild_all() == 0


def test_it_rebuilds_every_public_policy_with_the_index(embeddings_on):
    policy = make_policy("关于推进既有建筑节能改造的通知", TEXT)
    Passage.objects.filter(policy=policy).delete()
    reindex_all(clear=True)
    assert _rows(policy)
    assert not Passage.objects.exclude(policy__review_state="published").exists()


def test_it_is_checked_by_check_data(embeddings_on):
    from ccnt.ops.invariants import check_passages

    policy = make_policy("关于推进既有建筑节能改造的通知", TEXT)
    assert [p for p in check_passages() if "offsets" in p.message] == []
    row = _rows(policy)[1]
    Passage.objects.filter(pk=row.pk).update(start=row.start + 1)
    assert any("offsets do not quote" in p.message and f"passage #{row.pk}" in p.examples for p in check_passages())
