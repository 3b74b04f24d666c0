"""``ccnt eval --search`` scores the search against information needs by title: recall@10 and MRR
per part, language and mode; a title no public policy carries is reported, and a need left with no
relevant policy is skipped by name; a malformed needs file is an error naming its line."""

from __future__ import annotations

import json

import pytest

from ccnt.search.evaluate import read_needs, score

from ._search_helpers import make_policy

pytestmark = pytest.mark.django_db


def _needs(tmp_path, *needs):
    path = tmp_path / "needs.jsonl"
    path.write_text("\n".join(json.dumps(n, ensure_ascii=False) for n in needs), encoding="utf-8")
    return path


def test_it_scores_recall_and_mrr_per_part_language_and_mode(tmp_path):
    make_policy("某省氦能产业发展方案", "发展氦能产业。")
    make_policy("某省氖能示范通知", "开展氖能示范。")
    path = _needs(tmp_path,
                  {"id": "a", "lang": "zh", "part": "dev", "query": "氦能", "relevant": ["某省氦能产业发展方案"]},
                  {"id": "b", "lang": "zh", "part": "dev", "query": "氖能",
                   "relevant": ["某省氖能示范通知", "不存在的标题"]},
                  {"id": "c", "lang": "en", "part": "test", "query": "helium", "relevant": ["没有这项政策"]})
    result = score(read_needs(path))
    figures = result["figures"]
    assert figures["dev/zh/keyword"] == {"needs": 2, "recall_at_10": 1.0, "mrr": 1.0}
    assert figures["dev/zh/hybrid"]["needs"] == 2  # embeddings off: the keyword search
    assert result["missing_titles"] == ["b: 不存在的标题", "c: 没有这项政策"]
    assert result["skipped_needs"] == ["c"]
    assert not any(key.startswith("test/") for key in figures)


def test_it_names_the_line_of_a_malformed_need(tmp_path):
    path = tmp_path / "needs.jsonl"
    path.write_text('{"id": "a", "lang": "zh", "part": "dev", "query": "氦能", "relevant": []}\n{"id": "b"}\n',
                    encoding="utf-8")
    with pytest.raises(ValueError, match=r"needs.jsonl:2"):
        read_needs(path)
