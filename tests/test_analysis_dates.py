"""Dates with their kinds, ISO output, impossible dates rejected."""

from ccnt.analysis import analyse
from ccnt.analysis.dates import extract_dates, find_dates, parse_date


def kinds(pa):
    return {d.kind: d.date for d in pa.dates}


def test_it_reads_every_written_form():
    for raw in (
        "2023年7月5日",
        "2023 年 7 月 5 日",
        "2023-07-05",
        "2023.7.5",
        "2023/7/5",
        "二〇二三年七月五日",
        "二○二三年七月五日",
        "２０２３年７月５日",
    ):
        assert parse_date(raw) == "2023-07-05", raw


def test_it_reads_chinese_tens():
    assert parse_date("二〇二一年十月二十四日") == "2021-10-24"
    assert parse_date("二〇二一年十一月十日") == "2021-11-10"
    assert parse_date("二零二二年十二月三十一日") == "2022-12-31"


def test_it_rejects_impossible_dates():
    assert parse_date("2023年2月30日") is None
    assert parse_date("2023年13月1日") is None
    assert find_dates("二〇二三年二月三十日") == []


def test_it_takes_the_signature_date_as_signed():
    pa = analyse("某方案\n正文。\n江苏省人民政府\n2022年7月5日")
    assert kinds(pa) == {"signed": "2022-07-05"}


def test_it_reads_labelled_fields():
    text = "成文日期：2021年10月24日\n发布日期：2021-10-26\n标题：某通知\n正文。"
    assert kinds(analyse(text)) == {"signed": "2021-10-24", "published": "2021-10-26"}


def test_it_reads_effective_and_expiry():
    text = "某办法\n第三十条 本办法自2023年1月1日起施行，有效期至2027年12月31日。"
    assert kinds(analyse(text)) == {"effective": "2023-01-01", "expires": "2027-12-31"}


def test_it_computes_expiry_from_a_validity_period():
    text = "某办法\n本办法自印发之日起施行，有效期5年。\n济南市人民政府\n二〇二二年十一月三十日"
    assert kinds(analyse(text)) == {
        "signed": "2022-11-30",
        "effective": "2022-11-30",
        "expires": "2027-11-29",
    }


def test_it_ignores_a_bare_date_in_the_body():
    assert extract_dates("某方案\n2021年10月24日召开会议，研究部署工作。下一步继续推进。") == []
