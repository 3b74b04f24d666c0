"""Table rows whose cells a PDF broke over several short lines, notes in brackets left out."""

from _targets_helpers import targets

HEADER = "某市“十四五”生态环境保护规划\n主要指标\n序号指标单位2020年2025年\n"


def test_it_reads_a_row_whose_target_sits_on_the_next_line():
    found = targets(HEADER + "3退化湿地修复面积公顷/\n300\n约束性\n")
    assert [(t.target_year, t.value_low, t.unit, t.subject) for t in found] == [(2025, 300, "公顷", "退化湿地修复面积")]
    assert "\n" in found[0].text


def test_it_leaves_out_a_bracketed_note_between_the_cells():
    found = targets(HEADER + "4城市公园绿地面积公顷\n520\n（现状面积）\n640\n（新增120）\n预期性\n")
    assert [(t.value_low, t.subject) for t in found] == [(640, "城市公园绿地面积")]


def test_it_joins_a_name_broken_over_two_lines():
    found = targets(HEADER + "1\n城市建成区绿化\n覆盖率\n% 40 45约束性\n")
    assert [(t.value_low, t.subject) for t in found] == [(45, "城市建成区绿化覆盖率")]


def test_it_makes_no_row_of_short_prose_lines():
    assert targets(HEADER + "各区政府\n负责落实\n2025年完成\n") == []
