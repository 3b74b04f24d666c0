"""A title whose closing note (（试行）, （2022—2025年）) stands on its own line keeps it."""

from ccnt.analysis.policy_type import default_title


def test_it_keeps_the_closing_note_of_a_title_broken_before_it():
    assert default_title("某市碳达峰行动计划\n（试行）\n为贯彻落实……\n") == "某市碳达峰行动计划（试行）"


def test_it_joins_a_title_wrapped_inside_its_type_word():
    from ccnt.analysis.policy_type import default_title
    text = "省生态环境厅2022年推动碳达峰碳中和工\n作计划\n为贯彻落实《中共中央、国务院关于…的意见》，制定本计划。\n"
    assert default_title(text) == "省生态环境厅2022年推动碳达峰碳中和工作计划"
