"""A count of subjects that opens its clause, the verb after them (60个左右城市率先建成…)."""

from _targets_helpers import only, targets


def test_it_reads_a_count_of_subjects_before_their_verb():
    t = only("到2025年，50个左右地级及以上城市率先建成生活垃圾分类处理系统。")
    assert (t.value_low, t.comparator, t.unit, t.subject) == (50, "~", "个", "地级及以上城市")


def test_it_reads_such_a_count_after_an_earlier_sentence_with_a_verb():
    found = targets("到2025年，回收网络基本建立，交易规模明显提升。30个县开展绿色低碳试点。")
    assert [(t.value_low, t.subject) for t in found] == [(30, "县")]


def test_it_drops_a_count_that_is_not_at_the_clause_start():
    assert targets("到2025年，推动重点区域100个园区的循环化改造取得进展。") == []


def test_it_reads_a_range_of_subjects_that_enter_a_rank():
    t = only("到2025年，2～3家企业进入全国行业前十强。")
    assert (t.value_low, t.value_high, t.unit, t.target_year) == (2, 3, "家", 2025)


def test_it_reads_a_share_joined_to_another_subject_of_the_verb():
    t = only("到2025年，全部市级机关及80%以上的县级机关建成节约型机关。")
    assert (t.value, t.comparator, t.unit) == (80, ">=", "%")
