"""Passages follow the text's structure, with exact offsets (``ccnt.analysis.passages``)."""

from __future__ import annotations

import pytest

from _corpus import require_corpus
from ccnt.analysis.passages import MAX_CHARS, split_passages, worth_embedding

PAD = "坚持系统观念，统筹发展和安全，加强顶层设计，强化结果控制，合理确定工作节奏，统筹推进各项工作。"  # 47 characters
PLAN = f"""城乡建设领域碳达峰实施方案
为深入贯彻落实党中央、国务院关于碳达峰碳中和决策部署，制定本实施方案。
一、总体要求
（一）指导思想
以习近平新时代中国特色社会主义思想为指导，推进城市更新行动和乡村建设行动。{PAD}
（二）工作原则
坚持系统谋划、分步实施。{PAD}
坚持因地制宜，科学确定节能降碳要求。{PAD}
二、建设绿色低碳城市
（三）推进城乡建设绿色低碳转型
城市形态、密度、功能布局和建设方式对碳减排具有基础性重要影响。{PAD}
（四）优化城市结构和布局。积极开展绿色低碳城市建设，推动组团式发展。{PAD}
"""


def _texts(text: str) -> list[str]:
    return [text[p.start : p.end] for p in split_passages(text)]


def test_it_gives_each_passage_its_governing_heading():
    passages = split_passages(PLAN)
    by_text = {PLAN[p.start : p.end]: p.heading for p in passages}
    principle = next(t for t in by_text if "坚持系统谋划" in t)
    assert by_text[principle] == "（二）工作原则"
    assert "坚持因地制宜" in principle  # two short paragraphs under one heading: one passage
    city = next(t for t in by_text if "城市形态" in t)
    assert by_text[city] == "（三）推进城乡建设绿色低碳转型"
    assert city.startswith("二、建设绿色低碳城市\n（三）")  # the heading lines belong to the passage below them
    inline = next(t for t in by_text if "组团式发展" in t)
    assert by_text[inline] == "（四）优化城市结构和布局"
    # the title and the preamble, too short alone, open the first section's passage
    assert next(t for t in by_text if "制定本实施方案" in t).startswith("城乡建设领域碳达峰实施方案\n为深入")


def test_it_never_merges_across_a_heading():
    texts = _texts(PLAN)
    assert not any("指导思想" in t and "工作原则" in t for t in texts)
    assert not any("坚持因地制宜" in t and "建设绿色低碳城市" in t for t in texts)
    assert not any("城市形态" in t and "组团式" in t for t in texts)


def test_it_joins_a_short_passage_to_the_next_within_its_top_level_section():
    text = ("一、重点任务\n（一）企业关停减少的碳排放量；\n（二）转产减少的碳排放量；\n"
            f"（三）淘汰落后产能。{PAD}{PAD}\n二、保障措施\n加强组织领导。\n")
    texts = _texts(text)
    assert texts[0].startswith("一、重点任务\n（一）企业关停") and "淘汰落后产能" in texts[0]
    assert texts[1:] == ["二、保障措施\n加强组织领导。"]  # alone, short: never joined across 二、
    assert split_passages(text)[0].heading == "（三）淘汰落后产能"  # the heading of its longer part


def test_it_merges_numbered_items_and_articles_under_one_heading():
    text = (f"第一章 总则\n第一条 为了保护环境，制定本条例。{PAD}\n第二条 本条例适用于本市。\n"
            f"第二章 监督管理\n第三条 各级政府负责。{PAD}\n")
    passages = split_passages(text)
    assert [text[p.start : p.end] for p in passages] == [
        f"第一章 总则\n第一条 为了保护环境，制定本条例。{PAD}\n第二条 本条例适用于本市。",
        f"第二章 监督管理\n第三条 各级政府负责。{PAD}",
    ]
    assert [p.heading for p in passages] == ["第一章总则", "第二章监督管理"]
    items = "（一）主要任务\n1.推进光伏发电。\n2.发展风电。\n3.建设储能设施。\n"
    assert _texts(items) == [items.strip()]


def test_it_splits_a_long_paragraph_at_sentence_ends():
    sentence = "推进工业领域节能降碳改造，提升能源利用效率和清洁能源使用比例。"
    text = "（五）工业降碳\n" + sentence * 40
    passages = split_passages(text)
    assert len(passages) >= 3
    assert all(p.end - p.start <= MAX_CHARS for p in passages)
    assert all(p.heading == "（五）工业降碳" for p in passages)
    assert all(text[p.start : p.end].endswith("。") for p in passages)
    covered = "".join(text[p.start : p.end] for p in passages)
    assert covered == text  # nothing lost, nothing repeated (no blank between the pieces here)


def test_it_cuts_a_sentence_longer_than_a_passage():
    text = "、".join(["光伏"] * 600)
    passages = split_passages(text)
    assert all(0 < p.end - p.start <= MAX_CHARS for p in passages)
    assert "".join(text[p.start : p.end] for p in passages) == text


@pytest.mark.parametrize("text", ["", "   \n\u3000\n", "\n\n"])
def test_it_gives_no_passage_for_a_blank_text(text):
    assert split_passages(text) == []


def test_it_keeps_offsets_exact_on_the_real_texts():
    texts = [path.read_text(encoding="utf-8") for path in sorted(require_corpus().glob("*.txt"))]
    assert len(texts) >= 5
    for text in texts:
        passages = split_passages(text)
        assert passages
        previous_end = 0
        for p in passages:
            span = text[p.start : p.end]
            assert span.strip() == span and span  # no blank edges, no blank passage
            assert p.end - p.start <= MAX_CHARS
            assert p.start >= previous_end  # in order, never overlapping
            previous_end = p.end
        kept = "".join(text[p.start : p.end] for p in passages)
        assert len(kept.replace("\n", "")) >= 0.98 * len(text.replace("\n", "").replace(" ", ""))


def test_it_skips_tables_of_figures_for_embedding():
    assert not worth_embedding("2020 2025 2030\n13.5 18.0 25.0\n| 1 | 2 | 3 |")
    assert worth_embedding("到2025年，非化石能源消费比重达到20%左右。")
    assert not worth_embedding("一、")
    assert not worth_embedding("第一章 总则........1\n第二章 目标............5\n第三章 任务......12")


def test_it_reads_a_heading_run_on_after_a_sentence():
    text = ("（一）全民行动\n倡导绿色生活，推广节能家电。" + "鼓励绿色出行。" * 20
            + "(二)工业领域达峰专项行动。大力发展战略性新兴产业，推动钢铁行业兼并重组。" + "加快技术改造。" * 20)
    passages = split_passages(text)
    industry = [p for p in passages if "钢铁行业" in text[p.start:p.end]]
    assert industry and all(p.heading == "(二)工业领域达峰专项行动" for p in industry)
    assert all(text[p.start:p.end].strip() == text[p.start:p.end] for p in passages)
    assert not any("全民" in p.heading and "钢铁" in text[p.start:p.end] for p in passages)
