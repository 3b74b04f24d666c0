"""A news-style summary opening "X省印发《…》" is X's document."""

from ccnt.analysis.pipeline import analyse


def test_it_takes_the_jurisdiction_from_a_news_opener():
    pa = analyse("江苏省印发《江苏省碳达峰实施方案》。方案提出，到2025年，单位地区生产总值能耗比 2020 年下降 14%。")
    assert pa.jurisdiction is not None and pa.jurisdiction.name == "江苏省"
    assert [(t.target_year, t.base_year, t.value) for t in pa.targets] == [(2025, 2020, 14)]
