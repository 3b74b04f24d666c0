"""Funding conditions are not targets: a year that picks out who qualifies (对2021年获得…的企业) and
a certificate named after neutrality (碳中和认证)."""

from _targets_helpers import targets


def test_it_sets_no_target_year_from_a_year_that_picks_out_who_qualifies():
    text = "对2022年通过验收的项目给予一次性奖励，项目年节能量应不低于500吨标准煤。"
    assert targets(text) == []


def test_it_does_not_read_a_neutrality_certificate_as_a_neutrality_goal():
    assert targets("对2022年获得碳中和认证的企业给予50万元奖励。") == []


def test_it_still_reads_a_target_year_after_a_condition_sentence():
    text = "对2022年通过验收的项目给予奖励。到2025年，全区绿色建筑占新建建筑比例达到100%。"
    assert [(t.target_year, t.value_low) for t in targets(text)] == [(2025, 100)]
