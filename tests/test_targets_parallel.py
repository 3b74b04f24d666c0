from _targets_helpers import only, targets


def test_it_pairs_subjects_and_values_with_fenbie():
    text = "到2025年，城市生活垃圾资源化利用率、建筑垃圾资源化利用率分别达到60%和55%以上。"
    found = targets(text)
    assert [(t.indicator, t.value, t.comparator) for t in found] == [
        ("municipal_waste_recycling_rate", 60, ">="), ("construction_waste_recycling_rate", 55, ">=")]
    assert all(t.text == text[7:-1] for t in found)  # each span covers the whole clause


def test_it_pairs_subjects_and_values_without_fenbie():
    found = targets("到2025年，城市生活垃圾资源化利用率、建筑垃圾资源化利用率达到60%和55%以上。")
    assert [(t.indicator, t.value) for t in found] == [
        ("municipal_waste_recycling_rate", 60), ("construction_waste_recycling_rate", 55)]


def test_it_reads_wind_and_solar_total_capacity_as_one_indicator():
    t = only("到2030年，风电、太阳能发电总装机容量达到12亿千瓦以上。")
    assert (t.indicator, t.value, t.unit, t.value_normalized) == ("wind_solar_capacity", 12, "亿千瓦", 1.2e9)


def test_it_completes_short_subjects_with_the_shared_head():
    found = targets("到2025年光伏、风电和生物质发电装机容量分别达3100万千瓦、1080万千瓦、60万千瓦。")
    assert [(t.indicator, t.value) for t in found] == [
        ("solar_capacity", 3100), ("wind_capacity", 1080), ("biomass_capacity", 60)]


def test_it_gives_one_target_per_complete_item_sharing_a_value():
    found = targets("到2025年，秸秆综合利用率、农膜回收率达到90%以上。")
    assert len(found) == 2 and {t.value for t in found} == {90}
    assert found[0].indicator == "straw_utilisation_rate"


def test_it_inherits_the_indicator_in_an_elliptic_clause():
    found = targets("到2025年，光伏装机容量力争达到400万千瓦；到2030年，力争达到700万千瓦。")
    assert [(t.target_year, t.indicator, t.value, t.firmness) for t in found] == [
        (2025, "solar_capacity", 400, "stretch"), (2030, "solar_capacity", 700, "stretch")]


def test_it_keeps_separate_values_of_one_subject():
    found = targets("到2025年，新能源发电装机容量超过5000万千瓦、力争达到5500万千瓦。")
    assert [(t.comparator, t.value, t.firmness) for t in found] == [(">", 5000, "plain"), ("=", 5500, "stretch")]


def test_it_gives_each_item_the_one_value_fenbie_shares():
    found = targets("到2025年，二氧化硫、氮氧化物排放总量比2020年分别下降8%。")
    assert [(t.subject, t.value, t.metric_kind, t.base_year) for t in found] == [
        ("二氧化硫排放总量", 8, "change", 2020), ("氮氧化物排放总量", 8, "change", 2020)]


def test_it_still_pairs_a_list_of_years_with_fenbie():
    found = targets("非化石能源消费比重到2025年、2030年分别达到20%。")
    assert sorted(t.target_year for t in found) == [2025, 2030]


def test_it_reads_平均_as_an_average_not_as_each_item_having_the_value():
    text = "某方案\n到2025年，全国新建大型、超大型数据中心平均电能利用效率降到1.3以下。\n"
    found = targets(text)
    assert [(t.indicator, t.value, t.role) for t in found] == [("data_center_pue", 1.3, "target")]


def test_it_reads_亩均_as_an_average_and_均_before_its_verb_as_each():
    assert len(targets("某方案\n到2025年，全市规模以上工业企业和开发区亩均税收达到30万元。\n")) == 1
    assert [t.value for t in targets("某方案\n到2025年，新建公共机构建筑、新建厂房屋顶光伏覆盖率均力争达到50%。\n")] == [50, 50]


def test_it_gives_one_value_after_分别_to_each_item_of_the_clause_before():
    text = ("“十二五”节能减排综合性工作方案\n到2015年，全国化学需氧量和二氧化硫排放总量分别控制在2347.6万吨、2086.4万吨，"
            "比2010年的2551.7万吨、2267.8万吨分别下降8%。\n")
    found = targets(text)
    assert [(t.subject, t.value, t.unit, t.base_year) for t in found] == [
        ("化学需氧量排放总量", 2347.6, "万吨", None), ("二氧化硫排放总量", 2086.4, "万吨", None),
        ("化学需氧量排放总量", 8, "%", 2010), ("二氧化硫排放总量", 8, "%", 2010)]


def test_it_gives_the_per_unit_head_of_the_first_item_to_the_short_items_after_it():
    text = "某市2017年政府工作报告\n2017年，万元地区生产总值能耗、水耗和二氧化碳排放分别下降3.5%、3%和4%。\n"
    assert [t.subject for t in targets(text)] == ["万元地区生产总值能耗", "万元地区生产总值水耗", "万元地区生产总值二氧化碳排放"]
