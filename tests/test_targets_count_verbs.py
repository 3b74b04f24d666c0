"""Counts after the verbs plans use for them (推动600家以上公共机构…, 形成70个左右…园区, 突破20项…)."""

from _targets_helpers import targets


def test_it_reads_counts_after_tuijin_and_tuidong():
    found = targets("到2023年，推动600家以上公共机构定期开展能源审计，推进90个以上既有建筑的绿色化改造项目。")
    assert [(t.value_low, t.unit, t.comparator) for t in found] == [(600, "家", ">="), (90, "个", ">=")]


def test_it_reads_counts_after_xingcheng_and_tupo():
    found = targets("到2025年，突破20项以上关键共性技术，形成70个左右具有竞争优势的化工园区。")
    assert [(t.value_low, t.unit) for t in found] == [(20, "项"), (70, "个")]


def test_it_reads_a_share_of_subjects_before_jinxing():
    [t] = targets("到2025年，全省60%以上城市生活污水处理厂进行提标改造。")
    assert (t.value_low, t.subject) == (60, "城市生活污水处理厂")


def test_it_reads_a_volume_in_lifang_without_mi():
    [t] = targets("到2025年，非常规水利用量达到15亿立方。")
    assert (t.value_low, t.unit, t.unit_normalized) == (15, "亿立方", "m3")


def test_it_takes_years_from_the_texts_own_date_on_as_aims():
    text = "某省若干措施\n\n2022年60%以上城市社区达到绿色社区创建要求。到2025年，城镇新建建筑全面执行绿色建筑标准，绿色建筑占比达到100%。\n\n2022年5月2日\n"
    assert [(t.target_year, t.value_low) for t in targets(text)] == [(2022, 60), (2025, 100)]


def test_it_keeps_years_before_the_texts_date_as_history():
    text = "某省若干措施\n\n2021年60%以上城市社区达到绿色社区创建要求。到2025年，绿色建筑占比达到100%。\n\n2022年5月2日\n"
    assert [(t.target_year, t.value_low) for t in targets(text)] == [(2025, 100)]


def test_it_reads_a_count_after_named_examples_and_deng():
    found = targets("2021年底前，完成大凌河等6条水流、仙人洞等12个自然保护地确权登记工作。")
    assert [(t.value_low, t.unit) for t in found] == [(6, "条"), (12, "个")]


def test_it_reads_a_value_de_noun_after_a_build_verb():
    found = targets("到2023年，推进60个以上的合同能源管理项目，每年推动200万平方米以上的既有居住建筑节能改造。")
    assert [(t.value_low, t.unit) for t in found] == [(60, "个"), (200, "万平方米")]


def test_it_reads_a_count_after_two_verbs_joined_by_bing():
    [t] = targets("到2025年，培育并验收30个左右“三绿”宜居低碳示范县城。")
    assert (t.value_low, t.comparator) == (30, "~")


def test_it_reads_a_peak_followed_by_a_decline():
    [t] = targets("某意见\n\n到2030年，二氧化碳排放达到峰值后稳中有降。\n")
    assert (t.indicator, t.target_year) == ("co2_peak", 2030)


def test_it_reads_a_count_after_a_noun_in_quotes():
    text = "某县清洁取暖方案\n2019年，全县计划完成清洁取暖改造2.1万户，其中“煤改电”1.3万户、“煤改气”0.8万户。\n"
    assert [(t.subject, t.value) for t in targets(text)] == [("清洁取暖改造", 2.1), ("煤改电", 1.3), ("煤改气", 0.8)]
