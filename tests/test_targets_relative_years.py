"""今年 / 明年 / 年内 read as years only where the text says which year it is (a 2017年政府工作报告, a
news item of one date, a cited annual plan 日前印发), and 今年以来 is what was done."""

from _targets_helpers import targets


def test_it_reads_the_year_of_a_government_work_report_as_its_own_aims():
    text = ("北京市2017年政府工作报告（节选）\n2017年主要预期目标是：细颗粒物年均浓度控制在60微克/立方米左右。\n"
            "今年要坚决打好大气污染治理攻坚战。全市燃煤总量控制在700万吨以内。\n到2020年，全市煤炭消费总量控制在500万吨以内。\n")
    assert [(t.target_year, t.value) for t in targets(text)] == [(2017, 60), (2017, 700), (2020, 500)]


def test_it_reads_今年_and_明年_against_the_texts_dateline():
    text = ("某市召开经济工作会议\n发布时间：2019年12月27日\n市委经济工作会议召开。今年以来，全市完成清洁取暖改造18.6万户。"
            "会议提出，明年全市单位地区生产总值能耗下降3.2%以上。\n")
    assert [(t.target_year, t.value) for t in targets(text)] == [(2020, 3.2)]


def test_it_reads_今年_as_the_year_of_an_annual_plan_the_news_reports():
    text = ("某区新能源装机规模将超过火电\n记者从能源局获悉，《某自治区2024年能源工作要点》日前印发。今年，全区新增新能源并网装机"
            "4000万千瓦以上。\n")
    assert [(t.target_year, t.value) for t in targets(text)] == [(2024, 4000)]


def test_it_never_reads_今年_in_a_text_of_unknown_date():
    assert targets("某市召开会议\n会议提出，今年全市新增新能源并网装机400万千瓦以上。\n") == []


def test_it_never_reads_the_years_of_a_span_of_years_as_this_year():
    text = "某市光伏发展实施意见\n发布时间：2020年3月5日\n力争三年内全市新增光伏装机100万千瓦。\n"
    assert targets(text) == []


def test_it_never_takes_a_date_of_the_body_for_the_texts_year():
    text = "某市应对气候变化工作要闻\n2015年12月12日，《巴黎协定》在巴黎通过。\n今年，我市光伏装机达到50万千瓦，明年达到80万千瓦。\n"
    assert targets(text) == []


def test_it_reads_a_reports_look_back_and_去年_as_history():
    text = ("某市2023年政府工作报告\n二、2022年工作回顾\n全年单位地区生产总值能耗下降3%，新增光伏装机50万千瓦。\n"
            "三、2023年工作安排\n单位地区生产总值能耗下降2%。过去一年，全市森林覆盖率达到45%，今年达到46%。\n")
    assert [(t.target_year, t.value) for t in targets(text)] == [(2023, 2), (2023, 46)]


def test_it_names_a_clause_that_says_再_by_the_quantity_before_it():
    text = "某市工作要点\n发布时间：2023年5月6日\n今年全市单位地区生产总值能耗下降3%，明年再下降2%。\n"
    assert [(t.subject, t.target_year) for t in targets(text)] == [("单位地区生产总值能耗", 2023), ("单位地区生产总值能耗", 2024)]
