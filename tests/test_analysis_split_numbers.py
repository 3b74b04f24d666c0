"""A PDF's stray space inside a number (2 022年, 14. 5平方米) moves to its end; offsets stay."""

from _targets_helpers import targets
from ccnt.analysis.normalize import normalize


def test_it_moves_the_space_out_of_a_split_year_and_decimal():
    assert normalize("到2 022年、达14. 5平方米") == "到2022 年、达14.5 平方米"


def test_it_leaves_other_spaced_numbers_alone():
    for text in ("第1 2项", "图3 5个", "1 000万元", "共 5 万吨"):
        assert normalize(text) == text


def test_it_reads_a_target_whose_year_a_pdf_split():
    [t] = targets("到2 022年，健康建筑示范项目达到50万平方米。")
    assert (t.target_year, t.value_low, t.text) == (2022, 50, "健康建筑示范项目达到50万平方米")
