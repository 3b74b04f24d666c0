import pytest

from _targets_helpers import only, targets


@pytest.mark.parametrize(
    ("clause", "cmp_"),
    [("达到20%", "="), ("提高至20%", "="), ("提升至20%", "="), ("降至20%", "="), ("达到20%以上", ">="),
     ("不低于20%", ">="), ("至少20%", ">="), ("控制在20%以内", "<="), ("不超过20%", "<="), ("控制在20%", "<="),
     ("下降到20%以下", "<="), ("超过20%", ">"), ("低于20%", "<"), ("达到20%左右", "~"), ("约20%", "~")],
)
def test_it_reads_the_comparator(clause, cmp_):
    t = only(f"到2025年，森林覆盖率{clause}。")
    assert t.comparator == cmp_, clause


def test_it_reads_base_year_direction_and_change():
    t = only("到2030年，单位国内生产总值二氧化碳排放比2005年下降65%以上。")
    assert (t.base_year, t.direction, t.metric_kind, t.comparator) == (2005, "decrease", "change", ">=")
    t = only("到2025年，主要资源产出率较2020年提高20%左右。")
    assert (t.base_year, t.direction, t.metric_kind) == (2020, "increase", "change")


def test_it_reads_annual_rates():
    t = only("十四五期间，集装箱铁水联运量年均增长15%以上。")
    assert (t.metric_kind, t.target_year) == ("annual_rate", 2025)


def test_it_reads_firmness():
    assert only("到2025年，屋顶光伏覆盖率力争达到50%。").firmness == "stretch"
    t = only("到2025年，非化石能源消费比重确保达到24%。")
    assert (t.firmness, t.stretch) == ("ensure", False)
    assert only("到2025年，森林覆盖率达到24%。").firmness == "plain"


def test_it_reads_binding_and_indicative_marks():
    text = "到2025年，单位地区生产总值二氧化碳排放下降18%（约束性），新能源汽车保有量达到50万辆（预期性）。"
    from _targets_helpers import targets

    assert [t.binding for t in targets(text)] == ["binding", "indicative"]


def test_it_fills_the_source_sentence():
    t = only("前言。到2025年，森林覆盖率达到24%，为实现碳达峰奠定基础。后记。")
    assert t.sentence == "到2025年，森林覆盖率达到24%，为实现碳达峰奠定基础。"


def test_it_names_the_indicator_nearest_before_the_value_longest_first():
    t = only("到2025年，非化石能源占能源消费总量比重力争达到20%。")
    assert t.indicator == "non_fossil_share"
    assert t.text == "非化石能源占能源消费总量比重力争达到20%"


def test_it_gives_other_when_no_indicator_fits():
    assert only("到2025年，某某指数达到20%。").indicator == "other"


def test_it_gives_a_lists_last_suffix_to_every_value_only_when_none_has_its_own():
    found = targets("到2025年，化学需氧量、氨氮、氮氧化物、挥发性有机物排放总量比2020年分别下降8%、8%、10%以上、10%以上。")
    assert [t.comparator for t in found] == ["=", "=", ">=", ">="]
    found = targets("到2025年，风电、光伏利用率分别达到95%、90%以上。")
    assert [t.comparator for t in found] == [">=", ">="]
