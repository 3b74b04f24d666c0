"""Completing a short parallel item with the metric the last item carries, not with the last item's own words."""

from _targets_helpers import targets


def test_it_completes_a_short_item_with_the_metric_only():
    found = targets("到2025年，水电、光伏发电利用率均达到98%以上。")
    assert [t.subject for t in found] == ["水电利用率", "光伏发电利用率"]


def test_it_keeps_a_sector_tail_shared_by_the_items():
    found = targets("到2025年，造纸、印染行业用水重复利用率分别达到90%和85%。")
    assert found[0].subject.startswith("造纸") and found[0].subject.endswith("行业用水重复利用率")
