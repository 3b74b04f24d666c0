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
