"""Every kind of target number: counts, values of 1, unit-less values, shared values, table rows, spaces."""

from _targets_helpers import only, targets


def test_it_reads_counts_after_a_build_verb_including_one():
    found = targets("到2025年，建成1个示范中心、3个示范基地和5个示范园区。")
    assert [(t.value, t.subject) for t in found] == [(1, "示范中心"), (3, "示范基地"), (5, "示范园区")]


def test_it_reads_a_unitless_value_with_its_comparator_word():
    t = only("到2025年，新建数据中心PUE值降到1.3以下。")
    assert t.value == 1.3 and t.comparator == "<=" and t.unit == ""


def test_it_gives_each_item_a_shared_value():
    found = targets("到2025年，秸秆、畜禽粪污综合利用率均达到90%。")
    assert len(found) == 2 and all(t.value == 90 for t in found)


def test_it_never_takes_a_base_year_written_with_spaces_as_the_target_year():
    assert targets("全省单位地区生产总值能耗比 2020 年下降 5%。") == []
    t = only("到 2025 年，单位地区生产总值能耗比 2020 年下降 13.5%。")
    assert t.target_year == 2025 and t.base_year == 2020 and t.value == 13.5


def test_it_reads_an_indicator_table_row_with_the_header_year():
    text = "主要指标\n序号指标单位2020年2025年\n1光伏发电万千瓦205 1500\n2生活垃圾发电万千瓦25 80\n"
    found = targets(text)
    assert [(t.target_year, t.value, t.subject) for t in found] == [(2025, 1500, "光伏发电"), (2025, 80, "生活垃圾发电")]


def test_it_drops_a_conversion_of_another_target():
    found = targets("到2025年，可再生能源利用量达到3600万吨标准煤，相当于减少二氧化碳排放约5650万吨。")
    assert [t.value for t in found] == [3600]
