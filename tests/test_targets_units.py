import pytest

from _targets_helpers import only, targets
from ccnt.analysis.units import lookup, normalize_value


@pytest.mark.parametrize(
    ("written", "unit", "factor"),
    [("万千瓦", "kW", 1e4), ("亿千瓦", "kW", 1e8), ("万吨标准煤", "tce", 1e4), ("亿吨", "t", 1e8),
     ("万吨二氧化碳", "tCO2", 1e4), ("万辆", "vehicles", 1e4), ("万亩", "mu", 1e4), ("公顷", "ha", 1),
     ("平方米", "m2", 1), ("万平方米", "m2", 1e4), ("亿立方米", "m3", 1e8), ("公里", "km", 1), ("亿元", "yuan", 1e8),
     ("个", "count", 1), ("家", "count", 1), ("座", "count", 1), ("%", "%", 1), ("个百分点", "pp", 1),
     ("亿千瓦时", "kWh", 1e8), ("万吨/年", "t/a", 1e4)],
)
def test_it_normalises_each_written_unit(written, unit, factor):
    u = lookup(written)
    assert u is not None and u.normalized == unit and u.factor == factor
    assert normalize_value(2, written) == (2 * factor, unit)


def test_it_keeps_the_unit_as_written_and_the_normalised_value():
    t = only("到2025年，新型储能装机容量达到3000万千瓦以上。")
    assert (t.value, t.unit, t.value_normalized, t.unit_normalized) == (3000, "万千瓦", 3e7, "kW")


def test_it_reads_percentage_points():
    t = only("到2030年城市供热管网热损失比2020年下降5个百分点。")
    assert (t.value, t.unit_normalized, t.base_year, t.direction) == (5, "pp", 2020, "decrease")


def test_it_reads_compound_units():
    t = only("到2025年，煤电机组供电煤耗下降至290克/千瓦时左右。")
    assert (t.value, t.unit, t.comparator) == (290, "克/千瓦时", "~")


def test_it_reads_latin_kilometre_units():
    found = targets("到2025年，新建城市绿道长度达到300km，建成区面积控制在120km2以内。")
    assert [(t.value_low, t.unit_normalized) for t in found] == [(300, "km"), (120, "km2")]


def test_it_reads_certificates_and_kinds_as_counts():
    found = targets("到2025年，绿色产品认证证书达3000张，推广绿色建材产品500种。")
    assert [(t.value, t.unit, t.unit_normalized) for t in found] == [(3000, "张", "count"), (500, "种", "count")]


def test_it_reads_a_concentration_per_cubic_metre():
    t = only("到2025年，细颗粒物（PM2.5）年均浓度控制在30微克/立方米以下。")
    assert (t.indicator, t.value, t.unit, t.comparator) == ("pm25_concentration", 30, "微克/立方米", "<=")


def test_it_reads_trillions_of_kilowatt_hours():
    t = only("到2023年，全社会发电量达到9.5万亿千瓦时左右。")
    assert (t.value, t.unit, t.unit_normalized, t.value_normalized) == (9.5, "万亿千瓦时", "kWh", 9.5e12)


def test_it_reads_computing_power():
    t = only("到2025年，全市数据中心总算力超过5EFLOPS。")
    assert (t.value, t.unit, t.unit_normalized, t.comparator) == (5, "EFLOPS", "FLOPS", ">")


def test_it_reads_percentages_in_words():
    found = targets("到2025年，公交车新能源比例达到百分之百，网约车新能源比例不低于百分之八十，绿色出行比例达到百分之七十。")
    assert [(t.value, t.unit_normalized, t.comparator) for t in found] == [(100, "%", "="), (80, "%", ">="), (70, "%", "=")]


def test_it_reads_a_half_after_a_comparator():
    t = only("到2025年，新能源装机占比超过一半。")
    assert (t.value, t.unit, t.comparator) == (50, "%", ">")
    assert targets("到2025年，一半的资金用于节能改造。") == []


def test_it_reads_wan_yuan_as_part_of_a_unit_phrase():
    found = targets("到2025年，万元国内生产总值用水量、万元工业增加值用水量分别比2020年降低16%左右。")
    assert [(t.subject, t.value, t.base_year) for t in found] == [
        ("万元国内生产总值用水量", 16, 2020), ("万元工业增加值用水量", 16, 2020)]


def test_it_reads_a_range_whose_low_end_keeps_its_multiplier():
    t = only("到2025年，燃料电池车运行规模达到1万—3万辆。")
    assert (t.value_low, t.value_high, t.unit) == (1, 3, "万辆")
    t = only("“十三五”期间，粗钢产能净减少1亿—1.5亿吨。")
    assert (t.value_low, t.value_high, t.unit) == (1, 1.5, "亿吨")


def test_it_reads_racks_and_containers_as_counts():
    found = targets("到2020年，数据中心新增机架数控制在6万架以内，集装箱吞吐量保持在4000万标准箱以上。")
    assert [(t.value, t.unit, t.unit_normalized) for t in found] == [(6, "万架", "count"), (4000, "万标准箱", "TEU")]


def test_it_reads_hundred_percent_before_a_verb_as_an_adverb():
    assert targets("到2025年，各地要确保百分之百完成年度节能目标任务。") == []
    t = only("到2025年，新能源汽车销量占到一半左右。")
    assert (t.value, t.subject) == (50, "新能源汽车销量")


def test_it_reads_container_volumes_in_标箱():
    found = targets("到2025年，集装箱海铁联运量达到150万标箱，港口集装箱吞吐量力争达到200万TEU。")
    assert [(t.value, t.unit, t.unit_normalized) for t in found] == [(150, "万标箱", "TEU"), (200, "万TEU", "TEU")]
