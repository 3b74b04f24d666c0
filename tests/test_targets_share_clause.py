"""A share clause that leaves out its part (…达到X万吨标准煤，占能源消费总量的25%) names the part."""

from _targets_helpers import targets


def test_it_names_the_share_of_the_amount_just_stated():
    found = targets("到2025年，可再生能源消费量达到2000万吨标准煤，占能源消费总量的18%。")
    share = [t for t in found if t.unit == "%"]
    assert len(share) == 1
    assert share[0].indicator == "renewable_share"
    assert share[0].subject.startswith("可再生能源占能源消费总量")


def test_it_folds_the_total_in_a_share_name():
    found = targets("到2030年，非化石能源占能源消费总量的比重达到25%。")
    assert [t.indicator for t in found] == ["non_fossil_share"]


def test_it_reads_a_share_of_entities_that_achieve_something_as_a_target_not_a_threshold():
    text = ("某工作要点\n2023年，中央和国家机关本级力争70%以上的单位建成节水型单位，80%以上的企业具备碳排放监测能力。"
            "年综合能耗5000吨标准煤以上的企业要开展能源审计。\n")
    assert [(t.value, t.comparator) for t in targets(text)] == [(70, ">="), (80, ">=")]


def test_it_names_a_share_by_what_reaches_it_not_by_the_whole_it_is_of():
    text = "某省新型储能实施方案\n到2025年，新能源项目储能配置比例达到装机容量的10%—15%；电力需求侧响应能力达到最大用电负荷的5%。\n"
    found = targets(text)
    assert [(t.subject, t.indicator, t.value_high) for t in found] == [
        ("新能源项目储能配置比例", "storage_allocation_ratio", 15), ("电力需求侧响应能力", "peak_load_response", 5)]
