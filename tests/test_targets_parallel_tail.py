"""Completing a short parallel item with the metric the last item carries, not with the last item's own words."""

from _targets_helpers import targets


def test_it_completes_a_short_item_with_the_metric_only():
    found = targets("到2025年，水电、光伏发电利用率均达到98%以上。")
    assert [t.subject for t in found] == ["水电利用率", "光伏发电利用率"]


def test_it_keeps_a_sector_tail_shared_by_the_items():
    found = targets("到2025年，造纸、印染行业用水重复利用率分别达到90%和85%。")
    assert found[0].subject.startswith("造纸") and found[0].subject.endswith("行业用水重复利用率")


def test_it_never_cuts_the_last_item_inside_a_word():
    found = targets("到2025年，化学需氧量、氨氮、氮氧化物、挥发性有机物重点工程减排量分别达到4.5万吨、0.3万吨、5.1万吨和2.2万吨。")
    assert [(t.subject, t.indicator) for t in found] == [
        ("化学需氧量重点工程减排量", "other"), ("氨氮重点工程减排量", "other"),
        ("氮氧化物重点工程减排量", "other"), ("挥发性有机物重点工程减排量", "other")]


def test_it_takes_the_qualifier_a_parallel_noun_shares():
    found = targets("到2025年，城市、县城生活垃圾无害化处理率分别达到99%、95%。")
    assert [t.subject for t in found] == ["城市生活垃圾无害化处理率", "县城生活垃圾无害化处理率"]
    found = targets("到2025年，公交车、出租车、网约车新能源汽车比例分别达到100%、80%、60%。")
    assert [t.subject for t in found] == ["公交车新能源汽车比例", "出租车新能源汽车比例", "网约车新能源汽车比例"]


def test_it_takes_the_sector_after_an_etc():
    found = targets("到2025年，钢铁、水泥、玻璃等重点行业单位产品能耗分别下降5%、4%、3%。")
    assert [t.subject for t in found][:2] == ["钢铁行业单位产品能耗", "水泥行业单位产品能耗"]


def test_it_reads_a_numeral_enumeration_as_one_subject_per_numeral():
    found = targets("到2020年，获得绿色建筑一、二星级评价标识的项目中绿色建材比例分别达到70%、80%。")
    assert [(t.subject, t.value) for t in found] == [
        ("获得绿色建筑一星级评价标识的项目中绿色建材比例", 70), ("获得绿色建筑二星级评价标识的项目中绿色建材比例", 80)]
