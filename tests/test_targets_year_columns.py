"""Indicator tables read by their header's year columns (序号 指标名称 2020年现状 2025年目标 2030年目标):
one target per future year column, cells aligned from the right, the present's column never a target."""

from _targets_helpers import targets

THREE_COLUMNS = ("某市城乡建设领域碳达峰实施方案\n表1 主要指标\n序号 指标名称 2020年现状 2025年目标 2030年目标\n"
                 "1 城镇新建建筑中星级绿色建筑占比（%） 18 30 40\n"
                 "2 新增超低能耗、近零能耗建筑面积（万平方米） — 50 100\n")


def test_it_reads_one_target_per_future_year_column():
    found = [(t.indicator, t.target_year, t.value) for t in targets(THREE_COLUMNS)]
    assert found == [("star_green_building_share", 2025, 30), ("star_green_building_share", 2030, 40),
                     ("ultra_low_energy_buildings", 2025, 50), ("ultra_low_energy_buildings", 2030, 100)]


def test_it_quotes_the_row_up_to_the_year_columns_cell():
    by_year = {t.target_year: t.text for t in targets(THREE_COLUMNS) if t.value == 30 or t.value == 40}
    assert by_year == {2025: "城镇新建建筑中星级绿色建筑占比（%） 18 30", 2030: "城镇新建建筑中星级绿色建筑占比（%） 18 30 40"}


def test_it_reads_a_change_on_the_base_year_its_name_states():
    text = ("绿色交通“十四五”发展规划\n序号\t指标名称\t2020年\t2025年\t属性\n"
            "1\t营运船舶单位运输周转量能耗较2020年下降率（%）\t—\t4\t预期性\n"
            "2\t城区常住人口100万以上城市中绿色出行比例超过70%的城市比例（%）\t—\t60\t预期性\n")
    first, second = targets(text)
    assert (first.value, first.metric_kind, first.direction, first.base_year, first.subject) == (
        4, "change", "decrease", 2020, "营运船舶单位运输周转量能耗")
    assert (second.value, second.target_year, second.binding) == (60, 2025, "indicative")


def test_it_gives_each_item_of_a_listed_name_its_own_value():
    text = ("某规划\n序号\t指标名称\t2020年\t2025年\t属性\n"
            "1\t城市公共交通、出租汽车、城市物流配送领域新能源汽车占比（%）\t66.2、8.7、10\t72、35、20\t预期性\n")
    assert [(t.subject, t.value) for t in targets(text)] == [
        ("城市公共交通领域新能源汽车占比", 72), ("出租汽车领域新能源汽车占比", 35), ("城市物流配送领域新能源汽车占比", 20)]


def test_it_reads_no_target_from_a_cell_of_words_or_a_row_that_does_not_align():
    text = ("某省生态环境保护规划\n序号 指标 2020年 2025年 属性\n"
            "1 单位地区生产总值二氧化碳排放降低（%） — [完成国家下达任务] 约束性\n"
            "2 森林覆盖率（%） 30.22 约束性\n")  # the 2025 cell left out: the cells do not align
    assert targets(text) == []


def test_it_does_not_run_rows_as_long_as_the_wrap_width_into_one_paragraph():
    prose = ["到2025年，生态环境持续改善，主要污染物排放总量持续减少，生态安全屏障"] * 8
    rows = ["序号 指标 2020年 2025年 属性",
            "1 地级及以上城市细颗粒物（PM2.5）浓度（微克/立方米） 39 35 约束性",
            "2 地级及以上城市空气质量优良天数比率（%） 82.9 84.1 约束性"]
    found = targets("某省“十四五”生态环境保护规划\n" + "\n".join(prose + rows) + "\n")
    assert [(t.indicator, t.value) for t in found] == [("pm25_concentration", 35), ("air_quality_good_days", 84.1)]


def test_it_joins_a_line_that_ends_on_a_comma_or_a_cut_number():
    text = ("某省农业农村减排固碳实施方案\n到2025年，农业农村绿色低碳发展取得积极成效。主要农作物化肥、\n"
            "农药利用率均达到43%以上，累计建成高标准农田1.\n2亿亩。\n")
    assert [(t.target_year, t.value) for t in targets(text)] == [(2025, 43), (2025, 43), (2025, 1.2)]


def test_it_drops_a_rows_category_and_number_under_a_header_that_names_them():
    text = ("某省“十四五”能源发展规划\n表1 主要指标\n类别 序号 指标名称 2020年 2025年 属性\n"
            "应对 6 单位地区生产总值二氧化碳排放降低（%） 〔20.8〕 〔19.5〕 约束性\n"
            "变化 8 非化石能源占一次能源消费比重（%） 37.8 42 约束性\n")
    assert [(t.indicator, t.value, t.metric_kind) for t in targets(text)] == [
        ("carbon_intensity", 19.5, "cumulative"), ("non_fossil_share", 42, "level")]


def test_it_reads_a_sentence_with_spaces_around_its_numbers_as_prose_not_as_a_header():
    text = ("某市节能减排综合工作方案\n（二）加强重点领域节能。到 2020 年，全市规模以上工业单位增\n"
            "加值能耗比 2015 年下降 20%，城镇绿色建筑占新建建筑比重达到\n 50%，公共机构单位建筑面积能耗分别比 2015 年\n"
            "下降 10%。\n")
    assert [(t.target_year, t.value) for t in targets(text)] == [(2020, 20), (2020, 50), (2020, 10)]


def test_it_keeps_a_row_whose_target_says_以上_apart_from_the_next_row():
    rows = ["指标                                   单位      2020年      2025年        属性",
            "非化石能源消费比重                     %         48.6        52以上        预期性",
            "城镇新建建筑中绿色建筑面积占比         %         55          100           约束性"]
    found = targets("某市“十四五”节能减排综合工作方案\n" + "\n".join(rows) + "\n")
    assert [(t.indicator, t.value, t.comparator) for t in found] == [
        ("non_fossil_share", 52, ">="), ("green_building_share", 100, "=")]


def test_it_reads_a_header_whose_category_column_comes_before_the_indicators():
    text = "某市“十四五”节能规划\n类型 指标 单位 2020年 2025年 属性\n能源 单位GDP能耗降低 % — 13.5 约束性\n"
    assert [(t.indicator, t.value) for t in targets(text)] == [("energy_intensity", 13.5)]


def test_it_names_the_items_of_a_listed_name_the_pdf_broke_with_a_space():
    text = "某省“十四五”交通规划\n序号 指标名称 2020年 2025年 属性\n1 城市 公交、出租车新能源车辆占比（%） 50 70、80 预期性\n"
    assert [(t.subject, t.value) for t in targets(text)] == [("城市公交新能源车辆占比", 70), ("出租车新能源车辆占比", 80)]


def test_it_reads_prose_with_a_header_word_and_spaced_numbers_as_prose():
    text = "某市“十四五”能源发展规划\n重点项目 2025 年 完成投资 100 亿元\n"
    assert [t.text for t in targets(text)] == ["重点项目 2025 年 完成投资 100 亿元"]
