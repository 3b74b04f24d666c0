"""A PDF that wraps its sentences at the page's width (most lines exactly N characters long)."""

from _targets_helpers import targets

LINES = [
    "某部门科技支撑碳达峰碳中和实施方案",
    "通过实施方案，到2025年实现重点行业和领域低碳关键核",
    "心技术的重大突破，支撑单位国内生产总值二氧化碳排放比",
    "2020年下降18%，单位GDP能源消耗比2020年下降13.5%；",
    "到2030年，进一步研究突破一批碳中和前沿和颠覆性技术，",
]


def _wrapped(width_lines: int = 12) -> str:
    filler = ["加强基础研究，推动关键技术攻关和示范应用，完善体制机制。"[:26]] * width_lines
    return "\n".join(LINES[:1] + filler + LINES[1:]) + "\n"


def test_it_reads_a_sentence_across_the_lines_of_a_wrapped_text():
    found = targets(_wrapped())
    assert [(t.target_year, t.value_low, t.indicator) for t in found] == [
        (2025, 18, "carbon_intensity"), (2025, 13.5, "energy_intensity")]


def test_it_reads_a_clause_cut_by_the_page_in_a_text_without_a_wrap_width():
    text = "某方案\n到2025年，单位国内生产总值二氧化碳排放比\n2020年下降18%。\n"
    assert [(t.indicator, t.value, t.base_year) for t in targets(text)] == [("carbon_intensity", 18, 2020)]


def test_it_does_not_join_a_line_without_a_clause_break():
    text = "某方案\n单位国内生产总值二氧化碳排放比\n2020年下降18%。\n"  # a heading-like line: no comma
    assert targets(text) == []


def test_it_reads_a_base_phrase_cut_by_the_page():
    text = "某省行动计划\n（三）具体指标。到2017年，全省细颗粒物浓度在2012年基\n础上下降25%以上；其中，石家庄市下降33%。\n"
    found = targets(text)
    assert [(t.target_year, t.value, t.base_year) for t in found][0] == (2017, 25, 2012)


def test_it_mends_a_number_the_page_cut_in_two():
    prose = ("加强基础研究，推动关键技术攻关和示范应用，完善体制机制。" * 8 + "到2030年，风电和光伏装机规模明显扩大；到2025年，"
             "森林覆盖率达到20%，草原综合植被盖度达到57%；到2030年，森林覆盖率达到22%。")
    cut = prose.index("2025年，森林") + 3  # the page breaks the line after 202
    prose = "加" * ((24 - cut % 24) % 24) + prose
    lines = [prose[i:i + 24] for i in range(0, len(prose), 24)]
    assert any(line.endswith("到202") for line in lines)
    found = targets("某区碳达峰实施方案\n" + "\n".join(lines) + "\n")
    assert [(t.target_year, t.value) for t in found] == [(2025, 20), (2025, 57), (2030, 22)]


def test_it_joins_a_value_phrase_the_page_cut_and_quotes_it_from_the_text():
    text = ("某市碳达峰实施方案\n到2030年，非化石能源消费比重达到20%左右，新能源装机容量达到7450万\n"
            "千瓦以上，全市森林覆盖率稳步提升，森林蓄积量达\n到2600万立方米，在装备制造、汽车等行业遴\n选20家链主企业。\n")
    found = targets(text)
    assert [(t.value, t.unit) for t in found] == [(20, "%"), (7450, "万千瓦"), (2600, "万立方米"), (20, "家")]
    assert [t.text for t in found][1:3] == ["新能源装机容量达到7450万\n千瓦以上", "森林蓄积量达\n到2600万立方米"]


def test_it_reads_a_period_word_the_line_break_cut_in_two():
    text = ("全国林业发展“十三五”规划\n第一节 加快推进造林绿化\n实施新一轮退耕还林还草，推进重点防护林体系建设。“十三五”期\n"
            "间，全国完成造林5亿亩，其中人工造林1.5亿亩，森林抚育面积达到6亿亩，\n退化防护林修复1亿亩。\n")
    found = targets(text)
    assert [(t.target_year, t.value) for t in found] == [(2020, 5), (2020, 1.5), (2020, 6), (2020, 1)]


def test_it_reads_a_value_whose_unit_the_page_number_cut_off():
    text = ("某省可再生能源发展“十四五”规划\n三、发展目标\n锚定碳达峰、碳中和与2035年远景目标，按照2025年非化石能源消费占比20\n"
            "— 1 —\n%左右任务要求，大力推动可再生能源发电开发利用，积极扩大非电利用规模。\n")
    t = targets(text)[0]
    assert (t.indicator, t.value, t.comparator, t.target_year, t.subject) == (
        "non_fossil_share", 20, "~", 2025, "非化石能源消费占比")


def test_it_reads_a_comparator_word_the_line_break_cut_in_two():
    text = ("某省可再生能源发展“十四五”规划\n——可再生能源发电目标。2025年，全省可再生能源年发电量达到330亿千瓦时左\n"
            "右。“十四五”期间，可再生能源发电量增量占全社会用电量增量的比重超过50%。\n")
    t = targets(text)[0]
    assert (t.value, t.comparator, t.unit) == (330, "~", "亿千瓦时")
