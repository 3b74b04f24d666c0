"""Comparator symbols (≥, ≤), counts before a quoted noun and standard-setting count verbs (制修订)."""

from _targets_helpers import only, targets


def test_it_reads_a_comparator_symbol_as_the_verb():
    t = only("到2025年，城市空气质量优良天数比例≥90%。")
    assert (t.comparator, t.value_low, t.subject) == (">=", 90, "城市空气质量优良天数比例")
    t = only("到2025年，农村生活污水直排率≤10%。")
    assert (t.comparator, t.value_low) == ("<=", 10)


def test_it_reads_a_count_before_its_quoted_noun():
    t = only("到2025年，全省建成5个“无废城市”。")
    assert (t.value_low, t.unit, t.subject) == (5, "个", "无废城市")


def test_it_reads_standards_drafted_or_revised_as_a_count():
    t = only("到2025年，制修订50项左右绿色建材标准。")
    assert (t.value_low, t.comparator, t.subject) == (50, "~", "绿色建材标准")


def test_it_counts_results_obtained_before_their_noun():
    found = targets("到2025年，取得4项以上原创性成果，实现3项以上重大技术突破。")
    assert [(t.value, t.unit, t.comparator) for t in found] == [(4, "项", ">="), (3, "项", ">=")]
