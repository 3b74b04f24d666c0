from _targets_helpers import targets


def test_it_ignores_section_numbers_dates_and_document_numbers():
    text = ("（二）3．推进节能。根据国发〔2021〕23号文件，于2021年10月24日印发，11月底前报送。\n"
            "一、总体要求\n1.大力发展新能源。")
    assert targets(text) == []


def test_it_ignores_historical_values():
    text = ("2020年，全省非化石能源消费比重达到15%。十三五期间单位地区生产总值能耗下降了16%。"
            "到2025年，森林覆盖率达到25%。")
    assert [t.indicator for t in targets(text)] == ["forest_coverage"]


def test_it_ignores_values_already_reached():
    assert targets("到2025年，森林覆盖率已达到25%。") == []


def test_it_ignores_qualifying_thresholds():
    text = ("到2025年，淘汰30万千瓦以下机组，将年综合能耗超过1万吨标准煤的数据中心纳入监测，"
            "城区常住人口100万以上的城市绿色出行比例不低于70%，建设百万千瓦级光伏基地。")
    found = targets(text)
    assert [(t.indicator, t.value) for t in found] == [("green_travel_share", 70)]


def test_it_ignores_counts_of_the_plans_own_measures():
    assert targets("到2030年，实施碳达峰十大行动，分三个阶段推进。") == []


def test_it_ignores_numbers_without_a_year_in_their_paragraph():
    assert targets("新建通道可再生能源电量比例原则上不低于50%。") == []


def test_it_ignores_codes_and_titles():
    text = "到2025年，建设5G基站，PM2.5浓度下降。《2030年前碳达峰行动方案》要求，推进2030年前碳达峰行动。"
    assert targets(text) == []


def test_it_drops_a_threshold_that_picks_out_the_firms_concerned():
    from _targets_helpers import targets as found
    text = "到2025年，督促年综合能源消费量5000吨标准煤以上或排放1.3万吨二氧化碳当量以上企业开展碳排放报告。"
    assert found(text) == []
    assert found("到2025年，梳理重大项目（综合能耗1万吨标煤以上）清单。") == []


def test_it_drops_a_condition_that_opens_with_qie_or_dan():
    from _targets_helpers import targets as found
    text = "2021年，对节能改造项目给予奖励，项目投资额不低于500万元，且项目年节能量达200吨标准煤以上。"
    assert found(text) == []
    assert found("到2025年，企业排放量稳定，但年度间碳排放量变化超过20%。") == []


def test_it_drops_an_alternative_criterion_opened_by_huo():
    from _targets_helpers import targets as found
    text = "到2025年，纳入年排放2.6万吨二氧化碳当量（或年综合能源消费量1万吨标准煤）的企业。"
    assert 1 not in [t.value_low for t in found(text)]


def test_it_reads_a_bracket_that_defines_the_noun_before_it_as_no_target():
    text = ("某方案\n到2025年，晋陕蒙煤炭主产区大型工矿企业中长距离运输（运距500公里以上）的煤炭和焦炭中，"
            "铁路运输比例力争达到90%。\n")
    assert [t.value for t in targets(text)] == [90]


def test_it_reads_a_subsidy_in_kind_as_no_target():
    text = "某县清洁取暖方案\n2021年，对完成“煤改气”的农户每户每年最高补贴1200立方米，“煤改电”每户每年最高补贴电量1万千瓦时。\n"
    assert targets(text) == []


def test_it_still_reads_an_aim_written_in_brackets():
    text = "某市“十四五”规划\n到2025年，可再生能源装机规模大幅提升（达到500万千瓦以上），城市建成区绿地率明显提高（达到40%以上）。\n"
    assert [t.value for t in targets(text)] == [500, 40]


def test_it_never_reads_what_one_project_must_be_to_qualify_as_an_aim():
    text = "某市分布式光伏实施方案\n到2025年，全市新增分布式光伏装机50万千瓦，单个项目规模不低于5万千瓦，单台机组容量30万千瓦以上。\n"
    assert [(t.value, t.unit) for t in targets(text)] == [(50, "万千瓦")]


def test_it_never_reads_a_table_of_funds_or_quotas_handed_out_as_aims():
    funds = "某省“十四五”节能规划\n表2 各市资金分配表\n序号 地市 单位 2024年 2025年\n1 广州市 万元 1200 1500\n"
    quotas = "2024年碳排放配额分配方案\n表1 行业配额\n序号 行业 单位 2023年 2024年\n1 发电行业 万吨 1200 1150\n"
    assert targets(funds) == [] and targets(quotas) == []
