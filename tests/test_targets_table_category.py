"""Table rows that carry a category column before the row number (类别 | 序号 | 指标 | 单位 | 现状 | 目标)."""

from _targets_helpers import targets


def test_it_reads_a_row_whose_first_column_is_a_category():
    text = "主要指标\n类别序号指标单位2020年2025年\n污染治理3城镇污水处理能力万吨/日120 160预期性\n"
    found = targets(text)
    assert [(t.target_year, t.value, t.subject) for t in found] == [(2025, 160, "城镇污水处理能力")]
