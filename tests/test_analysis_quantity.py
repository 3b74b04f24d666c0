"""The kind of quantity a target counts (analysis.quantity), read on short targets we write ourselves."""

from ccnt.analysis.pipeline import analyse


def quantity(text: str) -> str:
    found = analyse(text).targets
    assert len(found) == 1, [(t.indicator, t.text) for t in found]
    return found[0].quantity


def test_it_counts_things_whatever_words_their_name_holds():
    assert quantity("到2025年，遴选10家重点用能单位能效领跑者。") == "count"


def test_it_keeps_a_count_per_head_an_intensity():
    assert quantity("到2025年，每万人拥有公共充电桩数量达到10个。") == "intensity"


def test_it_reads_power_usage_effectiveness_as_an_intensity():
    assert quantity("到2025年，新建大型数据中心电能利用效率不超过1.3。") == "intensity"


def test_it_reads_a_utilisation_rate_as_a_share():
    assert quantity("到2025年，农作物秸秆综合利用率达到90%。") == "share"
