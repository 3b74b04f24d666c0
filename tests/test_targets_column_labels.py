"""A table of targets by place whose header gives each value column its unit and what it aims at
(区县（市） 能耗强度降低目标（%） 能源消费总量控制目标（万吨标准煤）), cells split by single spaces."""

from _targets_helpers import targets

TABLE = ("某市“十三五”节能减排综合工作方案\n到2020年，全市单位地区生产总值能耗比2015年下降17%。\n"
         "表1 “十三五”各区县（市）能耗“双控”目标\n区县（市） 能耗强度降低目标（%） 能源消费总量控制目标（万吨标准煤）\n"
         "海曙区 18 215\n北仑区 15 1260\n")


def test_it_reads_a_change_column_as_a_decrease_and_a_control_column_as_a_ceiling():
    found = [(t.indicator, t.value, t.metric_kind, t.direction, t.comparator) for t in targets(TABLE)][1:]
    assert found == [
        ("energy_intensity", 18, "change", "decrease", "="), ("energy_consumption_total", 215, "level", "decrease", "<="),
        ("energy_intensity", 15, "change", "decrease", "="), ("energy_consumption_total", 1260, "level", "decrease", "<=")]


def test_it_names_each_row_by_its_place_and_the_columns_quantity():
    subjects = [t.subject for t in targets(TABLE)][1:3]
    assert all("能耗强度" in subjects[0] or "能源消费总量" in s for s in subjects)
    assert "目标" not in "".join(subjects)
