"""A build verb, then a comparator word, then a count and its noun (建设不少于10个示范项目)."""

from _targets_helpers import only, targets


def test_it_reads_a_count_after_a_build_verb_and_a_comparator_word():
    t = only("到2025年，建设不少于10个近零碳排放示范项目。")
    assert (t.value_low, t.comparator, t.subject) == (10, ">=", "近零碳排放示范项目")
    assert t.text.startswith("建设")


def test_it_reads_a_value_with_de_after_a_build_verb_and_a_comparator_word():
    t = only("到2025年，新建不少于300亩的城市森林。")
    assert (t.value_low, t.unit, t.comparator, t.subject) == (300, "亩", ">=", "城市森林")


def test_it_still_drops_a_comparator_count_without_a_build_verb():
    assert targets("到2025年，对不少于10个项目给予补助。") == []
