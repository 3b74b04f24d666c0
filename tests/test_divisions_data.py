"""The administrative-division table (src/ccnt/data/divisions.csv) and its alias file.

Plain file checks: no Django needed.
"""

import csv
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "src" / "ccnt" / "data"
COLUMNS = [
    "adcode",
    "name",
    "short_name",
    "level",
    "parent_adcode",
    "kind",
    "valid_from",
    "valid_to",
    "successor_adcode",
]


def _read(name):
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


@pytest.fixture(scope="module")
def divisions():
    fields, rows = _read("divisions.csv")
    assert fields == COLUMNS
    return {r["adcode"]: r for r in rows}


def test_codes_are_unique_six_digits():
    _, rows = _read("divisions.csv")
    codes = [r["adcode"] for r in rows]
    assert len(codes) == len(set(codes)), [c for c, n in Counter(codes).items() if n > 1]
    assert all(len(c) == 6 and c.isdigit() for c in codes)


def test_nation_row(divisions):
    n = divisions["100000"]
    assert (n["name"], n["short_name"], n["level"], n["parent_adcode"], n["kind"]) == (
        "中华人民共和国",
        "中国",
        "national",
        "",
        "division",
    )


def test_all_34_provinces_including_taiwan_hong_kong_macau(divisions):
    provinces = {c: r for c, r in divisions.items() if r["level"] == "province"}
    assert len(provinces) == 34
    assert all(r["parent_adcode"] == "100000" for r in provinces.values())
    assert provinces["710000"]["short_name"] == "台湾"
    assert provinces["810000"]["short_name"] == "香港"
    assert provinces["820000"]["short_name"] == "澳门"
    for code in ("110000", "120000", "310000", "500000"):  # municipalities are provinces
        assert provinces[code]["kind"] == "division"


def test_jinan_is_a_city_in_shandong(divisions):
    r = divisions["370100"]
    assert (r["name"], r["short_name"], r["level"], r["parent_adcode"]) == (
        "济南市",
        "济南",
        "city",
        "370000",
    )
    assert divisions["370102"]["level"] == "county" and divisions["370102"]["parent_adcode"] == "370100"
    assert divisions["370113"]["short_name"] == "长清"


def test_every_parent_exists(divisions):
    for code, r in divisions.items():
        if code == "100000":
            continue
        assert r["parent_adcode"] in divisions, code
        parent = divisions[r["parent_adcode"]]
        order = ["national", "province", "city", "county"]
        assert order.index(parent["level"]) < order.index(r["level"]), code


def test_short_names_of_autonomous_regions(divisions):
    assert divisions["150000"]["short_name"] == "内蒙古"
    assert divisions["450000"]["short_name"] == "广西"
    assert divisions["540000"]["short_name"] == "西藏"
    assert divisions["640000"]["short_name"] == "宁夏"
    assert divisions["650000"]["short_name"] == "新疆"


def test_short_names_of_prefectures_and_counties(divisions):
    by_name = {r["name"]: r for r in divisions.values() if not r["valid_to"]}
    for name, short in [
        ("延边朝鲜族自治州", "延边"),
        ("恩施土家族苗族自治州", "恩施"),
        ("大兴安岭地区", "大兴安岭"),
        ("阿坝藏族羌族自治州", "阿坝"),
        ("会理市", "会理"),
        ("河北省", "河北"),
        ("香港特别行政区", "香港"),
    ]:
        assert by_name[name]["short_name"] == short
    # a stripped form of one character or a generic word keeps the full name
    for r in divisions.values():
        if r["name"] in ("城区", "郊区", "矿区", "市中区", "义县"):
            assert r["short_name"] == r["name"]


def test_placeholders_and_development_zones(divisions):
    assert divisions["110100"]["kind"] == "placeholder"  # 北京 市辖区
    assert divisions["500200"]["kind"] == "placeholder"  # 重庆 县
    assert divisions["419000"]["kind"] == "placeholder"  # 省直辖县级行政区划
    assert divisions["110101"]["parent_adcode"] == "110000"  # placeholders are skipped as parents
    assert divisions["370176"]["kind"] == "dev_zone"  # 济南高新技术产业开发区
    assert divisions["310115"]["kind"] == "division"  # 浦东新区 is a real district
    assert divisions["120116"]["kind"] == "division"  # 滨海新区


def test_successor_links(divisions):
    laiwu = divisions["371200"]
    assert laiwu["valid_to"] == "2019-01-09" and laiwu["successor_adcode"] == "370116"
    assert divisions["513425"]["successor_adcode"] == "513402"
    for r in divisions.values():
        if r["successor_adcode"]:
            assert r["successor_adcode"] in divisions
            assert not divisions[r["successor_adcode"]]["successor_adcode"]


def test_aliases_file(divisions):
    fields, rows = _read("division_aliases.csv")
    assert fields == ["adcode", "alias", "never_alone", "note"]
    for r in rows:
        assert r["never_alone"] in ("0", "1")
        assert r["adcode"] == "" or r["adcode"] in divisions
    never = {r["alias"] for r in rows if r["never_alone"] == "1"}
    for word in (
        "城区",
        "郊区",
        "矿区",
        "市中区",
        "鼓楼区",
        "市辖区",
        "开发区",
        "朝阳区",
        "通州区",
        "西湖区",
    ):
        assert word in never, word
    # every county name shared by several divisions is flagged
    counts = Counter(
        r["name"]
        for r in divisions.values()
        if r["level"] == "county"
        and r["kind"] == "division"
        and not r["valid_to"]
        and not r["successor_adcode"]
    )
    assert {n for n, k in counts.items() if k > 1} <= never
    plain = {(r["adcode"], r["alias"]) for r in rows if r["never_alone"] == "0"}
    assert ("150000", "内蒙") in plain
    assert not any(r["alias"] in ("沪", "申", "京津冀") for r in rows)


def test_authority_files():
    fields, rows = _read("authorities.csv")
    assert fields == ["name", "aliases", "adcode", "kind", "name_en"]
    names = {r["name"] for r in rows}
    aliases = [a for r in rows for a in r["aliases"].split("|") if a]
    assert len(aliases) == len(set(aliases)) and not names & set(aliases)
    by_alias = {a: r["name"] for r in rows for a in r["aliases"].split("|") if a}
    assert by_alias["国家发改委"] == "国家发展和改革委员会"
    assert by_alias["住建部"] == "住房和城乡建设部"
    assert by_alias["工信部"] == "工业和信息化部"
    assert {"中共中央", "国务院", "生态环境部", "国家能源局", "全国人民代表大会常务委员会"} <= names
    assert all(r["adcode"] == "100000" and r["name_en"] for r in rows)
    fields, rows = _read("authority_suffixes.csv")
    assert fields == ["suffix", "aliases", "kind", "name_en"]
    suffix = {a: r["suffix"] for r in rows for a in [r["suffix"], *r["aliases"].split("|")] if a}
    assert suffix["发改委"] == "发展和改革委员会"
    assert suffix["住建厅"] == "住房和城乡建设厅"
    assert suffix["政府"] == "人民政府"
