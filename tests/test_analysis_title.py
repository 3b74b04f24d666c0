"""The title of a text is read from its head: an issuer on the first line and 关于… on the next
make one title; a title broken over several lines is joined whole."""

from __future__ import annotations

from ccnt.analysis.pipeline import analyse


def test_it_joins_an_issuer_line_and_a_long_about_line_into_one_title():
    text = ("河南省人民政府办公厅\n关于印发河南省推进碳达峰碳中和工作加快建立健全绿色低碳循环发展经济体系实施方案的通知\n"
            "各省辖市人民政府：\n现将《方案》印发给你们，请认真贯彻执行。\n")
    pa = analyse(text)
    assert pa.title.startswith("河南省推进碳达峰碳中和工作") or pa.notice_title.startswith("河南省人民政府办公厅关于印发")
    assert pa.title != "河南省人民政府办公厅"


def test_it_joins_a_title_broken_over_three_lines():
    text = "关于印发《重庆市严格能效约束\n推动重点领域节能降碳\n实施方案》的通知\n各区县（自治县）人民政府：\n现印发给你们。\n"
    pa = analyse(text)
    assert pa.title == "重庆市严格能效约束推动重点领域节能降碳实施方案"
