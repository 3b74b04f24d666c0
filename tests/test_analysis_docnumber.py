"""Document numbers (发文字号): the notice's own, not the ones it cites."""

from ccnt.analysis import analyse
from ccnt.analysis.docnumber import find_doc_numbers, own_doc_number


def test_it_reads_the_header_number():
    assert own_doc_number("国务院关于印发某方案的通知\n国发〔2021〕23号\n各省：")[0] == "国发〔2021〕23号"


def test_it_accepts_every_bracket_style():
    for raw in (
        "苏政发[2022]88号",
        "苏政发（2022）88号",
        "苏政发(2022)88号",
        "苏政发【2022】88号",
        "苏政发〔2022〕第88号",
    ):
        assert own_doc_number(f"某通知\n{raw}\n正文。")[0] == "苏政发〔2022〕88号", raw


def test_it_reads_a_ministry_number():
    assert own_doc_number("某通知\n发改环资〔2021〕1310号\n正文。")[0] == "发改环资〔2021〕1310号"


def test_it_reads_a_labelled_field():
    text = "索引号：000014349/2021-00114\n发文字号：国发〔2021〕23号\n标题：国务院关于印发某方案的通知"
    assert own_doc_number(text)[0] == "国发〔2021〕23号"


def test_it_reads_an_order_number():
    assert own_doc_number("国家发展和改革委员会令\n第14号\n正文。")[0] == "国家发展和改革委员会令第14号"


def test_it_sends_cited_numbers_to_the_cited_list():
    text = (
        "江苏省碳达峰实施方案\n为落实《2030年前碳达峰行动方案》（国发〔2021〕23号），制定本方案。\n"
        + "正文。" * 200
    )
    pa = analyse(text)
    assert pa.doc_number == ""
    assert pa.cited_doc_numbers == ["国发〔2021〕23号"]


def test_it_cuts_the_words_before_a_number():
    [(start, end, number)] = find_doc_numbers("按照国务院印发的国发〔2021〕23号文件")
    assert number == "国发〔2021〕23号"
