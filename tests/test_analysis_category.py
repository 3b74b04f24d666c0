"""Report category, sectors, topics and climate relevance."""

import json
import os
from pathlib import Path

import pytest

from ccnt.analysis import analyse
from ccnt.analysis.classify import category_of

CORPUS = Path(os.environ.get("CCNT_CORPUS_DIR") or Path(__file__).resolve().parents[2] / "shared" / "corpus")
if not CORPUS.exists() and os.environ.get("CI") == "true":
    raise RuntimeError(f"CI needs the corpus: {CORPUS} not found (set CCNT_CORPUS_DIR)")


@pytest.mark.parametrize(
    "title",
    [
        "江苏省碳达峰实施方案",
        "城乡建设领域碳达峰实施方案",
        "山东省工业领域碳达峰工作方案",
        "四川省城乡建设领域碳达峰专项行动方案",
        "中共中央、国务院关于完整准确全面贯彻新发展理念做好碳达峰碳中和工作的意见",
        "湖南省人民政府关于完整准确全面贯彻新发展理念做好碳达峰碳中和工作的实施意见",
    ],
)
def test_it_puts_carbon_peaking_plans_of_any_sector_into_one_plus_n(title):
    assert category_of(title, "") == "one_plus_n"


@pytest.mark.parametrize(
    "title,code",
    [
        ("山东省财政支持做好碳达峰碳中和工作的意见", "markets_finance"),
        ("江苏省减污降碳协同增效实施方案", "cross_sector"),
        ("建立健全碳达峰碳中和标准计量体系实施方案", "cross_sector"),
        ("国务院关于加快建立健全绿色低碳循环发展经济体系的指导意见", "circular"),
        ("山西省关于完善能源绿色低碳转型体制机制和政策措施的实施意见", "energy"),
        ("“十四五”公共机构节约能源资源工作规划", "efficiency"),
        ("佛山市绿色建筑创建行动实施方案", "buildings"),
        ("关于加快推进充电基础设施建设的实施意见", "transport"),
        ("包头市深入推进林业草原碳汇三年行动计划", "agri_land"),
        ("加强碳达峰碳中和高等教育人才培养体系建设工作方案", "innovation"),
        ("关于推进海绵城市建设提升适应气候变化能力的意见", "adaptation"),
        ("关于推进钢铁工业高质量发展的指导意见", "industry"),
    ],
)
def test_it_reads_the_category_from_title_keywords(title, code):
    assert category_of(title, "") == code


def test_it_falls_back_to_weighted_body_keywords():
    body = "推进光伏、风电发展，建设抽水蓄能电站和新型储能，完善电网。" * 5
    assert category_of("关于做好有关工作的通知", body) == "energy"


def test_it_gives_sectors_topics_and_relevance():
    pa = analyse(
        "关于加快新型储能发展的指导意见\n到2025年，推动新型储能规模化发展，建设储能电站，配套光伏和风电。"
    )
    assert pa.category == "energy"
    assert "energy" in pa.sectors
    assert "energy_storage" in pa.topics
    assert 0.6 <= pa.climate_relevance <= 1.0
    assert analyse("关于做好春节期间值班工作的通知\n请各单位安排好值班。").climate_relevance == 0.0


def test_its_topics_have_labels_and_keywords():
    tax = json.loads((Path(__file__).parents[1] / "src/ccnt/data/taxonomy.json").read_text(encoding="utf-8"))
    topics = tax["topics"]
    assert len(topics) >= 25
    assert all(t["code"] and t["zh"] and t["en"] and t["keywords"] for t in topics)
    assert {"hydrogen", "energy_storage", "ccus", "carbon_market", "green_finance", "carbon_sinks"} <= {
        t["code"] for t in topics
    }


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not here")
def test_it_classifies_the_corpus_plans_as_one_plus_n():
    for path in sorted(CORPUS.glob("*.txt")):
        pa = analyse(path.read_text(encoding="utf-8"))
        assert pa.category == "one_plus_n", path.name
