from _targets_helpers import only, targets


def test_it_reads_peak_and_neutrality_commitments():
    found = targets("确保2030年前实现碳达峰，力争2060年前实现碳中和。")
    assert [(t.indicator, t.target_year, t.year_comparator, t.firmness, t.value) for t in found] == [
        ("co2_peak", 2030, "<=", "ensure", None), ("carbon_neutrality", 2060, "<=", "stretch", None)]
    assert all(t.comparator is None and t.value_low is None for t in found)


def test_it_reads_a_subject_before_the_peak_year():
    t = only("二氧化碳排放2030年前达峰。")
    assert (t.indicator, t.target_year, t.year_comparator) == ("co2_peak", 2030, "<=")
    t = only("2030年前，城乡建设领域碳排放达到峰值。")
    assert t.target_year == 2030


def test_it_uses_equal_for_a_year_without_qian():
    t = only("力争实现2030年碳达峰目标。")
    assert (t.year_comparator, t.firmness) == ("=", "stretch")


def test_it_reads_a_commitment_in_a_paragraph_with_a_stated_year():
    found = targets("到2030年，非化石能源消费比重达到25%，确保实现碳达峰目标。")
    assert [(t.indicator, t.target_year) for t in found] == [("non_fossil_share", 2030), ("co2_peak", 2030)]


def test_it_does_not_read_titles_or_groundwork_as_commitments():
    text = ("《2030年前碳达峰行动方案》印发。推进2030年前碳达峰行动。"
            "到2025年，非化石能源消费比重达到20%，为实现碳达峰奠定坚实基础。")
    assert [t.indicator for t in targets(text)] == ["non_fossil_share"]


def test_it_reads_both_goals_of_a_decision_quoted_as_context():
    from ccnt.analysis import analyse
    pa = analyse("XX省关于开展专项申报的通知\n为了贯彻落实党中央关于2030年前实现碳达峰、2060年前实现碳中和的重大战略决策，"
                 "全省要做好申报工作。")
    assert [(t.indicator, t.target_year, t.role) for t in pa.cited] == [
        ("co2_peak", 2030, "cited"), ("carbon_neutrality", 2060, "cited")]
    assert pa.targets == []
