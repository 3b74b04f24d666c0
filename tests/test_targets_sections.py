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


def test_it_carries_the_year_a_targets_paragraph_opens_with_to_the_items_below():
    text = ("浙江省某行动方案\n（二）主要目标。\n到2025年，初步构建技术创新体系。\n"
            "--平台体系基本建成。建设省级创新载体10家，争创国家科技创新基地2家。\n二、重点任务\n建设示范区5家。\n")
    found = targets(text)
    assert [(t.target_year, t.value, t.subject, t.role) for t in found] == [
        (2025, 10, "省级创新载体", "target"), (2025, 2, "国家科技创新基地", "target")]


def test_it_gives_a_plain_paragraph_under_a_targets_heading_no_year():
    text = "某市实施方案\n二、主要目标\n到2025年，森林覆盖率达到50%。\n推进屋顶光伏建设，公共机构屋顶光伏覆盖率达到50%。\n"
    assert [t.value for t in targets(text)] == [50]


def test_it_reads_a_sentence_broken_over_two_lines_as_one_paragraph():
    text = ("某市绿色建筑创建行动实施方案\n5．大力推进绿色建材工程应用。到2022年，城镇绿色建筑中使用绿色建材产品的比例达到60%，获得绿色建筑\n"
            "一、二星级评价标识的建筑项目中绿色建材比例分别达到70%、80%。\n")
    assert [(t.target_year, t.value) for t in targets(text)] == [(2022, 60), (2022, 70), (2022, 80)]


def test_it_carries_the_year_to_goal_paragraphs_that_open_with_a_short_phrase():
    text = ("某行业高质量发展的指导意见\n（三）主要目标\n力争到2025年，行业基本形成高质量发展格局。\n"
            "创新能力显著增强。行业研发投入强度力争达到1.5%，打造30家以上智能工厂。\n"
            "绿色低碳深入推进。吨钢综合能耗降低2%以上。\n二、主要任务\n（四）增强创新能力。建设10个创新中心。\n")
    assert [(t.target_year, t.value_low) for t in targets(text)] == [(2025, 1.5), (2025, 30), (2025, 2)]


def test_it_carries_a_lead_year_to_circled_items():
    found = targets("到2025年，某市氢能产业发展主要目标为：\n①建设加氢站20座左右；\n②燃料电池汽车保有量突破3000辆。\n")
    assert [(t.target_year, t.value, t.text) for t in found] == [
        (2025, 20, "加氢站20座左右"), (2025, 3000, "燃料电池汽车保有量突破3000辆")]


def test_it_carries_an_inline_targets_heading_to_its_numbered_items():
    found = targets("主要目标：到2025年，资源循环型产业体系基本建立。\n1. 废纸利用量达到5000万吨；\n"
                    "2. 大宗固废综合利用率达到55%。\n")
    assert [(t.target_year, t.subject, t.text[:2]) for t in found] == [
        (2025, "废纸利用量", "废纸"), (2025, "大宗固废综合利用率", "大宗")]


def test_it_carries_a_heading_year_to_plain_lines():
    found = targets("主要目标：到 2025 年\n营运车辆单位运输周转量 CO2 排放较 2020 年下降 4%；\n城市新能源公交车辆占比达到 60%。\n")
    assert [(t.target_year, t.value, t.base_year) for t in found] == [(2025, 4, 2020), (2025, 60, None)]


def test_it_stops_an_inline_heading_at_the_next_heading():
    found = targets("主要目标：到2025年，产业体系基本建立。\n二、重点任务\n建成示范项目10个。\n")
    assert found == []


def test_it_reads_a_long_period_plan_by_its_stages():
    text = ("某市氢能产业发展中长期规划（2022－2035年）\n二、发展目标\n（一）近期目标\n到2025年，产业创新能力显著提升。\n"
            "1.示范应用。燃料电池汽车保有量突破5000辆，建设加氢站30座左右。\n（二）远期目标\n到2035年，产业发展达到国际领先水平。\n")
    assert [(t.target_year, t.value) for t in targets(text)] == [(2025, 5000), (2025, 30)]


def test_it_knows_a_section_heading():
    text = ("某省“十四五”林业发展规划\n第三节　发展目标\n到2025年，林业产业转型升级取得新进展。主要目标是：\n"
            "（一）湿地保护率达到55%以上；\n（二）林业产业总产值达到8000亿元。\n第三章　重点任务\n第一节　国土绿化\n新增森林城市3个。\n")
    assert [(t.target_year, t.value) for t in targets(text)] == [(2025, 55), (2025, 8000)]


def test_it_joins_a_short_item_cut_by_the_page():
    text = ("到2025年，主要目标是：\n（一）森林覆盖率稳定在67%左右，森林蓄积量达到8亿立方\n米以上；\n（二）湿地保护率达到55%以上。\n")
    assert [(t.target_year, t.value) for t in targets(text)] == [(2025, 67), (2025, 8), (2025, 55)]


def test_it_never_joins_a_table_row_to_the_next():
    text = ("钢铁工业调整升级规划（2016—2020年）\n指标 2015年 2020年\n产业集中度（前10家，%） 34 60\n"
            "吨钢综合能耗（千克标准煤） 572 ≤570\n")
    assert (2020, 570, "<=") in [(t.target_year, t.value, t.comparator) for t in targets(text)]


def test_it_carries_an_inline_heading_year_to_bracketed_items():
    text = "主要目标：到2025年，\n（一）全市森林覆盖率稳定在81.7%以上；\n（二）森林蓄积量达到1.1亿立方米。\n三、保障措施\n新增投资10亿元。\n"
    assert [(t.target_year, t.value) for t in targets(text)] == [(2025, 81.7), (2025, 1.1)]


def test_it_reads_across_a_page_number_inside_a_sentence():
    text = ("某市公共机构碳达峰实施方案\n（二）主要目标\n到2025年，全市公共机构能源消费总量控制在120万吨标准煤以内，\n— 3 —\n"
            "以2020年为基数，公共机构单位建筑面积能耗下降5%。\n")
    found = targets(text)
    assert [(t.value, t.target_year, t.base_year) for t in found] == [(120, 2025, None), (5, 2025, 2020)]


def test_it_gives_an_annual_plans_targets_heading_the_plans_year():
    text = ("某区2023年节能减排降碳重点工作安排\n2023年是实施“十四五”规划承上启下的关键之年。\n一、主要目标\n"
            "全区新增光伏装机10万千瓦以上；PM2.5平均浓度控制在30微克/立方米以内。\n")
    assert [(t.value, t.target_year) for t in targets(text)] == [(10, 2023), (30, 2023)]


def test_it_ends_an_inline_heading_list_at_a_report_of_what_was_done():
    text = ("主要目标：到2025年，全市单位地区生产总值能耗下降13.5%。\n目前，全市新能源汽车保有量达到5万辆，充电桩达到3000个。\n"
            "三年来，累计完成造林面积10万亩。\n")
    assert [t.value for t in targets(text)] == [13.5]


def test_it_never_joins_a_heading_or_a_table_row_across_a_page_number():
    text = "某市“十四五”节能规划\n二、主要目标\n— 3 —\n到2025年，单位地区生产总值能耗下降14%；\n非化石能源消费比重达到20%。\n"
    assert [t.value for t in targets(text)] == [14, 20]
    table = ("某省“十四五”节能减排规划\n表1 主要指标\n序号 指标 2020年 2025年 属性\n2 非化石能源消费比重（%） 15.9 20 约束性\n"
             "— 3 —\n4 煤电装机（万千瓦） 4000 4500 预期性\n")
    assert [t.value for t in targets(table)] == [20, 4500]


def test_it_carries_the_goal_paragraphs_year_into_the_goals_the_pdf_put_on_the_next_line():
    text = ("某市农业农村减排固碳实施方案\n二、主要目标\n到2025年，农业农村绿色低碳发展取得积极成效。\n"
            "全市主要农作物化肥利用率达到43%以上，农膜回收率达到90%以上。\n"
            "目前，全市秸秆综合利用率为95%。\n")
    assert [(t.target_year, t.value) for t in targets(text)] == [(2025, 43), (2025, 90)]


def test_it_takes_the_horizon_a_plans_title_names_for_yearless_goals_under_its_targets_heading():
    text = ("到2020年化肥使用量零增长行动方案\n（三）目标任务\n2015年到2019年，逐步将化肥使用量年增长率控制在1%以内。\n"
            "1．施肥结构进一步优化。测土配方施肥技术覆盖率达到90%以上。\n")
    assert (2020, 90) in [(t.target_year, t.value) for t in targets(text)]


def test_it_carries_a_heading_that_is_only_a_year_to_the_paragraphs_under_it():
    text = ("某市碳达峰实施方案\n三、主要目标\n（一）到2025年\n　　全市非化石能源消费比重达到16%，单位地区生产总值能源消耗"
            "比2020年下降14%。\n（二）到2030年\n　　全市非化石能源消费比重达到25%左右。\n四、重点任务\n　　新建充电桩300个。\n")
    assert [(t.target_year, t.value) for t in targets(text)] == [(2025, 16), (2025, 14), (2030, 25)]


def test_it_carries_a_line_that_is_only_a_year_to_the_bullets_under_it():
    text = ("一图读懂 | 《某市绿色交通发展行动方案（2022—2025 年）》\n截至 2021 年底，全市建成充电桩 3.2 万个。\n到 2025 年👇\n"
            "✅ 中心城区绿色出行比例达到 75% 以上\n✅ 建成充电桩 10 万个\n")
    found = targets(text)
    assert [(t.target_year, t.value, t.text) for t in found] == [
        (2025, 75, "绿色出行比例达到 75% 以上"), (2025, 10, "充电桩 10 万个")]


def test_it_carries_an_unmarked_targets_heading_with_its_year_to_the_bullets_under_it():
    text = ("一图读懂｜某省交通运输领域绿色低碳发展实施方案\n主要目标（到2025年）\n· 营运车辆单位换算周转量碳排放强度比2020年下降5%\n"
            "· 全省高速公路服务区充电设施覆盖率保持100%\n重点任务\n· 完善充换电基础设施，到2025年全省建成公共充电桩25万个\n"
            "来源：某省交通\n")
    assert [(t.target_year, t.value) for t in targets(text)] == [(2025, 5), (2025, 100), (2025, 25)]
