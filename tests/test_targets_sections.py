"""A year that governs a whole section or list across paragraphs (targets.sections)."""

from _targets_helpers import targets


def test_it_gives_a_targets_heading_the_period_its_plan_title_names():
    text = ("某市“十四五”节能减排规划\n（二）发展基础\n单位地区生产总值能耗累计下降16%。\n（三）发展目标\n"
            "——能效提升。单位工业增加值能耗下降14%。\n——资源利用。工业固体废物综合利用率保持在95%以上。\n"
            "三、主要任务\n创建20家绿色工厂。")
    found = targets(text)
    assert [(t.target_year, t.value) for t in found] == [(2025, 14), (2025, 95)]


def test_it_reads_the_year_a_targets_heading_names():
    text = "某省工作方案\n二、2030年主要目标\n非化石能源消费比重达到25%左右。\n三、重点任务\n新建光伏电站100万千瓦。"
    found = targets(text)
    assert [(t.target_year, t.value) for t in found] == [(2030, 25)]


def test_it_carries_a_lead_sentence_year_to_the_items_of_its_list():
    text = ("到2025年，主要目标如下：\n1.森林覆盖率达到30%。\n2.建成绿色社区50个以上。\n"
            "全市历年累计建成公园200个。")
    found = targets(text)
    assert [(t.target_year, t.value) for t in found] == [(2025, 30), (2025, 50)]


def test_it_keeps_a_heading_without_a_targets_word_from_carrying_a_year():
    text = "某市“十四五”规划\n（一）发展基础\n森林覆盖率达到28%。"
    assert targets(text) == []
