"""Actors in a text from the registry's names and aliases (the analysis gazetteer): full names
and aliases link, a name inside a longer name resolves to the longer one, a short name links only
with an organisation word or a full mention, never inside a place or project name or a longer
word."""

from __future__ import annotations

import pytest

from ccnt.analysis.gazetteer import Gazetteer
from ccnt.analysis.pipeline import analyse


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.from_data_files()


def names(gazetteer, text):
    return [(m.name, m.surface, text[m.start:m.end]) for m in gazetteer.find_actors(text)]


def test_it_links_names_and_aliases(gazetteer):
    found = names(gazetteer, "国家能源集团、国家电投和中国长江三峡集团有限公司联合发布倡议。")
    assert [n for n, *_ in found] == ["国家能源集团", "国家电力投资集团有限公司", "中国长江三峡集团有限公司"]
    assert all(surface == span for _n, surface, span in found)


def test_a_name_inside_a_longer_name_is_the_longer_one(gazetteer):
    assert [n for n, *_ in names(gazetteer, "三峡能源发布公告")] == ["三峡能源"]
    assert [n for n, *_ in names(gazetteer, "中国石化股份公司发布年报")] == ["中国石化股份公司"]


def test_a_short_name_needs_an_organisation_word_or_a_full_mention(gazetteer):
    assert [n for n, *_ in names(gazetteer, "华电集团提出目标")] == ["中国华电集团有限公司"]
    assert names(gazetteer, "三峡将于2040年实现碳中和。") == []
    assert [s for _n, s, _ in names(gazetteer, "中国长江三峡集团有限公司表示，三峡将于2040年实现碳中和。")] == [
        "中国长江三峡集团有限公司", "三峡"]


@pytest.mark.parametrize("text", [
    "三峡库区和三峡大坝的生态保护", "长江三峡旅游", "华电路上的华电大厦", "兴隆基地建设", "中华能源网",
    "阿里地区的光伏项目", "中国长江三峡集团有限公司在三峡库区的项目",
])
def test_no_false_link_for_a_place_a_project_or_a_common_word(gazetteer, text):
    assert [n for n, s, _ in names(gazetteer, text) if len(s) <= 3] == []


def test_a_policy_naming_an_actor_lists_it():
    pa = analyse("关于支持能源企业绿色转型的通知\n支持国家能源集团、华能集团建设清洁能源基地。")
    assert {m.name for m in pa.actors} == {"国家能源集团", "中国华能"}
    assert pa.to_json()["actors"][0]["name"] == "国家能源集团"


def test_the_gazetteer_takes_actors_from_its_caller():
    g = Gazetteer(actors=[{"name": "某某新能源股份有限公司", "short_name": "某某新能", "key": "7"}])
    assert [(m.name, m.key) for m in g.find_actors("某某新能源股份有限公司发布报告")] == [("某某新能源股份有限公司", "7")]
    assert g.lookup_actor("某某新能").name == "某某新能源股份有限公司"
    assert g.lookup_actor("不存在") is None
