"""A part introduced by 其中 shares the whole's metric words and leaves out what they measure."""

from _targets_helpers import targets


def test_it_gives_the_part_after_qizhong_the_stem_of_the_whole():
    found = targets("到2025年，海上风电装机规模达到500万千瓦，其中并网装机规模达到200万千瓦。")
    assert [t.subject for t in found] == ["海上风电装机规模", "海上风电并网装机规模"]
    assert found[1].indicator == "other"  # offshore wind, not all wind


def test_it_places_a_sub_category_after_qizhong_within_the_whole():
    found = targets("到2025年，城镇新建建筑中绿色建筑占比达到100%，其中星级绿色建筑占比达到30%。")
    assert found[1].subject == "城镇新建建筑中星级绿色建筑占比"


def test_it_gives_a_bare_scale_the_thing_just_counted():
    from _targets_helpers import targets as found
    ts = found("到2025年，建成新型储能电站10座，规模达到50万千瓦。")
    assert [t.subject for t in ts] == ["新型储能电站", "新型储能电站规模"]
