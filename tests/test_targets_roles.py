"""Each target once: repeats are restated, another body's goal is cited."""

from _targets_helpers import targets
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


def test_it_does_not_read_a_national_kind_of_thing_as_a_cited_goal():
    found = targets("到2025年，创建国家级绿色工业园区3个，争创国家科技创新基地2家。")
    assert [t.role for t in found] == ["target", "target"]


def test_it_keeps_two_sectors_with_the_same_value_as_two_targets():
    text = ("到2025年，冶金行业能效达到标杆水平的产能比例超过30%。\n"
            "到2025年，建材行业能效达到标杆水平的产能比例超过30%。\n")
    assert [t.role for t in targets(text)] == ["target", "target"]


def test_it_keeps_a_national_and_a_provincial_count_apart():
    found = targets("到2023年，力争培育1个国家级先进制造业集群，新增1个省级先进制造业集群。")
    assert [t.role for t in found] == ["target", "target"]


def test_it_reads_central_state_firms_and_national_reserve_forests_as_the_texts_own():
    from _targets_helpers import targets as found
    text = "某方案\n\n到2025年，中央企业万元产值综合能耗比2020年下降15%，建设国家储备林100万亩。\n"
    assert [t.role for t in found(text)] == ["target", "target"]


def test_it_cites_a_pledge_the_leader_made_for_china():
    from ccnt.analysis import analyse
    pa = analyse("XX省关于组织申报科技专项的通知\n各市科技局：为深入贯彻习近平总书记向国际社会做出的“中国要力争于2030年前实现碳达峰，"
                 "2060年前实现碳中和”的庄严承诺，全省组织申报。")
    assert [(t.indicator, t.role) for t in pa.cited] == [("co2_peak", "cited"), ("carbon_neutrality", "cited")]
    assert pa.targets == []
