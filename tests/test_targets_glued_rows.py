"""Indicator tables as a PDF's text layer gives them: cells glued without a separator, a space only
between two numbers (风电万千瓦310 860 550预期性), units repeated in the values (95% ≥98%), note marks
and bracketed codes in the names, a category cell on a line of its own above its rows."""

from _targets_helpers import targets

HEAD = "某省“十四五”能源发展规划\n表1 “十四五”能源发展主要指标\n"


def read(text: str) -> list[tuple[str, float, int]]:
    return [(t.subject, t.value, t.target_year) for t in targets(text)]


def kinds(text: str) -> list[tuple[float, str, str, str]]:
    return [(t.value, t.unit, t.metric_kind, t.direction) for t in targets(text)]


def test_it_reads_the_second_number_as_the_target_and_the_third_as_its_change_under_a_change_column():
    text = HEAD + "类别指标单位2020年2025年增量属性\n风电万千瓦310 860 550预期性\n煤电万千瓦900 800 100预期性\n"
    assert read(text) == [("风电", 860, 2025), ("风电", 550, 2025), ("煤电", 800, 2025), ("煤电", 100, 2025)]
    assert kinds(text)[1::2] == [(550, "万千瓦", "cumulative", "increase"), (100, "万千瓦", "cumulative", "decrease")]


def test_it_finds_a_yearly_rate_column_that_the_pdf_broke_onto_a_line_of_its_own():
    text = HEAD + "指标单位2020年2025年\n年均增速\n地区生产总值亿元4800 6400 6\n"
    assert read(text) == [("地区生产总值", 6400, 2025), ("地区生产总值", 6, 2025)]
    assert kinds(text)[1] == (6, "%", "annual_rate", "increase")


def test_it_reads_change_cells_by_their_own_form():
    text = HEAD + ("序号指标单位2020年2025年属性\n1非化石能源消费比重%11.3 16〔4.7〕约束性\n"
                   "2规模以上工业单位增加值能耗吨标准煤/万元0.32 0.27下降15%约束性\n3国家级绿色工厂家38 ≥80新增42\n"
                   "4能源消费总量万吨标准煤2456 2850 3.0%预期性\n")
    assert kinds(text) == [
        (16, "%", "level", "increase"), (4.7, "个百分点", "cumulative", "increase"),
        (0.27, "吨标准煤/万元", "level", "decrease"), (15, "%", "cumulative", "decrease"),
        (80, "家", "level", "increase"), (42, "家", "cumulative", "increase"),
        (2850, "万吨标准煤", "level", "decrease"), (3.0, "%", "cumulative", "increase")]
    assert targets(text)[1].text == "非化石能源消费比重%11.3 16〔4.7〕"


def test_it_reads_an_interim_and_a_final_year_under_three_year_columns():
    text = HEAD + "序号指标单位2020年2023年2025年\n1新能源公交车占比% 60 75 85\n"
    found = targets(text)
    assert sorted((t.target_year, t.value, t.indicator) for t in found) == [
        (2023, 75, "public_transport_ev_share"), (2025, 85, "public_transport_ev_share")]


def test_it_reads_the_second_year_column_and_leaves_a_column_the_header_does_not_name():
    text = HEAD + "指标单位2020年2025年\n光伏发电万千瓦120 900 780\n"
    assert read(text) == [("光伏发电", 900, 2025)]


def test_it_reads_no_target_from_three_numbers_under_a_header_of_one_year():
    text = HEAD + "指标单位2025年目标\n光伏发电万千瓦120 900 780\n"
    assert read(text) == []


def test_it_keeps_a_category_line_out_of_the_row_under_it():
    text = HEAD + "类别指标单位2020年2025年增量属性\n电力装机\n风电万千瓦310 860 550预期性\n"
    found = targets(text)
    assert [(t.subject, t.text, t.indicator) for t in found][:1] == [("风电", "风电万千瓦310 860", "wind_capacity")]


def test_it_reads_values_that_repeat_their_unit_and_quotes_it():
    text = HEAD + "序号指标单位2020年2025年属性\n1危险废物利用处置率% 95% ≥98%约束性\n"
    t = targets(text)[0]
    assert (t.value, t.comparator, t.text, t.binding) == (98, ">=", "危险废物利用处置率% 95% ≥98%", "binding")


def test_it_reads_a_row_without_a_unit_column_from_the_values_units():
    text = HEAD + ("序号指标2020年2025年属性\n1受污染耕地安全利用率92% ≥95%约束性\n"
                   "2治理农村黑臭水体数量120个 300个预期性\n3村庄生活垃圾治理率③70% 90%预期性\n")
    found = targets(text)
    assert [(t.subject, t.value, t.unit, t.comparator) for t in found] == [
        ("受污染耕地安全利用率", 95, "%", ">="), ("治理农村黑臭水体数量", 300, "个", "="),
        ("村庄生活垃圾治理率", 90, "%", "=")]


def test_it_keeps_a_bracketed_code_with_digits_in_the_name():
    text = HEAD + "序号指标名称2020年2025年属性\n2细颗粒物（PM2.5）平均浓度（微克/立方米）33 30约束性\n"
    t = targets(text)[0]
    assert (t.indicator, t.value, t.unit) == ("pm25_concentration", 30, "微克/立方米")


def test_it_reads_a_binding_cell_before_the_values():
    text = HEAD + "指标单位属性2020年2025年\n可再生能源装机规模占比%预期性52 60\n"
    t = targets(text)[0]
    assert (t.subject, t.value, t.target_year) == ("可再生能源装机规模占比", 60, 2025)


def test_it_reads_a_row_of_one_value_under_a_header_of_one_aim_year():
    text = ("某省建筑节能与绿色建筑发展规划\n表1 主要指标\n主要指标 2025年\n既有建筑节能改造面积（万平方米） 900\n"
            "城镇新建建筑中装配式建筑比例（%） 35\n")
    assert [(t.subject, t.value, t.target_year) for t in targets(text)] == [
        ("既有建筑节能改造面积", 900, 2025), ("城镇新建建筑中装配式建筑比例", 35, 2025)]


def test_it_reads_no_target_from_a_row_of_one_value_under_a_year_of_results():
    text = ("某省建筑节能与绿色建筑发展“十四五”规划\n表1 “十三五”完成情况\n主要指标 2020年\n既有建筑节能改造面积（万平方米） 900\n")
    assert targets(text) == []


def test_it_reads_rows_whose_interim_or_base_cell_is_a_dash_and_a_row_that_opens_with_其中():
    text = HEAD + ("序号指标名称单位2020年2023年2025年\n1可再生能源装机容量万千瓦3468 5200 8000\n2其中：风电万千瓦1373 2300 3853\n"
                   "3水电万千瓦952—970\n4新型储能万千瓦—300 600\n")
    assert sorted((t.subject, t.target_year, t.value) for t in targets(text)) == [
        ("可再生能源装机容量", 2023, 5200), ("可再生能源装机容量", 2025, 8000), ("新型储能", 2023, 300),
        ("新型储能", 2025, 600), ("水电", 2025, 970), ("风电", 2023, 2300), ("风电", 2025, 3853)]


def test_it_reads_per_mille_and_a_bracketed_period_change_that_carries_its_unit():
    text = HEAD + ("序\n号\n指标\n2020年\n现状\n2025年\n目标\n责任单位\n1森林火灾受害率0.12‰ ≤0.9‰县林业和草原局\n"
                   "2营造林面积—〔12万亩〕县林业和草原局\n")
    found = targets(text)
    assert [(t.value, t.unit, t.comparator, t.metric_kind, t.text) for t in found] == [
        (0.9, "‰", "<=", "level", "森林火灾受害率0.12‰ ≤0.9‰"), (12, "万亩", "=", "cumulative", "营造林面积—〔12万亩〕")]


def test_it_never_takes_a_glued_row_for_a_sentence_the_page_cut():
    from ccnt.analysis.targets.extractor import table_row_tail
    row = "1规模以上工业单位增加值能耗吨标准煤/万元0.32 0.27下降15%约束性"
    prose = "规模以上工业单位增加值能耗、单位工业增加值二氧化碳排放分别比2020年下降"
    assert table_row_tail(row, 0, len(row)) and not table_row_tail(prose, 0, len(prose))


def test_it_reads_a_row_of_a_quantity_without_a_unit():
    text = HEAD + "序号指标单位2020年2025年属性\n4农田灌溉水有效利用系数—0.551 0.57约束性\n5数据中心PUE值 1.5 1.3\n"
    assert [(t.subject, t.value, t.unit) for t in targets(text)] == [
        ("农田灌溉水有效利用系数", 0.57, ""), ("数据中心PUE值", 1.3, "")]


def test_it_never_splits_one_number_into_a_base_and_a_target():
    text = HEAD + "参数名称取值\n熟料产量控制系数0.98\n"
    assert targets(text) == []


def test_it_reads_three_year_columns_left_to_right_when_cells_are_missing_or_bracketed():
    text = ("某省石化化工行业碳达峰实施方案\n表1 主要指标\n序号指标名称单位2020年2025\n年2030年指标属\n性\n"
            "1单位增加值二氧化碳排放降低%—〔18〕〔30〕约束性\n2化工园区数量个84≤80\n")
    assert sorted((t.target_year, t.value, t.metric_kind, t.comparator) for t in targets(text)) == [
        (2025, 18, "cumulative", "="), (2025, 80, "level", "<="), (2030, 30, "cumulative", "=")]


def test_it_reads_a_glued_table_of_places_under_a_header_of_labels_with_units():
    text = ("某省“十四五”节能减排综合工作方案\n附件\n各省辖市“十四五”节能减排目标\n地区单位生产总值能耗\n降低（%）化学需氧量重点\n"
            "工程减排量（吨）\n郑州市15 12000\n开封市14 6000\n")
    assert [(t.subject, t.value, t.unit, t.target_year) for t in targets(text)] == [
        ("郑州市单位生产总值能耗", 15, "%", 2025), ("郑州市化学需氧量重点工程减排量", 12000, "吨", 2025),
        ("开封市单位生产总值能耗", 14, "%", 2025), ("开封市化学需氧量重点工程减排量", 6000, "吨", 2025)]
