from _targets_helpers import only, targets
from ccnt.analysis.normalize import normalize
from ccnt.analysis.numbers import parse_number


def test_it_parses_arabic_and_chinese_numerals():
    assert parse_number("13.5") == 13.5
    assert parse_number("1,200") == 1200
    assert parse_number("１２") == 12
    assert parse_number("一千") == 1000
    assert parse_number("十五") == 15
    assert parse_number("两百") == 200
    assert parse_number("一千五百万") == 15_000_000
    assert parse_number("三亿五千万") == 350_000_000
    assert parse_number("1.2万") == 12_000
    assert parse_number("零点五") == 0.5
    assert parse_number("abc") is None


def test_it_normalises_full_width_text_without_changing_its_length():
    raw = "到２０２５年，比重达到２０％～３０％，　二〇三〇年"
    out = normalize(raw)
    assert len(out) == len(raw)
    assert out == "到2025年,比重达到20%~30%, 2030年"


def test_it_reads_chinese_numerals_with_wan_in_the_text():
    t = only("到2025年，风电装机容量突破一千万千瓦。")
    assert (t.value, t.unit, t.value_normalized, t.comparator) == (1000, "万千瓦", 1e7, ">")


def test_it_reads_cheng_as_tens_of_percent():
    t = only("到2025年，清洁能源占比达到三成。")
    assert (t.value, t.value_normalized, t.unit_normalized) == (3, 30, "%")


def test_it_reads_full_width_digits_and_spaces():
    t = only("到２０２５ 年，非化石能源消费比重达到２０％左右。")
    assert (t.target_year, t.value, t.comparator) == (2025, 20, "~")
    t = only("到2025 年，单位地区生产总值能耗下降13.5 %。")
    assert t.value == 13.5
    t = only("到2030年，新能源装机容量达到 4 000万千瓦。")
    assert t.value == 4000


def test_it_reads_ranges_with_any_dash():
    for text in ("到2025年，能耗下降3%-4%。", "到2025年，能耗下降3%—4%。", "到2025年，能耗下降3～4%。",
                 "到2025年，能耗下降3~4%。"):
        t = only(text)
        assert (t.value_low, t.value_high, t.value) == (3, 4, [3, 4]), text


def test_it_reads_doubling_as_a_hundred_percent_increase():
    t = only("到2025年，内河集装箱运量比2020年翻一番。")
    assert (t.value, t.unit, t.base_year, t.metric_kind) == (100, "%", 2020, "change")


def test_it_reads_fanfan_alone_as_doubling():
    t = only("到2025年，可再生能源装机实现翻番。")
    assert (t.value_low, t.unit, t.metric_kind, t.direction) == (100, "%", "change", "increase")


def test_it_reads_fanbei_as_doubling():
    t = only("到2025年，风电和太阳能发电量实现翻倍。")
    assert (t.value_low, t.unit, t.metric_kind, t.direction) == (100, "%", "change", "increase")


def test_it_reads_a_share_written_as_a_fraction_in_words():
    text = "某方案\n到2030年，非化石能源占比力争达到四分之一，可再生能源占比超过三分之二。\n"
    assert [(t.value, t.comparator) for t in targets(text)] == [(25, "="), (66.7, ">")]


def test_it_reads_round_numbers_in_words_after_a_build_verb_under_a_sections_year():
    text = ("工业绿色发展规划（2016-2020年）\n（三）主要目标\n到2020年，绿色发展理念成为普遍要求。\n"
            "——绿色制造体系初步建立。创建百家绿色示范园区和千家绿色示范工厂，惠及千家万户。\n")
    assert [(t.target_year, t.value, t.unit) for t in targets(text)] == [(2020, 100, "家"), (2020, 1000, "家")]


def test_it_names_an_energy_use_per_ton_of_product_by_its_unit():
    text = "某规划\n指标\t单位\t2015年\t2020年\n乙烯综合能耗\t千克标准煤/吨\t816\t790\n"
    assert [(t.indicator, t.value) for t in targets(text)] == [("unit_product_energy_intensity", 790)]


def test_it_reads_零增长_as_a_yearly_rate_held_at_zero_and_never_in_a_plans_name():
    text = "到2020年化肥使用量零增长行动方案\n到2020年，主要农作物化肥使用量实现零增长。\n"
    t = only(text)
    assert (t.subject, t.value_low, t.unit, t.metric_kind, t.direction, t.target_year) == (
        "主要农作物化肥使用量", 0, "%", "annual_rate", "decrease", 2020)
