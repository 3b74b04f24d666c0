"""Two-unit values (储能200万千瓦/400万千瓦时): the power and the energy of the same plant are two targets."""

from _targets_helpers import targets


def test_it_reads_both_values_of_a_power_and_energy_pair():
    found = targets("到2025年，新型储能装机规模达到300万千瓦/600万千瓦时。")
    assert [(t.value_low, t.unit) for t in found] == [(300, "万千瓦"), (600, "万千瓦时")]
    assert found[0].indicator == "new_energy_storage_capacity"
    assert found[1].indicator != "new_energy_storage_capacity"  # energy is not the capacity in kW
    assert all(t.text == "新型储能装机规模达到300万千瓦/600万千瓦时" for t in found)


def test_it_keeps_the_comparator_for_both_values_of_a_pair():
    found = targets("到2030年，抽水蓄能电站装机规模不低于500万千瓦/3000万千瓦时。")
    assert [(t.comparator, t.target_year) for t in found] == [(">=", 2030), (">=", 2030)]


def test_it_names_storage_stated_in_energy_alone_as_storage_capacity():
    found = targets("到2025年，新型储能装机规模达到120万千瓦时左右。")
    assert [(t.indicator, t.value_low) for t in found] == [("new_energy_storage_capacity", 120)]


def test_it_never_names_generation_in_kilowatt_hours_as_a_capacity():
    found = targets("到2025年，可再生能源发电量达到500亿千瓦时。")
    assert len(found) == 1 and found[0].indicator != "renewable_capacity"


def test_it_reads_a_table_row_of_a_two_unit_quantity():
    text = "某省“十四五”能源发展规划\n主要指标\n序号指标单位2020年2025年\n6新型储能规模万千瓦/万千瓦时10 300/600\n"
    found = targets(text)
    assert [(t.target_year, t.value_low, t.unit) for t in found] == [(2025, 300, "万千瓦"), (2025, 600, "万千瓦时")]
    assert found[0].indicator == "new_energy_storage_capacity" and found[1].indicator == "other"
