"""Indicator tables as 十四五 plans print them: the unit in brackets after the name, and changes over
the period in 〔〕 or [] (单位地区生产总值能耗降低（%） — 〔14〕 约束性)."""

from _targets_helpers import targets

TABLE = ("某省“十四五”节能减排规划\n\n表1 主要指标\n序号 指标 2020年 2025年 属性\n"
         "1 单位地区生产总值能耗降低（%） — 〔14〕 约束性\n2 非化石能源消费比重（%） 15.9 20 约束性\n"
         "3 单位地区生产总值二氧化碳排放降低（%） [18.5] [18] 约束性\n4 煤电装机（万千瓦） 4000 4500 预期性\n")


def test_it_reads_a_unit_in_brackets_after_the_name():
    found = {t.indicator: t for t in targets(TABLE)}
    assert (found["non_fossil_share"].value_low, found["non_fossil_share"].target_year) == (20, 2025)
    assert (found["coal_power_capacity"].value_low, found["coal_power_capacity"].unit) == (4500, "万千瓦")


def test_it_reads_a_bracketed_value_as_a_change_over_the_period():
    found = {t.indicator: t for t in targets(TABLE)}
    t = found["energy_intensity"]
    assert (t.value_low, t.metric_kind, t.direction, t.subject) == (14, "cumulative", "decrease", "单位地区生产总值能耗")
    assert t.text.endswith("〔14〕")
    assert found["carbon_intensity"].value_low == 18


def test_it_summarises_table_rows_in_words_not_as_quoted_cells():
    from ccnt.analysis.pipeline import analyse
    summary = analyse(TABLE).summary
    assert "单位地区生产总值能耗下降14%" in summary and "〔" not in summary and "（%）" not in summary


def test_it_reads_a_row_whose_target_year_cell_is_empty_and_a_change_column_follows():
    text = ("工业绿色发展规划（2016-2020年）\n指标\t2015年\t2020年\t累计降速\n"
            "1．规模以上企业单位工业增加值能耗下降（%）\t—\t—\t18\n4．大宗工业固体废物综合利用率（%）\t65\t73\t—\n")
    assert [(t.value, t.target_year) for t in targets(text)] == [(18, 2020), (73, 2020)]


def test_it_reads_the_target_year_value_before_a_bracketed_period_change():
    text = ("建筑节能“十三五”规划\n指标　2015年　2020年　累计　性质\n城镇绿色建筑占新建建筑比重（%）　20　50　［30］　约束性\n"
            "城镇建筑可再生能源替代率（%）  6.5  8\n")
    assert [(t.value, t.metric_kind) for t in targets(text)] == [(50, "level"), (8, "level")]


def test_it_reads_rows_under_a_header_that_gives_each_column_its_unit():
    text = ("可再生能源发展“十三五”规划\n内容\t装机规模（万千瓦）\t年发电量（亿千瓦时）\n1.常规水电\t34000\t12500\n"
            "3.光伏发电\t10500\t1245\n")
    found = targets(text)
    assert [(t.subject, t.value, t.unit, t.target_year) for t in found] == [
        ("常规水电装机", 34000, "万千瓦", 2020), ("常规水电年发电量", 12500, "亿千瓦时", 2020),
        ("光伏发电装机", 10500, "万千瓦", 2020), ("光伏发电年发电量", 1245, "亿千瓦时", 2020)]
    assert found[0].indicator == "hydro_capacity"


def test_it_never_reads_a_table_of_what_was_done_as_targets():
    text = ("某省可再生能源发展“十四五”规划\n一、发展基础\n表1 “十三五”末可再生能源发展情况\n"
            "类别\t装机规模（万千瓦）\t年发电量（亿千瓦时）\n水电\t3000\t1000\n合计\t3800\t1090\n")
    assert targets(text) == []


def test_it_reads_a_row_whose_unit_is_a_cell_of_its_own():
    text = "某省能源发展“十四五”规划\n指标　单位　2020年　2025年\n光伏装机　万千瓦　1517　2762\n"
    assert [(t.value, t.unit, t.indicator) for t in targets(text)] == [(2762, "万千瓦", "solar_capacity")]
