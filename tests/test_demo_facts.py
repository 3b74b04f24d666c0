"""Every fact of the demo data (src/ccnt/data/demo/policies.json) against its stated source.

Reads ../shared/corpus (outside the project); no Django needed.
"""

import csv
import importlib.util
import json
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "ccnt" / "data"
CORPUS = Path(os.environ.get("CCNT_CORPUS_DIR") or Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
TSV = CORPUS / "dual-carbon" / "policies.tsv"
if not TSV.exists() and os.environ.get("CI") == "true":
    raise RuntimeError(f"CI needs the corpus: {TSV} not found (set CCNT_CORPUS_DIR)")

pytestmark = pytest.mark.skipif(not TSV.exists(), reason="../shared/corpus is not present")


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_demo", ROOT / "scripts" / "build_demo.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def builder():
    return _load_builder()


@pytest.fixture(scope="module")
def demo():
    return json.loads((DATA / "demo" / "policies.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tsv_rows(builder):
    with TSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return {builder.normalise_title(r["title"]): r for r in rows}


@pytest.fixture(scope="module")
def gazetteer(builder):
    return builder.Gazetteer(DATA)


def test_sources_are_named_with_licences(demo):
    ids = {s["id"] for s in demo["sources"]}
    assert ids == {"dual_carbon", "known_titles", "corpus", "ccnt_curation"}
    dual = next(s for s in demo["sources"] if s["id"] == "dual_carbon")
    assert dual["licence"] == "GPL-3.0" and dual["url"].startswith("https://github.com/yeahqiona/")
    assert all(s["licence"] for s in demo["sources"])


def test_several_hundred_policies_without_duplicate_keys(demo, builder):
    keys = [p["key"] for p in demo["policies"]]
    assert len(keys) >= 500
    assert len(keys) == len(set(keys))
    assert keys == sorted(keys)
    for p in demo["policies"]:
        assert p["key"] == builder.normalise_title(p["title"])
    # “十四五” with or without quotes is the same policy
    assert "十四五工业绿色发展规划" in keys


def test_dates_cite_the_tsv_row(demo, tsv_rows):
    checked = 0
    for p in demo["policies"]:
        for d in p["dates"]:
            assert d["source"] == "dual_carbon"
            row = tsv_rows[p["key"]]
            assert d["date"] == row["date"].strip(), p["title"]
            assert d["kind"] == "signed"
            checked += 1
        if p["dates"]:
            assert p["provenance"]["dates"] == "dual_carbon"
        else:
            assert p["key"] not in tsv_rows or not tsv_rows[p["key"]]["date"].strip()
    assert checked >= 500


def test_issuers_cite_the_tsv_row(demo, tsv_rows, gazetteer):
    checked = 0
    for p in demo["policies"]:
        if p["provenance"].get("issuers") != "dual_carbon":
            continue
        row = tsv_rows[p["key"]]
        orgs = [o.strip() for o in re.split(r"[,，、]", row["organization"]) if o.strip()]
        hint = row["province"].strip() if "、" not in row["province"] else ""
        canon = []
        for o in orgs:
            c = gazetteer.canonical_issuer(o, hint)
            if c not in canon:
                canon.append(c)
        assert p["issuers"] == canon, p["title"]  # same bodies, same order, lead issuer first
        checked += 1
    assert checked >= 500


def test_issuer_cleaning_examples(gazetteer):
    c = gazetteer.canonical_issuer
    assert c("国家发改委") == "国家发展和改革委员会"
    assert c("住建部") == "住房和城乡建设部"
    assert c("市场监管总局") == "国家市场监督管理总局"
    assert c("天津市发改委") == "天津市发展和改革委员会"
    assert c("江苏省住建厅") == "江苏省住房和城乡建设厅"
    assert c("内蒙古自治区政府") == "内蒙古自治区人民政府"
    assert c("宁夏自治区党委") == "中共宁夏回族自治区委员会"
    assert c("北京市市场监督管理局") == "北京市市场监督管理局"
    assert c("南京海关") == "南京海关"  # an unlisted body stays as written


def test_no_issuer_is_left_as_an_alias(demo, gazetteer):
    aliases = {al for a in gazetteer.authorities for al in a["aliases"].split("|") if al}
    national = {a["name"] for a in gazetteer.authorities}
    for p in demo["policies"]:
        assert not aliases & set(p["issuers"]), p["title"]
        assert not any(re.search(r"发改委|住建[部厅局委]|市场监管局", i) for i in p["issuers"]), p["title"]
        if p["issuers"] and all(i in national for i in p["issuers"]):
            assert p["jurisdictions"] == ["100000"], p["title"]


def test_corpus_files_exist_and_all_eight_texts_are_in(demo):
    files = {p["corpus_file"] for p in demo["policies"] if p["corpus_file"]}
    assert files == {f.name for f in CORPUS.glob("*.txt")}
    assert len(files) == 8
    for p in demo["policies"]:
        if p["corpus_file"]:
            first = (CORPUS / p["corpus_file"]).read_text(encoding="utf-8").splitlines()[0].strip()
            assert p["key"] == _load_builder().normalise_title(first)
        if p["pdf_file"]:
            assert (CORPUS / "dual-carbon" / "pdf" / p["pdf_file"]).exists(), p["pdf_file"]


def test_categories_sectors_and_jurisdictions_are_known_codes(demo):
    taxonomy = json.loads((DATA / "taxonomy.json").read_text(encoding="utf-8"))
    categories = {c["code"] for c in taxonomy["categories"]}
    sectors = {s["code"] for s in taxonomy["sectors"]}
    with (DATA / "divisions.csv").open(encoding="utf-8", newline="") as f:
        divisions = {r["adcode"]: r for r in csv.DictReader(f)}
    for p in demo["policies"]:
        assert p["category"] in categories, p["title"]
        assert p["sectors"] and set(p["sectors"]) <= sectors, p["title"]
        assert p["jurisdictions"], p["title"]
        for j in p["jurisdictions"]:
            assert j in divisions, (p["title"], j)
            assert divisions[j]["kind"] != "placeholder"
        assert p["level"] in {divisions[j]["level"] for j in p["jurisdictions"]}
        assert p["doc_number"] == "" and p["source_url"] == ""  # no source states them


def test_house_rules(demo):
    taxonomy = json.loads((DATA / "taxonomy.json").read_text(encoding="utf-8"))
    policy_types = {t["zh"] for t in taxonomy["policy_types"]}
    by_key = {p["key"]: p for p in demo["policies"]}
    plan = by_key["2030年前碳达峰行动方案"]
    assert plan["category"] == "one_plus_n" and plan["jurisdictions"] == ["100000"]
    assert plan["corpus_file"] == "2030年前碳达峰行动方案.txt"
    assert plan["dates"] and plan["issuers"] == ["国务院"]
    # a sector's carbon-peaking plan is 1+N, not its sector
    assert by_key["城乡建设领域碳达峰实施方案"]["category"] == "one_plus_n"
    assert by_key["河北省工业领域碳达峰实施方案"]["category"] == "one_plus_n"
    # joint issuance across provinces gives two jurisdictions
    assert set(by_key["成渝地区双城经济圈碳达峰碳中和联合行动方案"]["jurisdictions"]) == {"500000", "510000"}
    # the jurisdiction comes from the title's own place name
    assert by_key["宁夏回族自治区碳达峰实施方案"]["jurisdictions"] == ["640000"]
    for p in demo["policies"]:
        if re.search(r"碳达峰(实施|工作|行动)方案$", p["key"]):
            assert p["category"] == "one_plus_n", p["title"]
        assert p["policy_type"] == "" or p["policy_type"] in policy_types, p["policy_type"]
    assert by_key["2030年前碳达峰行动方案"]["policy_type"] == "行动方案"
    assert (
        by_key["关于印发绿色债券支持项目目录(2021年版)的通知"]["policy_type"] == "目录"
    )  # the X of 关于印发X的通知
