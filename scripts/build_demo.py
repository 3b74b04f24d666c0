#!/usr/bin/env python3
"""Build ``src/ccnt/data/demo/policies.json`` from the shared corpus.

Reads (never copies) ``../shared/corpus``:
- ``dual-carbon/policies.tsv``: 509 policies' metadata (yeahqiona/Dual-carbon-policies, GPL-3.0);
- ``KNOWN_TITLES.tsv``: titles of further real policies with the data set's group;
- ``*.txt``: the eight corpus texts (first line = title; only the title is read here).

and the project's own data files (divisions.csv, division_aliases.csv, authorities.csv,
authority_suffixes.csv, taxonomy.json).  Policies are deduplicated by normalised title; every
fact records the source it came from (``provenance``).  Dates, issuers, jurisdictions come only
from a source or from the policy's own title; nothing is invented.

    python scripts/build_demo.py [--corpus ../shared/corpus] [--out src/ccnt/data/demo/policies.json]

The functions ``normalise_title``, ``Gazetteer.canonical_issuer`` … are imported by the tests.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections import OrderedDict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "ccnt" / "data"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"

SOURCES = [
    {
        "id": "dual_carbon",
        "name": "Dual-carbon policies (policy knowledge-graph data set)",
        "url": "https://github.com/yeahqiona/Dual-carbon-policies",
        "licence": "GPL-3.0",
        "note": (
            "509 policies' metadata (title, issuing bodies, date, type, domain, province, city), 2020-09 to "
            "2022-07, made by hand by the data set's authors; read from ../shared/corpus/dual-carbon/policies.tsv. "
            "Issuers are cleaned to canonical names (国家发改委 → 国家发展和改革委员会); its date is usually the "
            "signing date (成文日期), recorded here as kind 'signed'."
        ),
    },
    {
        "id": "known_titles",
        "name": "Known titles list of the shared corpus (KNOWN_TITLES.tsv)",
        "url": "",
        "licence": "public official documents (titles; not subject to copyright, PRC Copyright Law art. 5)",
        "note": (
            "Titles of further national and provincial policies with the source data set's grouping; titles may "
            "be slightly abbreviated. Gives titles and groups only."
        ),
    },
    {
        "id": "corpus",
        "name": "Shared corpus texts (../shared/corpus/*.txt)",
        "url": "",
        "licence": "public official documents (not subject to copyright, PRC Copyright Law art. 5)",
        "note": (
            "Eight full texts of national and provincial carbon-peaking plans, rebuilt from a public "
            "sentence-level data set; the texts stay outside the project, corpus_file names the file."
        ),
    },
    {
        "id": "ccnt_curation",
        "name": "ccnt curators' classification",
        "url": "",
        "licence": "MIT (this project)",
        "note": (
            "Report category and sectors assigned by the project's rules from the title's keywords and the "
            "source data set's domain / group (scripts/build_demo.py). 'title' in a provenance means the fact "
            "was read from the policy's own title (place name, issuer named at its start, type from its ending)."
        ),
    },
]

QUOTES_RE = re.compile(r"[“”\"'‘’《》〈〉「」『』\s\u3000]")


def clean_title(title: str) -> str:
    """Display title: trim, and fold Kangxi radicals / compatibility ideographs (绿⾊ → 绿色)."""
    out = []
    for ch in title.strip():
        cp = ord(ch)
        if 0x2F00 <= cp <= 0x2FDF or 0x2E80 <= cp <= 0x2EFF or 0xF900 <= cp <= 0xFAFF:
            ch = unicodedata.normalize("NFKC", ch)
        out.append(ch)
    return "".join(out)


def normalise_title(title: str) -> str:
    """Key for deduplication: NFKC (full/half width), no quotes or book-title marks, no spaces."""
    t = unicodedata.normalize("NFKC", clean_title(title))
    t = QUOTES_RE.sub("", t)
    return t.lower()


# --------------------------------------------------------------------------- gazetteer


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class Gazetteer:
    def __init__(self, data: Path = DATA):
        self.divisions = {r["adcode"]: r for r in read_csv(data / "divisions.csv")}
        aliases = read_csv(data / "division_aliases.csv")
        self.never = {(a["adcode"], a["alias"]) for a in aliases if a["never_alone"] == "1"}
        self.generic = {a["alias"] for a in aliases if a["never_alone"] == "1" and not a["adcode"]}
        current = [
            r
            for r in self.divisions.values()
            if r["kind"] in ("division", "dev_zone")
            and not r["valid_to"]
            and not r["successor_adcode"]
            and r["level"] != "national"
        ]
        # name → adcodes, for titles (strict: no county short names) and for issuers / tsv cells
        self.title_names: dict[str, set[str]] = {}
        self.all_names: dict[str, set[str]] = {}

        def put(table, name, adcode):
            if not name or name in self.generic or (adcode, name) in self.never:
                return
            table.setdefault(name, set()).add(adcode)

        for r in current:
            put(self.title_names, r["name"], r["adcode"])
            put(self.all_names, r["name"], r["adcode"])
            if r["short_name"] != r["name"] and r["kind"] == "division":
                put(self.all_names, r["short_name"], r["adcode"])
                if r["level"] in ("province", "city"):
                    put(self.title_names, r["short_name"], r["adcode"])
        for a in aliases:
            if a["never_alone"] == "0" and a["adcode"]:
                put(self.title_names, a["alias"], a["adcode"])
                put(self.all_names, a["alias"], a["adcode"])
        # names that are never alone may still be read after their parent (北京市通州区)
        self.child_names: dict[str, set[str]] = {}
        for r in current:
            for n in {r["name"], r["short_name"]}:
                if n and n not in self.generic:
                    self.child_names.setdefault(n, set()).add(r["adcode"])

        self.authorities = read_csv(data / "authorities.csv")
        self.national: dict[str, str] = {}
        for a in self.authorities:
            self.national[a["name"]] = a["name"]
            for al in filter(None, a["aliases"].split("|")):
                self.national[al] = a["name"]
        self.suffixes: dict[str, str] = {}
        self.suffix_kind: dict[str, str] = {}
        for s in read_csv(data / "authority_suffixes.csv"):
            self.suffixes[s["suffix"]] = s["suffix"]
            self.suffix_kind[s["suffix"]] = s["kind"]
            for al in filter(None, s["aliases"].split("|")):
                self.suffixes[al] = s["suffix"]

    # -- places

    def ancestors(self, adcode: str) -> list[str]:
        out = []
        p = self.divisions[adcode]["parent_adcode"]
        while p:
            out.append(p)
            p = self.divisions[p]["parent_adcode"]
        return out

    def province_of(self, adcode: str) -> str:
        if self.divisions[adcode]["level"] == "province":
            return adcode
        for a in self.ancestors(adcode):
            if self.divisions[a]["level"] == "province":
                return a
        return ""

    def parse_places(self, text: str, pos: int = 0) -> tuple[list[str], int]:
        """A chain of nested places at text[pos:] (广州市黄埔区 → [440100, 440112])."""
        chain: list[str] = []
        while True:
            best = None
            for n in range(min(12, len(text) - pos), 1, -1):
                cand = text[pos : pos + n]
                codes = set()
                if chain:
                    codes = {c for c in self.child_names.get(cand, ()) if chain[-1] in self.ancestors(c)}
                if not codes:
                    codes = set(self.all_names.get(cand, ()))
                    if chain:
                        codes = {c for c in codes if chain[-1] in self.ancestors(c)}
                if len(codes) == 1:
                    best = (cand, codes.pop())
                    break
            if not best:
                return chain, pos
            chain.append(best[1])
            pos += len(best[0])

    def place_string(self, chain: list[str]) -> str:
        names = [self.divisions[c] for c in chain]
        # official style: 包头市人民政府 (no province before a city); 上海市徐汇区 / 广州市黄埔区 kept
        if len(names) >= 2 and names[0]["level"] == "province" and names[1]["level"] == "city":
            names = names[1:]
        return "".join(n["name"] for n in names)

    def title_places(self, title: str) -> list[str]:
        """Places named in the title itself, outside embedded 《…》 titles first; most specific only."""
        plain = re.sub(r"《[^》]*》", lambda m: "\0" * len(m.group(0)), title)
        found = self._scan(plain) or self._scan(title)
        # keep the most specific: drop a place that is an ancestor of another found place
        found = [c for c in found if not any(c in self.ancestors(o) for o in found if o != c)]
        return list(OrderedDict.fromkeys(found))

    def _scan(self, text: str) -> list[str]:
        found, i = [], 0
        while i < len(text):
            hit = None
            for n in range(min(12, len(text) - i), 1, -1):
                codes = self.title_names.get(text[i : i + n])
                if codes and len(codes) == 1:
                    hit = (n, next(iter(codes)))
                    break
            if hit:
                found.append(hit[1])
                i += hit[0]
            else:
                i += 1
        return found

    def resolve_cell(self, province: str, city: str) -> list[str]:
        """The tsv's province / city columns → adcodes (non-division 'cities' fall back to the province)."""
        provs = []
        for p in filter(None, re.split(r"[、,，]", province.strip())):
            codes = [c for c in self.all_names.get(p, ()) if self.divisions[c]["level"] == "province"]
            if codes:
                provs.append(codes[0])
        city = city.strip()
        if city and len(provs) == 1:
            for cand in (city, city + "市"):
                codes = {c for c in self.child_names.get(cand, ()) if provs[0] in self.ancestors(c)}
                if len(codes) == 1:
                    return [codes.pop()]
        return provs

    # -- issuers

    @property
    def national_names(self) -> set[str]:
        return {a["name"] for a in self.authorities}

    def issuer_places(self, issuers: list[str]) -> list[str]:
        """Places of local issuers (canonical names), highest level kept when nested, in issuer order."""
        places: list[str] = []
        for i in issuers:
            body = i[2:] if i.startswith("中共") and not i.startswith("中共中央") else i
            chain, _ = self.parse_places(body)
            if chain and chain[-1] not in places:
                places.append(chain[-1])
        return [p for p in places if not any(o in self.ancestors(p) for o in places if o != p)]

    BRANCH_RE = re.compile(r"(分行|中心支行|支行|营业管理部|监管局|监管分局|分局)$")

    def canonical_issuer(self, raw: str, province_hint: str = "") -> str:
        s = raw.strip().replace("（", "(").replace("）", ")")
        s = re.sub(r"市市(?!场)", "市", s.replace("证劵", "证券"))
        if not s:
            return s
        if s in self.national:
            return self.national[s]
        # branches of national bodies: 人民银行西安分行 → 中国人民银行西安分行
        for al in sorted(self.national, key=len, reverse=True):
            if len(al) >= 2 and s.startswith(al) and self.BRANCH_RE.search(s) and len(s) > len(al):
                return self.national[al] + s[len(al) :]
        party = False
        body = s
        if body.startswith("中共") and not body.startswith("中共中央"):
            party, body = True, body[2:]
        if body.startswith(("市", "省")) and province_hint and not self.parse_places(body)[0]:
            # "市城市管理委" in a 北京市 row: the place is the row's own municipality
            hint = self.all_names.get(province_hint)
            if hint and self.divisions[next(iter(hint))]["level"] == "province":
                body = province_hint + body[1:]
        chain, pos = self.parse_places(body)
        if not chain:
            return s
        place = self.place_string(chain)
        rest = body[pos:]
        suffix = self.suffixes.get(rest)
        if suffix is None and rest[:1] in ("省", "市", "区", "县", "州") and rest[1:] in self.suffixes:
            # 天津市市… / 山东能源局 already handled; 陕西省省生态… keeps the remainder
            suffix = self.suffixes[rest[1:]]
        if suffix == "党委" or (party and suffix is None and rest in ("委", "委员会", "党委")):
            return "中共" + place + "委员会"
        if party:
            return "中共" + place + rest
        if suffix is not None:
            return place + suffix
        return s  # an unlisted body (南京海关, 福建海警局, …领导小组): kept as written

    def title_issuers(self, title: str) -> list[str]:
        """Issuers named at the start of a title: 中共中央、国务院关于… / 吉林省财政厅关于…"""
        out, pos = [], 0
        t = title
        while pos < len(t):
            hit = None
            for al in sorted(self.national, key=len, reverse=True):
                if len(al) >= 2 and t.startswith(al, pos):
                    hit = (self.national[al], pos + len(al))
                    break
            if not hit:
                chain, p2 = self.parse_places(t, pos)
                if chain:
                    for n in range(min(14, len(t) - p2), 1, -1):
                        cand = t[p2 : p2 + n]
                        if cand in self.suffixes and (self.suffixes[cand] == cand or cand == "政府"):
                            hit = (self.place_string(chain) + self.suffixes[cand], p2 + n)
                            break
            if not hit:
                break
            out.append(hit[0])
            pos = hit[1]
            if t.startswith("、", pos):
                pos += 1
                continue
            break
        if out and not re.match(r"(关于|印发|贯彻|加快|等|转发|办公厅)", t[pos:]):
            return []
        return list(OrderedDict.fromkeys(out))


# --------------------------------------------------------------------------- classification


def type_endings(data: Path = DATA) -> list[tuple[str, str]]:
    """(ending, policy type) pairs from taxonomy.json "policy_types" (zh + its endings), longest first."""
    taxonomy = json.loads((data / "taxonomy.json").read_text(encoding="utf-8"))
    pairs = []
    for t in taxonomy.get("policy_types", []):
        for e in [t["zh"], *t.get("endings", [])]:
            pairs.append((e, t["zh"]))
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    return pairs


TYPE_ENDINGS = type_endings()


def _ending_type(t: str) -> str:
    t = re.sub(r"[》”\"]+$", "", t)
    for _ in range(3):  # （试行） （2021年版） （2022-2030年） 2035
        t2 = re.sub(r"(（[^（）]*）|\([^()]*\)|\d{4}(年)?(-\d{4}年?)?)$", "", t).rstrip('》”" ')
        if t2 == t:
            break
        t = t2
    for ending, ptype in TYPE_ENDINGS:
        if t.endswith(ending):
            return ptype
    return ""


def policy_type(title: str) -> str:
    """The type named by the title's ending; for 关于印发/转发《X》的通知 the type of X."""
    t = clean_title(title)
    m = re.match(r"^.*?关于(?:印发|转发)《(.+)》的通知$", t) or re.match(
        r"^.*?关于(?:印发|转发)(.+)的通知$", t
    )
    if m and _ending_type(m.group(1)):
        return _ending_type(m.group(1))
    return _ending_type(t)


GROUP_CATEGORY = {
    "Carbon Peak (Overall)": "one_plus_n",
    "New Development Philosophy": "one_plus_n",
    "Fiscal Support": "markets_finance",
    "Green Consumption": "cross_sector",
    "Green and Low-Carbon Transition": "energy",
    "Green, Low-Carbon, and Circular": "cross_sector",
    "Industrial Sector": "industry",
    "Building Materials Industry": "industry",
    "Non-ferrous Metals": "industry",
    "Pollution and Carbon Reduction": "cross_sector",
    "Standards and Metrology": "cross_sector",
    "Urban and Rural Development": "buildings",
}

ONE_PLUS_N_RE = re.compile(r"碳达峰(、?碳中和)?(的)?(专项|联合|综合)?(实施|工作|行动)(实施)?方案")
OVERALL_RE = re.compile(
    r"完整准确全面贯彻新发展理念|做好碳达峰碳中和工作的?(实施)?意见|推动高质量发展做好碳达峰碳中和工作"
    r"|碳达峰、?碳中和(工作)?(滚动实施方案|工作计划|行动计划|促进条例)|推动碳达峰、?碳中和工作计划"
    r"|1\+n政策体系|保障碳达峰碳中和工作"
)
NOT_ONE_PLUS_N_RE = re.compile(r"标准计量|统计核算|财政|金融|科技支撑|科技创新")

# ordered: first match wins
KEYWORD_CATEGORY = [
    ("adaptation", r"适应气候变化|气候适应|海绵城市|防灾减灾"),
    (
        "markets_finance",
        r"碳市场|碳排放权|碳交易|碳排放交易|配额|核查|重点排放单位|重点碳排放单位|排放报告|用能权|排污权交易"
        r"|绿色金融|气候投融资|财政|金融|资金|债券|信贷|税费|税收|补助|补贴|奖补|价格|电价|碳普惠|碳票|碳金融|保险",
    ),
    ("agri_land", r"碳汇|林业|森林|草原|湿地|林草|国土绿化|固碳增汇"),
    ("efficiency", r"节能|能效|能耗|节约能源|能源资源节约|公共机构"),
    (
        "cross_sector",
        r"减污降碳|标准计量|计量|统计|核算|碳排放评价|环境影响评价|环评|生态环境保护|生态环境|污染防治|披露"
        r"|绿色消费|生活方式|生态文明|绿色低碳循环发展经济体系|应对气候变化|生态产品",
    ),
    ("innovation", r"科技|科学技术|技术创新|创新|研发|ccus|碳捕集|攻关|人才|高等学校|高校|教育"),
    ("circular", r"循环经济|循环化|废弃物|固体废物|固废|无废|再生资源|资源综合利用|垃圾|塑料|废旧|回收"),
    ("transport", r"交通|运输|汽车|车辆|船舶|港口|航运|民航|航空|铁路|物流|货运|充电|换电|邮政|快递"),
    ("buildings", r"建筑|建材|城乡建设|住房|城市更新|社区|县城|装配式|供热|建设领域"),
    (
        "energy",
        r"能源|电力|电网|可再生|光伏|风电|氢能|储能|煤|油气|石油|天然气|核电|新能源|发电|抽水蓄能|生物质|地热|电能|源网荷储",
    ),
    ("industry", r"工业|制造|钢铁|有色|石化|化工|水泥|产业|园区|企业|数据中心|5g|新型基础设施"),
    ("agri_land", r"农业|农村|乡村|国土|耕地|土地|海洋|渔业|绿化|生态保护|生态系统"),
    ("cross_sector", r"试点|示范|低碳|绿色"),
]

DOMAIN_CATEGORY = {
    "能源": "energy",
    "电力": "energy",
    "电力（发电）": "energy",
    "工业": "industry",
    "城乡建设（建筑）": "buildings",
    "交通运输": "transport",
    "农业": "agri_land",
    "生态保护（碳汇）": "cross_sector",
    "循环经济": "circular",
    "财政金融": "markets_finance",
    "科技": "innovation",
    "市场管理": "cross_sector",
    "环保综合": "cross_sector",
    "教育": "innovation",
    "互联网": "industry",
}

DOMAIN_SECTOR = {
    "能源": "energy",
    "电力": "energy",
    "电力（发电）": "energy",
    "工业": "industry",
    "城乡建设（建筑）": "buildings",
    "交通运输": "transport",
    "农业": "agriculture",
    "循环经济": "circular",
    "财政金融": "markets_finance",
    "科技": "technology",
    "环保综合": "cross_sector",
    "互联网": "technology",
}

KEYWORD_SECTOR = [
    ("energy", r"能源|电力|电网|可再生|光伏|风电|氢能|储能|煤|油气|天然气|核电|发电|节能|能效|能耗"),
    ("industry", r"工业|制造|钢铁|建材|有色|石化|化工|水泥|数据中心|园区"),
    ("buildings", r"建筑|城乡建设|住房|城市更新|社区|县城|装配式|供热"),
    ("transport", r"交通|运输|汽车|车辆|船舶|港口|航空|民航|铁路|物流|充电|邮政"),
    ("agriculture", r"农业|农村|乡村|渔业"),
    ("forestry", r"林业|森林|草原|湿地|碳汇|国土|绿化|林草|海洋|生态系统"),
    ("circular", r"循环经济|循环化|废弃物|固体废物|无废|再生资源|资源综合利用|垃圾|塑料|回收"),
    (
        "markets_finance",
        r"碳市场|碳排放权|碳交易|绿色金融|气候投融资|财政|金融|资金|债券|信贷|税|补贴|碳票|碳普惠",
    ),
    ("public_institutions", r"公共机构|机关"),
    ("technology", r"科技|技术创新|创新|CCUS|碳捕集|研发"),
]


def norm_domain(d: str) -> str:
    d = d.strip().replace("(", "（").replace(")", "）")
    if d == "生态保护":
        d = "生态保护（碳汇）"
    return d


def categorise(title: str, group: str, domains: list[str]) -> str:
    t = normalise_title(title)
    if (ONE_PLUS_N_RE.search(t) or OVERALL_RE.search(t)) and not NOT_ONE_PLUS_N_RE.search(t):
        return "one_plus_n"
    if group in GROUP_CATEGORY:
        return GROUP_CATEGORY[group]
    for code, pat in KEYWORD_CATEGORY:
        if re.search(pat, t):
            return code
    for d in domains:
        if d in DOMAIN_CATEGORY:
            return DOMAIN_CATEGORY[d]
    return "cross_sector"


def sectors_for(title: str, category: str, domains: list[str], issuers: list[str]) -> list[str]:
    t = normalise_title(title)
    out: list[str] = []
    for code, pat in KEYWORD_SECTOR:
        if re.search(pat, t, re.I):
            out.append(code)
    for d in domains:
        s = DOMAIN_SECTOR.get(d)
        if d == "生态保护（碳汇）" and re.search(r"碳汇|林|草|湿地|生态系统|海洋", t):
            s = "forestry"
        if s and s not in out:
            out.append(s)
    if any("机关事务" in i for i in issuers) and "public_institutions" not in out:
        out.append("public_institutions")
    if category == "one_plus_n" and not re.search(r"领域|行业|工业|建设|交通|农业|能源", t):
        out = ["economy"] + [s for s in out if s != "economy"]
    if not out:
        out = ["cross_sector"] if category == "cross_sector" else ["economy"]
    return out


# --------------------------------------------------------------------------- build


def read_tsv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def build(corpus: Path = DEFAULT_CORPUS, data: Path = DATA) -> dict:
    gz = Gazetteer(data)
    taxonomy = json.loads((data / "taxonomy.json").read_text(encoding="utf-8"))
    categories = {c["code"] for c in taxonomy["categories"]}
    sector_codes = {s["code"] for s in taxonomy["sectors"]}

    records: dict[str, dict] = {}

    def rec(title: str) -> dict:
        key = normalise_title(title)
        if key not in records:
            records[key] = {"key": key, "titles": {}, "tsv": None, "group": "", "corpus_file": ""}
        return records[key]

    for row in read_tsv(corpus / "dual-carbon" / "policies.tsv"):
        r = rec(row["title"])
        if r["tsv"] is not None:
            raise SystemExit(f"duplicate title in policies.tsv: {row['title']}")
        r["tsv"] = row
        r["titles"].setdefault("dual_carbon", clean_title(row["title"]))
    for row in read_tsv(corpus / "KNOWN_TITLES.tsv"):
        r = rec(row["title"])
        r["titles"].setdefault("known_titles", clean_title(row["title"]))
        r["group"] = row["group"].strip()
    for path in sorted(corpus.glob("*.txt")):
        with path.open(encoding="utf-8") as f:
            title = f.readline().strip()
        r = rec(title)
        r["titles"].setdefault("corpus", clean_title(title))
        r["corpus_file"] = path.name

    policies = []
    for key in sorted(records):
        r = records[key]
        prov: dict[str, str] = {}
        src_title = next(s for s in ("dual_carbon", "known_titles", "corpus") if s in r["titles"])
        title = r["titles"][src_title]
        prov["title"] = src_title
        row = r["tsv"]

        # issuers
        issuers: list[str] = []
        if row and row["organization"].strip():
            province_hint = row["province"].strip() if "、" not in row["province"] else ""
            for o in re.split(r"[,，、]", row["organization"]):
                if o.strip():
                    c = gz.canonical_issuer(o, province_hint)
                    if c not in issuers:
                        issuers.append(c)
            prov["issuers"] = "dual_carbon"
        else:
            issuers = gz.title_issuers(title)
            if issuers:
                prov["issuers"] = "title"

        # jurisdictions: national issuers → the nation; else the title's own place name (made more
        # specific by the issuers' place: a 南京市 bureau's notice on a 江苏省 fund is 南京市'); else the
        # issuers' places (a joint 重庆市、四川省 issuance gives two); else the tsv's columns; else national
        iss_places = gz.issuer_places(issuers)
        jur = gz.title_places(title)
        if issuers and all(i in gz.national_names for i in issuers):
            jur = ["100000"]
            prov["jurisdictions"] = prov["issuers"]
        elif jur:
            prov["jurisdictions"] = "title"
            if len(iss_places) == 1 and all(t in gz.ancestors(iss_places[0]) for t in jur):
                jur = iss_places
                prov["jurisdictions"] = prov["issuers"]
        elif iss_places:
            jur = iss_places
            prov["jurisdictions"] = prov["issuers"]
            if row and len(jur) == 1:
                cell = gz.resolve_cell(row["province"], row["city"])
                if len(cell) == 1 and jur[0] in gz.ancestors(cell[0]):
                    jur = cell  # 北京市 body, tsv city 通州区 → the district
        elif row and (row["province"].strip() or row["city"].strip()):
            jur = gz.resolve_cell(row["province"], row["city"])
            prov["jurisdictions"] = "dual_carbon"
        elif row:
            jur = ["100000"]  # the data set leaves province and city empty for national documents
            prov["jurisdictions"] = "dual_carbon"
        else:
            jur = ["100000"]  # a title without a place in a list of national and provincial policies
            prov["jurisdictions"] = "known_titles" if "known_titles" in r["titles"] else "corpus"
        levels = {gz.divisions[j]["level"] for j in jur}
        level = min(levels, key=["national", "province", "city", "county"].index)

        ptype = policy_type(title)
        prov["policy_type"] = "title"
        domains = [norm_domain(d) for d in re.split(r"[、,]", row["industry"])] if row else []
        domains = [d for d in domains if d]
        category = categorise(title, r["group"], domains)
        assert category in categories, category
        prov["category"] = "ccnt_curation"
        sectors = sectors_for(title, category, domains, issuers)
        assert set(sectors) <= sector_codes, sectors
        prov["sectors"] = "ccnt_curation"

        dates = []
        if row and row["date"].strip():
            dates.append({"kind": "signed", "date": row["date"].strip(), "source": "dual_carbon"})
            prov["dates"] = "dual_carbon"
        if r["group"]:
            prov["group"] = "known_titles"
        if r["corpus_file"]:
            prov["corpus_file"] = "corpus"
        pdf = Path(row["file"]).name if row and row["file"].strip() else ""
        if pdf:
            prov["pdf_file"] = "dual_carbon"

        policies.append(
            {
                "key": key,
                "title": title,
                "doc_number": "",
                "issuers": issuers,
                "jurisdictions": jur,
                "level": level,
                "policy_type": ptype,
                "category": category,
                "sectors": sectors,
                "dates": dates,
                "source_url": "",
                "corpus_file": r["corpus_file"],
                "pdf_file": pdf,
                "group": r["group"],
                "sources": [s for s in ("dual_carbon", "known_titles", "corpus") if s in r["titles"]],
                "provenance": prov,
            }
        )
    return {"sources": SOURCES, "policies": policies}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--out", default=str(DATA / "demo" / "policies.json"))
    args = ap.parse_args(argv)
    doc = build(Path(args.corpus))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    ps = doc["policies"]
    from collections import Counter

    print(f"{out}: {len(ps)} policies")
    print(" levels:", dict(Counter(p["level"] for p in ps)))
    print(" categories:", dict(Counter(p["category"] for p in ps)))
    print(
        " with corpus_file:",
        sum(1 for p in ps if p["corpus_file"]),
        " with pdf_file:",
        sum(1 for p in ps if p["pdf_file"]),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
