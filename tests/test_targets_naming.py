"""Every target names its subject as written; a catalogue code only where an entry truly fits."""

from _targets_helpers import only, targets


def test_it_keeps_the_subject_phrase_without_year_scope_or_verb():
    t = only("到2025年，全省新建城市排水管道达到500公里。")
    assert t.subject == "新建城市排水管道"
    assert t.indicator == "other" and t.indicator_name == "新建城市排水管道"


def test_it_never_names_a_target_other_indicator():
    for t in targets("到2025年，建成绿色分拣中心1000个以上，废纸利用量达到6000万吨。"):
        assert t.indicator_name and t.indicator_name != "其他指标"


def test_it_resolves_wording_variants_to_one_code():
    a = only("到2025年，非化石能源消费占比达到20%。")
    b = only("到2025年，非化石能源消费比重达到20%。")
    assert a.indicator == b.indicator == "non_fossil_share"


def test_it_does_not_let_a_generic_alias_swallow_a_qualified_subject():
    t = only("到2025年，海上风电装机规模达到300万千瓦。")
    assert t.indicator != "wind_capacity"
    assert t.subject == "海上风电装机规模"


def test_it_completes_parallel_items_with_their_shared_head():
    found = targets("到2025年，再生铜、再生铝和再生铅产量分别达到400万吨、1150万吨、290万吨。")
    assert [t.subject for t in found] == ["再生铜产量", "再生铝产量", "再生铅产量"]


def test_it_names_a_count_by_the_thing_counted():
    t = only("到2025年，遴选10个左右示范基地。")
    assert t.subject == "示范基地" and t.value == 10 and t.comparator == "~"


def test_it_names_a_subject_whose_gloss_is_in_brackets():
    t = only("到2025年，现有数据中心PUE值（电能利用效率）不超过1.5。")
    assert t.indicator == "data_center_pue"


def test_it_keeps_the_star_rating_as_a_qualifier():
    t = only("到2025年，星级绿色建筑面积占比达到30%以上。")
    assert t.indicator == "star_green_building_share"


def test_it_counts_people_brought_in_without_the_verb_in_the_subject():
    found = targets("到2025年，引进30名以上领军人才，培育和引进50名以上创新型企业家。")
    assert [(t.value, t.unit, t.subject) for t in found] == [(30, "名", "领军人才"), (50, "名", "创新型企业家")]


def test_it_keeps_green_power_apart_from_electricity_in_general():
    t = only("到2025年，全省绿色电力消费比例达到30%以上。")
    assert (t.indicator, t.indicator_name) == ("other", "绿色电力消费比例")


def test_it_does_not_name_a_per_capita_quantity_by_the_totals_entry():
    from _targets_helpers import only as one
    t = one("到2025年，人均公园绿地面积达到17.5平方米。")
    assert (t.indicator, t.subject) == ("other", "人均公园绿地面积")


def test_it_drops_an_aims_adverb_inside_a_subject():
    from _targets_helpers import only as one
    t = one("到2025年，公共机构新建建筑可安装光伏屋顶面积力争实现光伏覆盖率达到50%。")
    assert t.subject == "公共机构新建建筑可安装光伏屋顶面积光伏覆盖率"


def test_it_names_the_benchmark_share_worded_with_nengxiao():
    from _targets_helpers import only as one
    t = one("到2025年，重点行业达到能效标杆水平的产能比例超过30%。")
    assert t.indicator == "energy_efficiency_benchmark_share"


def test_it_folds_wording_variants_from_the_data_file(tmp_path):
    import pytest

    from ccnt.analysis.indicators import WORDING_VARIANTS, load_wording
    assert ("发电装机", "装机") in WORDING_VARIANTS
    bad = tmp_path / "w.csv"
    bad.write_text("variant,canonical,example\n,装机,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"w.csv:2"):
        load_wording(bad)


def test_it_strips_a_year_range_from_a_subject():
    from ccnt.analysis.targets.subject import clean_subject
    assert clean_subject("2022-2025年每年全市新开工被动式超低能耗建筑面积增速") == "新开工被动式超低能耗建筑面积增速"


def test_it_names_a_part_of_a_whole_by_the_share_entry_of_that_part():
    from _targets_helpers import only as one
    t = one("到2025年，新开工装配式建筑占城镇新建民用建筑30%以上。")
    assert t.indicator == "prefabricated_building_share"
    other = one("到2025年，城市生活垃圾焚烧处理能力占无害化处理能力比重达到65%左右。")
    assert other.indicator != "prefabricated_building_share"


def test_it_names_a_share_of_an_entrys_things_but_not_a_share_of_an_amount():
    from _targets_helpers import only as one
    assert one("到2025年，新增和更新公交车中新能源车占比达到100%。").indicator == "public_transport_ev_share"
    assert one("到2025年，绿色贷款占比提升2个百分点以上。").indicator == "other"


def test_it_never_names_a_pollutant_intensity_carbon_intensity():
    t = only("到2025年，重点行业主要污染物排放强度降低10%。")
    assert (t.indicator, t.subject) == ("other", "重点行业主要污染物排放强度")


def test_it_keeps_pesticides_apart_from_fertiliser():
    found = targets("到2025年，主要农作物化肥、农药利用率均达到43%。")
    assert [t.indicator for t in found] == ["fertilizer_use_efficiency", "other"]


def test_it_never_names_a_freight_volume_a_share():
    t = only("到2025年，铁路货运量年均增长5%以上。")
    assert t.indicator == "other"
    t = only("到2025年，铁路货运量占比提高到15%。")
    assert t.indicator == "rail_freight_share"


def test_it_names_a_vehicle_share_or_fleet_written_with_its_own_head_words():
    text = ("某市实施方案\n到2025年，公交车中新能源车辆比例达到100%，燃料电池汽车推广应用规模达到2000辆以上，"
            "地级及以上城市PM2.5平均浓度控制在30微克/立方米以下，建设5个大宗固废综合利用基地。\n")
    assert [t.indicator for t in targets(text)] == [
        "public_transport_ev_share", "fuel_cell_vehicles", "pm25_concentration", "recycling_industry_bases"]


def test_it_keeps_a_named_industrys_output_apart_from_the_catalogues_emerging_industries():
    text = "某市氢能产业发展规划\n到2025年，氢能产业总产值突破300亿元，推广应用氢燃料电池汽车1000辆左右，加氢站近10座。\n"
    found = targets(text)
    assert [t.indicator for t in found] == ["other", "fuel_cell_vehicles", "hydrogen_refuelling_stations"]
    assert (found[0].subject, found[2].subject) == ("氢能产业总产值", "加氢站")


def test_it_tells_pm10_from_pm25_and_a_yearly_average_from_a_yearly_rate():
    text = ("某省方案\n到2025年，地级及以上城市可吸入颗粒物浓度比2012年下降10%以上，细颗粒物年均浓度控制在60微克/立方米左右，"
            "绿色贷款余额较2020年末翻一番。\n")
    found = targets(text)
    assert [t.indicator for t in found] == ["other", "pm25_concentration", "green_finance_loans"]
    assert (found[1].metric_kind, found[2].subject, found[2].base_year) == ("level", "绿色贷款余额", 2020)


def test_it_names_the_rate_of_change_of_a_catalogued_quantity_by_that_quantity():
    text = "某市工业领域碳达峰实施方案\n“十四五”期间，单位工业增加值二氧化碳排放量年均削减率4%以上。\n"
    assert [t.indicator for t in targets(text)] == ["industrial_value_added_carbon_intensity"]
