from _targets_helpers import only, targets


def test_it_carries_the_year_across_clauses_and_sentences_of_a_paragraph():
    text = "到2025年，非化石能源消费比重达到20%左右，单位地区生产总值能耗下降13.5%。森林覆盖率达到25%。"
    found = targets(text)
    assert [t.target_year for t in found] == [2025, 2025, 2025]
    assert [t.indicator for t in found] == ["non_fossil_share", "energy_intensity", "forest_coverage"]


def test_it_does_not_carry_the_year_into_a_new_paragraph():
    text = "到2025年，森林覆盖率达到25%。\n森林蓄积量达到190亿立方米。"
    assert [t.indicator for t in targets(text)] == ["forest_coverage"]


def test_it_switches_year_at_each_year_phrase():
    text = "到2025年，森林覆盖率达到20%；到2030年，森林覆盖率达到21%，森林蓄积量达到3亿立方米。"
    assert [(t.target_year, t.value) for t in targets(text)] == [(2025, 20), (2030, 21), (2030, 3)]


def test_it_resets_the_year_at_an_inline_section_heading():
    text = "到2025年，森林覆盖率达到20%。2．推动建材行业碳达峰。水泥熟料产能控制在2200万吨以内。"
    assert [t.indicator for t in targets(text)] == ["forest_coverage"]


def test_it_reads_fourteenth_and_fifteenth_five_year_plan_periods():
    t = only("“十四五”期间，煤炭消费总量下降5%左右。")
    assert (t.target_year, t.metric_kind, t.period_start) == (2025, "cumulative", 2021)
    t = only("十五五期间，新增光伏装机1000万千瓦。")
    assert (t.target_year, t.period_start) == (2030, 2026)
    t = only("到十四五末，森林覆盖率达到25%。")
    assert (t.target_year, t.metric_kind) == (2025, "level")


def test_it_pairs_a_list_of_periods_with_fenbie():
    found = targets("十四五、十五五期间分别新增水电装机容量4000万千瓦左右。")
    assert [(t.target_year, t.value, t.indicator) for t in found] == [
        (2025, 4000, "hydro_capacity"), (2030, 4000, "hydro_capacity")]


def test_it_reads_year_end_and_year_before_phrases():
    t = only("力争到2025年底全省生物质发电装机规模达到300万千瓦。")
    assert (t.target_year, t.firmness, t.indicator) == (2025, "stretch", "biomass_capacity")


def test_it_keeps_a_start_year_for_its_sentence_only():
    t = only("到2025年，X。2022年起新建公共建筑屋顶光伏覆盖率不低于50%。")
    assert t.target_year == 2022


def test_it_never_gives_a_target_year_that_is_not_after_its_base_year():
    assert targets("到2020年，单位GDP能耗比2020年下降5%。") == []


def test_it_reads_a_year_before_the_plans_period_as_history_even_after_至():
    text = ("某市“十四五”综合交通运输发展规划\n“十三五”时期，至2020年底，全市铁路运营里程达到532公里。\n"
            "到2025年，全市铁路运营里程达到700公里。\n")
    assert [(t.target_year, t.value) for t in targets(text)] == [(2025, 700)]


def test_it_reads_every_year_of_a_report_that_looks_to_no_year_as_history():
    text = ("江苏“十三五”节能减排目标任务圆满完成\n“十三五”期间，全省单位地区生产总值能耗累计下降22.1%，超额完成目标任务。"
            "2020年，全省非化石能源消费比重达到11.4%。\n")
    assert targets(text) == []


def test_it_still_reads_a_reports_look_ahead():
    text = ("某省节能减排工作圆满完成\n2020年，全省非化石能源消费比重达到11.4%。到2025年，非化石能源消费比重达到15%。\n")
    assert [(t.target_year, t.value) for t in targets(text)] == [(2025, 15)]


def test_it_keeps_the_next_years_plan_in_a_reports_title_as_aims():
    text = ("某市发展改革委2021年工作总结和2022年工作计划\n2021年，全市能耗下降3.5%。"
            "2022年，全市单位地区生产总值能耗下降3%，新增光伏装机50万千瓦。\n")
    assert [(t.target_year, t.value) for t in targets(text)] == [(2022, 3), (2022, 50)]


def test_it_never_takes_a_base_that_is_the_texts_own_aim_year_for_history():
    text = ("关于金融支持某省碳达峰碳中和的指导意见\n到2025年，全省绿色贷款余额突破6000亿元；“十四五”期间，全省绿色债券"
            "累计发行规模超过800亿元。到2030年，全省绿色贷款余额在2025年基础上翻一番。\n")
    found = targets(text)
    assert [(t.target_year, t.value) for t in found][:2] == [(2025, 6000), (2025, 800)]


def test_it_reads_a_report_of_results_titled_取得显著成效_as_history():
    text = ("某省“十三五”节能减排工作取得显著成效\n记者获悉，“十三五”期间，全省单位地区生产总值能耗累计下降18.6%。"
            "2020年，全省非化石能源消费比重达到19.5%。\n")
    assert targets(text) == []
