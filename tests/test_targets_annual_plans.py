"""An annual plan's own year is its target year (江苏省2022年推动碳达峰碳中和工作计划: 2022年，…下降3%左右).

Without the title's year, a year before the earliest 到X年 of the text reads as history; in an
annual plan that year is the plan's aim. Counts after 完成 are kept like those after 建成.
"""

from _targets_helpers import targets

PLAN = ("江苏省2022年推动碳达峰碳中和工作计划\n\n2022年，全省能耗强度下降3%左右，煤炭消费量控制在2.5亿吨以内。"
        "到2025年，非化石能源消费比重达到20%。\n\n2021年，全省能耗下降4%。\n")


def test_it_takes_the_titles_year_as_the_plans_target_year():
    found = [(t.target_year, t.value_low) for t in targets(PLAN)]
    assert (2022, 3) in found and (2022, 2.5) in found and (2025, 20) in found


def test_it_keeps_the_year_before_the_plan_year_as_history():
    assert 4 not in [t.value_low for t in targets(PLAN)]


def test_it_keeps_such_a_year_as_history_without_a_year_in_the_title():
    text = PLAN.replace("江苏省2022年推动", "江苏省推动")
    assert [(t.target_year, t.value_low) for t in targets(text)] == [(2025, 20)]


def test_it_does_not_take_a_deadline_or_a_date_in_the_title_for_a_plan_year():
    for title in ("2030年前碳达峰行动方案", "关于2022年3月工作的通知"):
        text = f"{title}\n\n2022年，全省能耗强度下降3%左右。到2025年，非化石能源消费比重达到20%。\n"
        assert [t.target_year for t in targets(text)] == [2025], title
    # a plan titled with its years (（2022—2025年）): 2022 is its first stage, an aim; a yearless item gets none
    text = ("某省碳达峰实施方案（2022—2025年）\n\n2022年，全省能耗强度下降3%左右。\n全省新增光伏装机50万千瓦。\n"
            "到2025年，非化石能源消费比重达到20%。\n")
    assert [t.target_year for t in targets(text)] == [2022, 2025]


def test_it_reads_a_count_after_wancheng():
    found = targets("到2025年，全市建设完成10个零碳示范园区、100个低碳社区。")
    assert [(t.value_low, t.unit, t.subject) for t in found] == [(10, "个", "零碳示范园区"), (100, "个", "低碳社区")]


def test_it_gives_each_item_of_an_annual_plan_without_a_year_the_plans_year():
    text = ("山东省绿色低碳转型2022年行动计划\n\n一、能源\n可再生能源发电装机达到6700万千瓦。\n"
            "（一）建筑\n新增绿色建筑1亿平方米。\n")
    assert [(t.target_year, t.value_low) for t in targets(text)] == [(2022, 6700), (2022, 1)]


def test_it_sets_no_aims_from_a_years_funding_rules():
    text = "北京市2021年度绿色发展资金支持政策\n\n补贴标准为每千瓦时0.4元，单个项目不超过100万元。\n"
    assert targets(text) == []


def test_it_reads_an_interim_milestone_in_brackets():
    text = "某市方案\n\n到2022年，星级绿色建筑面积占比达到20%以上（其中，2021年达到10%）。\n"
    assert sorted((t.target_year, t.value_low) for t in targets(text)) == [(2021, 10), (2022, 20)]


def test_it_reads_a_milestone_bracket_in_a_period_plan_with_its_own_subject():
    text = ("某市林业碳汇三年行动计划（2021—2023年）\n\n加快森林经营进程（2021年完成营造林30万亩以上）。\n"
            "2020年完成营造林20万亩。\n")
    [t] = targets(text)
    assert (t.target_year, t.value_low, t.subject) == (2021, 30, "营造林")


def test_it_lets_a_bracketed_year_after_the_governing_year_open_its_own_scope():
    found = targets("某市方案\n\n到2022年，森林覆盖率达到40%（2025年达到45%）。\n")
    assert [(t.target_year, t.value_low) for t in found] == [(2022, 40), (2025, 45)]


def test_it_reads_a_change_against_last_year_as_an_annual_plans_aim():
    text = "山东省2022年公共机构工作要点\n\n全省公共机构单位建筑面积能耗、人均综合能耗同比分别下降1.0%、1.2%。\n"
    found = targets(text)
    assert [(t.target_year, t.value_low, t.direction) for t in found] == [(2022, 1.0, "decrease"), (2022, 1.2, "decrease")]
    assert not any("同比" in t.subject for t in found)


def test_it_keeps_a_change_against_last_year_as_history_elsewhere():
    assert targets("某省方案\n\n到2025年，全省能耗同比下降3%。\n") == []


def test_it_drops_an_annual_plans_funding_rules():
    text = ("2021年实施技术改造专项行动方案\n\n对技改项目给予补助，单个企业最高补助500万元；每家奖励20万元；"
            "省、市、县分别承担30%、30%、40%。全年完成技改投资1120亿元。\n")
    assert [(t.target_year, t.value_low) for t in targets(text)] == [(2021, 1120)]


def test_it_takes_an_annual_work_guidances_year():
    text = "2022年能源工作指导意见\n\n一、主要目标\n全国能源生产总量达到44.1亿吨标准煤左右，原油产量2亿吨左右。\n"
    found = targets(text)
    assert [(t.target_year, t.value_low, t.role) for t in found] == [(2022, 44.1, "target"), (2022, 2, "target")]


def test_it_still_reads_the_nations_goal_as_cited_in_a_provincial_text():
    text = "某省2022年工作要点\n\n全国能源生产总量达到44.1亿吨标准煤左右，全省原油产量2亿吨左右。\n"
    assert [t.role for t in targets(text)] == ["cited", "target"]


def test_it_reads_a_title_followed_by_a_web_pages_metadata():
    text = ("关于印发《辽宁省2021年度生态环境保护工作计划和措施清单》的通知来源：生态修复处时间：2021-04-22 14:28:00\n"
            "各处室：\n辽东湾大陆自然岸线长度不低于432.25公里。\n")
    assert [(t.target_year, t.value_low) for t in targets(text)] == [(2021, 432.25)]


def test_it_takes_no_plan_year_from_a_quota_allocation():
    text = "上海市2020年碳排放配额分配方案\n\n单位供电量线损率基准为5.80%。\n"
    assert targets(text) == []


def test_it_reads_xiangbi_as_a_base_year():
    from _targets_helpers import only as one
    t = one("到2025年，单位地区生产总值能耗相比2020年下降12.5%。")
    assert (t.indicator, t.base_year, t.subject) == ("energy_intensity", 2020, "单位地区生产总值能耗")


def test_it_reads_an_oil_consumption_plateau_in_a_period():
    found = targets("某意见\n\n到2030年，石油消费“十五五”时期进入峰值平台期。\n")
    assert [(t.indicator, t.target_year) for t in found] == [("oil_consumption_peak", 2030)]


def test_it_drops_a_years_fund_allocation():
    text = "河南省关于下达2022年碳达峰碳中和专项资金安排的通知\n\n本批计划安排厅补资金5300万元，2022年度拨付2310万元。\n"
    assert targets(text) == []
