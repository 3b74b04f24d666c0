"""A target restated under other words (a table row after the text, another unit spelling) is restated."""

from _targets_helpers import targets


def test_it_marks_a_repeat_in_other_words_and_unit_spelling_as_restated():
    text = ("某省“十四五”能源规划\n到2025年，生物质能消费总量达到800万吨标准煤。\n主要指标\n序号指标单位2020年2025年\n"
            "3生物质能利用总量万吨标煤500 800\n")
    assert [t.role for t in targets(text)] == ["target", "restated"]


def test_it_keeps_two_different_shares_with_the_same_value_apart():
    text = "到2025年，城市生活污水集中收集率达到70%，农村卫生厕所普及率达到70%。"
    assert [t.role for t in targets(text)] == ["target", "target"]
