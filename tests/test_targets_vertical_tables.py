"""Tables a PDF gave one cell per line: the header's cells on lines of their own, then each row's
number, category, name, unit and values on lines of their own (columns.vertical_table)."""

from _targets_helpers import targets

PAGE = "                                   — 3 —"


def test_it_reads_each_future_year_column_of_a_table_of_one_cell_per_line():
    text = "\n".join(["某市城乡建设领域碳达峰实施方案", "到2025年，城乡建设绿色低碳发展取得积极成效。", PAGE,
                      "表1 主要指标", "序号", "指标", "2025年", "2030年",
                      "1", "星级绿色建筑占比（%）", "≥30", "≥40",
                      "2", "装配式建筑占新建建筑比例", "（%）", "40", "50", "三、重点任务"]) + "\n"
    found = [(t.indicator, t.target_year, t.value, t.comparator) for t in targets(text)]
    assert found == [("star_green_building_share", 2025, 30, ">="), ("star_green_building_share", 2030, 40, ">="),
                     ("prefabricated_building_share", 2025, 40, "="), ("prefabricated_building_share", 2030, 50, "=")]


def test_it_leaves_out_a_rows_category_and_its_present_value():
    text = "\n".join(["某县“十四五”能源发展规划", "表1 主要指标", "类别", "指标", "单位", "2020年", "2025年", "属性",
                      "能源", "总量", "能源消费总量", "万吨标准煤", "612", "690", "预期性",
                      "煤炭消费量", "万吨", "351", "320", "约束性", "注：能源消费总量不含国家统筹项目。"]) + "\n"
    found = [(t.subject, t.value, t.unit, t.binding) for t in targets(text)]
    assert found == [("能源消费总量", 690, "万吨标准煤", "indicative"), ("煤炭消费量", 320, "万吨", "binding")]


def test_it_quotes_an_indented_cell_whole():
    text = "\n".join(["某市城乡建设领域碳达峰实施方案", "序号", "指标", "2025年", "2030年",
                      "1", "  星级绿色建筑占比（%）", "  ≥30", "  ≥40"]) + "\n"
    found = targets(text)
    assert [t.text for t in found] == ["星级绿色建筑占比（%）\n  ≥30", "星级绿色建筑占比（%）\n  ≥30\n  ≥40"]


def test_it_reads_on_across_a_page_number_inside_a_table():
    text = ("某市碳达峰实施方案\n附表\n某市碳达峰主要指标\n指标\n单位\n2020年\n2025年\n2030年\n属性\n"
            "可再生能源装机容量\n万千瓦\n120\n300\n500\n预期性\n光伏发电装机容量\n— 4 —\n万千瓦\n105\n250\n400\n预期性\n")
    found = targets(text)
    assert sorted((t.subject, t.target_year, t.value) for t in found) == [
        ("光伏发电装机容量", 2025, 250), ("光伏发电装机容量", 2030, 400),
        ("可再生能源装机容量", 2025, 300), ("可再生能源装机容量", 2030, 500)]
