"""Comparator words whose sense depends on the value (优于) and aims whose lead words come before a share."""

from _targets_helpers import only, targets


def test_it_reads_better_than_a_unitless_ratio_as_less():
    t = only("到2025年，新建大型数据中心电能利用效率（PUE，指数据中心总耗电量与信息设备耗电量的比值）优于1.3。")
    assert (t.indicator, t.value_low, t.comparator) == ("data_center_pue", 1.3, "<")


def test_it_reads_better_than_a_share_as_more():
    t = only("到2025年，全市空气质量优良天数比率优于90%。")
    assert (t.value_low, t.comparator, t.direction) == (90, ">", "increase")


def test_it_reads_a_share_of_subjects_after_an_aims_lead_words():
    t = only("到2025年，确保完成全省70%以上的县级及以上党政机关建成节约型机关的目标。")
    assert (t.value_low, t.comparator, t.subject) == (70, ">=", "县级及以上党政机关")


def test_it_ends_a_subject_before_chuangjian_chengwei():
    t = only("到2025年，70%以上县级及以上党政机关创建成为节约型机关。")
    assert t.subject == "县级及以上党政机关"


def test_it_names_no_single_pollutant_by_the_pollutants_entry():
    found = targets("到2025年，化学需氧量、氨氮排放总量比2020年分别下降8%、8%。")
    assert [t.indicator for t in found] == ["other", "other"]
    assert [t.subject[:5] for t in found] == ["化学需氧量", "氨氮排放总"]


def test_it_reads_a_unitless_value_after_lowered_to():
    found = targets("到2023年底，新建大型数据中心PUE降低到1.3以下，严寒和寒冷地区力争降低到1.25以下。")
    assert [(t.value, t.comparator, t.indicator) for t in found] == [
        (1.3, "<=", "data_center_pue"), (1.25, "<=", "data_center_pue")]


def test_it_reads_must_not_break_through_as_a_ceiling():
    t = only("到2025年，全市碳排放总量不得突破5000万吨。")
    assert (t.value, t.comparator, t.subject) == (5000, "<=", "碳排放总量")
    t = only("到2025年，全市新增用水量不能突破1.2亿立方米。")
    assert t.comparator == "<="
    t = only("到2025年，光伏装机突破500万千瓦。")
    assert t.comparator == ">"


def test_it_never_reads_the_base_years_values_as_aims():
    found = targets("到2015年，全国万元国内生产总值能耗下降到0.869吨标准煤（按2005年价格计算），比2010年的1.034吨标准煤下降16%，"
                    "比2005年的1.276吨标准煤下降32%。")
    assert [(t.value, t.unit, t.target_year) for t in found] == [(0.869, "吨标准煤", 2015), (16, "%", 2015), (32, "%", 2015)]
    assert [t.base_year for t in found[1:]] == [2010, 2005]


def test_it_reads_a_unitless_value_after_a_space():
    t = only("到 2025 年，新建大型、超大型数据中心电能利用效率不高于 1.3。")
    assert (t.value, t.comparator, t.indicator) == (1.3, "<=", "data_center_pue")


def test_it_reads_the_end_of_the_last_plan_as_a_base():
    found = targets("到2025年，单位电信业务总量综合能耗比“十三五”期末下降15%。")
    assert [(t.target_year, t.value, t.base_year, t.subject) for t in found] == [(2025, 15, 2020, "单位电信业务总量综合能耗")]


def test_it_reads_a_change_named_before_its_verb():
    text = "某省碳达峰实施方案解读\n到2025年，规模以上工业单位增加值能耗降幅定为14%，全省地区生产总值增幅为6%。\n"
    found = targets(text)
    assert [(t.subject, t.value, t.metric_kind, t.direction) for t in found] == [
        ("规模以上工业单位增加值能耗", 14, "change", "decrease"), ("地区生产总值", 6, "change", "increase")]
