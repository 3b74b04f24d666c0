"""Naming a source by its power value (水电 1866万千瓦 is hydro capacity) and a product's unit consumption."""

from _targets_helpers import only


def test_it_names_a_power_value_of_a_source_as_its_installed_capacity():
    t = only("到2025年，风电达到800万千瓦。")
    assert t.indicator == "wind_capacity"


def test_it_keeps_a_qualified_source_apart_from_the_total():
    t = only("到2025年，海上风电达到300万千瓦。")
    assert t.indicator == "other" and t.subject == "海上风电"


def test_it_names_a_products_unit_consumption_with_the_product_before_it():
    t = only("到2025年，电解铝单位产品综合能耗下降5%。")
    assert (t.indicator, t.subject) == ("unit_product_energy_intensity", "电解铝单位产品综合能耗")


def test_it_lets_a_siting_word_qualify_only_a_source_the_catalogue_splits_by_siting():
    assert only("到2025年，集中式新型储能装机规模达到100万千瓦。").indicator == "new_energy_storage_capacity"
    assert only("到2025年，集中式光伏装机规模达到100万千瓦。").indicator == "other"  # 分布式光伏 has its own entry
