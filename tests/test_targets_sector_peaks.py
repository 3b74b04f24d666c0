"""Peaks of a sector (实现公共机构碳达峰), peaks followed by 的总体目标, and counts whose noun starts with 节."""

from _targets_helpers import only, targets


def test_it_reads_a_peak_of_a_named_sector():
    t = only("有条件的地区2025年前实现城乡建设领域碳达峰。")
    assert (t.indicator, t.target_year, t.year_comparator) == ("other", 2025, "<=")  # the field's, not the CO2 peak


def test_it_reads_a_goal_followed_by_its_name_as_a_commitment():
    found = targets("围绕2030年前实现碳达峰、2060年前碳中和的总体目标，推进绿色转型。")
    assert [(t.indicator, t.target_year) for t in found] == [("co2_peak", 2030), ("carbon_neutrality", 2060)]


def test_it_still_drops_a_thing_named_after_neutrality():
    assert targets("编制2060年前碳中和的路径研究报告。") == []


def test_it_reads_a_count_whose_noun_starts_with_jie():
    t = only("到2025年，创建30家节水型企业。")
    assert (t.value_low, t.subject) == (30, "节水型企业")


def test_it_does_not_read_a_year_that_pushes_the_peak_as_a_peak_year():
    assert targets("某方案\n2025年推动碳达峰。\n") == []


def test_it_does_not_read_a_work_year_as_a_peak_year():
    assert targets("某方案\n各地2023年度实现碳达峰。\n") == []


def test_it_names_a_sectors_peak_by_its_subject_not_the_co2_peak():
    found = targets("确保2030年前建材行业实现碳达峰，全省2030年前实现碳达峰，力争2026年实现全领域碳达峰。")
    assert [(t.indicator, t.target_year) for t in found] == [("other", 2030), ("co2_peak", 2030), ("co2_peak", 2026)]
    assert "建材行业" in found[0].subject
