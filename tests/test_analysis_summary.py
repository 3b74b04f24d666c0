"""The summary: purpose + headline targets, every number from an extracted target."""

import re

import pytest

from ccnt.analysis import Pipeline, Target, analyse

TEXT = """某省碳达峰实施方案
为深入贯彻落实党中央、国务院关于碳达峰、碳中和的重大战略决策，扎实推进全省碳达峰工作，根据《2030年前碳达峰行动方案》，制定本方案。
一、总体要求
（二）主要目标
到2025年，非化石能源消费比重达到20%左右，单位地区生产总值能源消耗比2020年下降13.5%。
到2030年，非化石能源消费比重达到25%左右，单位地区生产总值二氧化碳排放比2005年下降65%以上。
二、重点任务
到2025年，新建一批示范项目，光伏装机达到900万千瓦。
"""


def stub_targets(pa, gazetteer):
    """A tiny stand-in for the target extractor, so these tests show the summary alone."""
    for line in re.finditer(r"到(\d{4})年，([^\n]+)", pa.text):
        year = int(line.group(1))
        for m in re.finditer(
            r"([^，。、\d]+?)(?:比\d{4}年)?(?:下降|达到)(\d+(?:\.\d+)?)(%|万千瓦)(?:左右|以上)?",
            line.group(2),
        ):
            start, end = line.start(2) + m.start(), line.start(2) + m.end()
            value = float(m.group(2))
            pa.targets.append(
                Target(
                    indicator="other",
                    indicator_name=m.group(1),
                    target_year=year,
                    value_low=value,
                    value_high=value,
                    unit=m.group(3),
                    value_normalized=value,
                    unit_normalized="%",
                    comparator="=",
                    text=pa.text[start:end],
                    start=start,
                    end=end,
                )
            )
    return pa


def summarise(text):
    pipeline = Pipeline()
    pipeline.replace("targets", stub_targets)
    return analyse(text, pipeline=pipeline)


def test_it_writes_the_house_style():
    pa = summarise(TEXT)
    assert pa.summary.startswith(
        "《方案》旨在深入贯彻落实党中央、国务院关于碳达峰、碳中和的重大战略决策，扎实推进全省碳达峰工作。"
    )
    assert "其中提出，到2025年，" in pa.summary
    assert "到2030年，" in pa.summary
    assert "根据" not in pa.summary and "制定本方案" not in pa.summary
    assert "900" not in pa.summary  # not in the main-goals section


def test_every_number_comes_from_a_target():
    pa = summarise(TEXT)
    allowed = " ".join(t.text for t in pa.targets) + " ".join(str(t.target_year) for t in pa.targets)
    for number in re.findall(r"\d+(?:\.\d+)?", pa.summary):
        assert number in allowed, number


def test_changing_a_number_in_the_text_changes_the_summary():
    before = summarise(TEXT)
    after = summarise(TEXT.replace("13.5%", "14.5%"))
    assert "13.5%" in before.summary
    assert "14.5%" in after.summary and "13.5%" not in after.summary


def test_it_uses_the_short_type():
    pa = analyse("关于推进某项工作的实施意见\n为推动绿色低碳发展，现提出如下意见。\n一、主要目标\n")
    assert pa.summary == "《意见》旨在推动绿色低碳发展。"


def test_it_drops_purpose_clauses_with_numbers():
    pa = analyse("某省绿色发展规划\n为实现2030年前碳达峰目标，加快绿色转型，制定本规划。")
    assert pa.summary == "《规划》旨在加快绿色转型。"


def test_it_quotes_the_real_extractor_when_there_is_one():
    pa = analyse(TEXT)
    if not pa.targets:
        pytest.skip("the target extractor is not available")
    assert "13.5%" in pa.summary
    assert "14.5%" in analyse(TEXT.replace("13.5%", "14.5%")).summary
