"""A passage under a result shows what the result does not already show: its heading only where
its text does not open with it, and of a passage made of the policy's metadata only what is left
after the title and the labelled lines (发文机关：…)."""

from __future__ import annotations

from ccnt.search.hybrid import shown_text
from ccnt.search.models import Passage


def test_it_drops_a_heading_the_text_opens_with():
    passage = Passage(start=0, end=20, heading="（四）绿色办公行动", text="（四）绿色办公行动。推广无纸化办公。")
    assert shown_text(passage, "某方案") == ("", "（四）绿色办公行动。推广无纸化办公。")


def test_it_keeps_a_heading_the_text_does_not_show():
    passage = Passage(start=40, end=60, heading="（四）绿色办公行动", text="推广无纸化办公，减少一次性用品。")
    assert shown_text(passage, "某方案") == ("（四）绿色办公行动", "推广无纸化办公，减少一次性用品。")


def test_it_shows_a_metadata_passage_without_what_the_result_shows():
    passage = Passage(start=None, end=None, heading="江西省林业碳汇开发及交易管理办法",
                      text="江西省林业碳汇开发及交易管理办法\n发文机关：江西省林业局\n地区：江西省\n规范林业碳汇项目开发和交易。")
    assert shown_text(passage, "江西省林业碳汇开发及交易管理办法") == ("", "规范林业碳汇项目开发和交易。")


def test_it_leaves_nothing_of_a_title_only_passage():
    passage = Passage(start=None, end=None, heading="某方案", text="某方案\n发文机关：某局")
    assert shown_text(passage, "某方案") == ("", "")
