"""Targets a plan allocates to the places under it: one target per place (targets.regions)."""

from _targets_helpers import targets


def test_it_splits_groups_of_places_that_share_a_value():
    found = targets("“十三五”期间，广州、深圳单位地区生产总值二氧化碳排放下降23%，惠州、江门、肇庆下降21.5%。")
    assert [(t.subject, t.value, t.indicator, t.metric_kind) for t in found] == [
        ("广州单位地区生产总值二氧化碳排放", 23, "carbon_intensity", "cumulative"),
        ("深圳单位地区生产总值二氧化碳排放", 23, "carbon_intensity", "cumulative"),
        ("惠州单位地区生产总值二氧化碳排放", 21.5, "carbon_intensity", "cumulative"),
        ("江门单位地区生产总值二氧化碳排放", 21.5, "carbon_intensity", "cumulative"),
        ("肇庆单位地区生产总值二氧化碳排放", 21.5, "carbon_intensity", "cumulative")]


def test_it_names_pairs_of_place_and_value_by_the_total_they_share():
    found = targets("“十三五”期间，全省煤炭消费总量减少3200万吨，其中非电行业用煤减少1600万吨。"
                    "各设区市削减目标为：南京市480万吨、无锡市360万吨。")
    assert [(t.subject, t.value) for t in found[-2:]] == [("南京市煤炭消费总量", 480), ("无锡市煤炭消费总量", 360)]


def test_it_reads_a_caption_over_a_list_of_places():
    text = "附件\n“十二五”各地区节能目标（单位国内生产总值能耗降低率）\n北京17%、天津18%、河北17%\n"
    found = targets(text)
    assert [(t.subject, t.value, t.target_year, t.indicator, t.metric_kind, t.direction) for t in found][:2] == [
        ("北京单位国内生产总值能耗", 17, 2015, "energy_intensity", "cumulative", "decrease"),
        ("天津单位国内生产总值能耗", 18, 2015, "energy_intensity", "cumulative", "decrease")]
    assert len(found) == 3


def test_it_keeps_places_named_together_as_one_target():
    found = targets("到2025年，济南、青岛、烟台3市新开工装配式建筑占比不低于50%。")
    assert len(found) == 1
    found = targets("到2025年，合肥、芜湖市区新能源公交车占比100%，其他区域不低于80%。")
    assert [t.value for t in found] == [100, 80]
    found = targets("到2025年，土默特左旗、托克托县盐碱地恢复正常生产面积20万亩以上。")
    assert len(found) == 1


def test_it_keeps_every_place_a_target_of_its_own():
    from ccnt.analysis import analyse
    pa = analyse("到2025年，北京、天津单位地区生产总值二氧化碳排放下降18%，河北下降17%。")
    assert [(t.subject, t.role) for t in pa.targets] == [
        ("北京单位地区生产总值二氧化碳排放", "target"), ("天津单位地区生产总值二氧化碳排放", "target"),
        ("河北单位地区生产总值二氧化碳排放", "target")]


def test_it_takes_the_quantity_of_the_same_unit_for_pairs():
    found = targets("到2025年，全省单位地区生产总值能耗下降14%，可再生能源装机容量达到5000万千瓦。南京市800万千瓦、无锡市600万千瓦。")
    assert [(t.subject, t.indicator == "energy_intensity") for t in found[2:]] == [
        ("南京市可再生能源装机容量", False), ("无锡市可再生能源装机容量", False)]


def test_it_reads_places_named_with_a_chinese_numeral_as_one_body():
    found = targets("到2025年，济南、青岛、烟台三市新开工装配式建筑占比不低于50%，淄博、潍坊不低于40%。")
    assert [t.subject for t in found] == ["济南、青岛、烟台三市新开工装配式建筑占比", "淄博新开工装配式建筑占比",
                                         "潍坊新开工装配式建筑占比"]


def test_it_reads_a_caption_over_one_place_a_line():
    text = "附件\n“十二五”各地区节能目标（单位国内生产总值能耗降低率）\n北京 17%\n天津 18%\n"
    assert [(t.subject, t.target_year) for t in targets(text)] == [
        ("北京单位国内生产总值能耗", 2015), ("天津单位国内生产总值能耗", 2015)]


def test_it_never_takes_a_marked_heading_for_a_caption():
    found = targets("（三）强化目标分解\n到2025年，北京、天津下降15%，河北下降14%。")
    assert found and all("分解" not in t.subject for t in found)


def test_it_reads_an_inline_list_after_a_lead_that_names_the_period_and_quantity():
    text = ("某省“十四五”节能减排综合工作方案\n（三）合理分解目标。各设区市“十四五”单位地区生产总值能耗降低目标为："
            "广州市14%、深圳市15%、汕头市13%。\n")
    found = targets(text)
    assert [(t.subject, t.value, t.target_year, t.indicator, t.direction) for t in found] == [
        ("广州市单位地区生产总值能耗", 14, 2025, "energy_intensity", "decrease"),
        ("深圳市单位地区生产总值能耗", 15, 2025, "energy_intensity", "decrease"),
        ("汕头市单位地区生产总值能耗", 13, 2025, "energy_intensity", "decrease")]


def test_it_never_reads_a_period_that_names_a_plan_as_a_target_year():
    assert targets("依据“十四五”能源发展规划，全省新增光伏装机500万千瓦。") == []


def test_it_reads_a_table_of_places_under_columns_whose_labels_hold_latin_letters():
    text = ("某省“十三五”节能减排综合工作方案\n附件\n各设区市“十三五”能耗“双控”目标\n"
            "设区市\t单位GDP能耗降低目标（%）\t能源消费增量控制目标（万吨标准煤）\n杭州\t17\t340\n宁波\t16\t450\n")
    found = targets(text)
    assert [(t.subject, t.value, t.target_year, t.comparator) for t in found] == [
        ("杭州单位GDP能耗", 17, 2020, "="), ("杭州能源消费增量", 340, 2020, "<="),
        ("宁波单位GDP能耗", 16, 2020, "="), ("宁波能源消费增量", 450, 2020, "<=")]
    assert (found[0].indicator, found[0].direction) == ("energy_intensity", "decrease")
