"""Each target once: repeats are restated, another body's goal is cited."""

from ccnt.analysis.pipeline import analyse


def test_it_lists_a_repeated_target_once_and_keeps_the_repeat_as_restated():
    pa = analyse("主要目标。到2025年，非化石能源消费比重达到20%。\n重点任务。到2025年，非化石能源消费比重达到20%。\n")
    assert len(pa.targets) == 1 and pa.targets[0].role == "target"
    assert len(pa.restated) == 1 and pa.restated[0].role == "restated"


def test_it_keeps_the_national_goal_as_cited():
    pa = analyse("为确保实现国家2030年前碳达峰目标，到2025年，本市可再生能源装机达到500万千瓦。")
    assert [t.indicator for t in pa.cited] == ["co2_peak"]
    assert all(t.role == "target" for t in pa.targets) and pa.targets
    assert "cited" in pa.to_json() and pa.to_json()["cited"][0]["role"] == "cited"
