"""The editorial lists (src/ccnt/data/editorial.toml): read once, checked, and naming the file when
an edit breaks them; the pages, the report and the analysis read them from there."""

from __future__ import annotations

import csv
import json

import pytest

from ccnt import editorial as ed
from ccnt.paths import DATA_DIR

GOOD = """
[report]
headline_indicators = ["energy_intensity"]
[matrix]
plan_types = ["实施方案"]
sectors = ["industry", "energy"]
core_sectors = ["energy"]
[climate]
terms = ["碳达峰"]
weak_terms = ["能源"]
"""


def test_it_reads_the_lists_the_code_held_before():
    lists = ed.load()
    assert lists.headline_indicators[:3] == ("energy_intensity", "carbon_intensity", "non_fossil_share")
    assert lists.plan_types == {"实施方案", "行动方案", "工作方案", "方案", "专项行动方案"}
    assert lists.matrix_sectors[0] == "industry" and len(lists.matrix_sectors) == 9
    assert lists.core_sectors == {"industry", "buildings", "transport", "agriculture", "energy"}
    assert "碳达峰" in lists.climate_terms and "能源" in lists.weak_climate_terms
    assert len(lists.climate_terms) == 27 and len(lists.weak_climate_terms) == 13


def test_it_reads_the_file_once():
    assert ed.editorial() is ed.editorial()


def test_it_names_only_codes_the_catalogue_and_taxonomy_know():
    lists = ed.load()
    with (DATA_DIR / "indicators.csv").open(encoding="utf-8") as handle:
        indicators = {row["code"] for row in csv.DictReader(handle)}
    sectors = {s["code"] for s in json.loads((DATA_DIR / "taxonomy.json").read_text(encoding="utf-8"))["sectors"]}
    assert set(lists.headline_indicators) <= indicators
    assert set(lists.matrix_sectors) <= sectors


def test_the_pages_report_and_analysis_use_the_file():
    from ccnt.analysis.classify import climate_relevance
    from ccnt.reports import prose
    from ccnt.tracker import matrix

    lists = ed.editorial()
    assert matrix.MATRIX_SECTORS == list(lists.matrix_sectors) and matrix.PLAN_TYPES == lists.plan_types
    assert prose.PRIORITY == list(lists.headline_indicators)
    assert climate_relevance("关于推进碳达峰的意见", "") == 0.6
    assert climate_relevance("关于能源工作的意见", "") == 0.3


@pytest.mark.parametrize(("text", "message"), [
    (GOOD.replace('terms = ["碳达峰"]\n', ""), "[climate] terms: missing"),
    (GOOD.replace('plan_types = ["实施方案"]', 'plan_types = "实施方案"'), "[matrix] plan_types: must be a non-empty list"),
    (GOOD.replace('plan_types = ["实施方案"]', "plan_types = []"), "[matrix] plan_types: must be a non-empty list"),
    (GOOD.replace('weak_terms = ["能源"]', 'weak_terms = ["能源", 3]'), "[climate] weak_terms: not a word: 3"),
    (GOOD.replace('weak_terms = ["能源"]', 'weak_terms = ["能源", " "]'), "[climate] weak_terms: not a word"),
    (GOOD.replace('terms = ["碳达峰"]', 'terms = ["碳达峰", "碳达峰"]'), "[climate] terms: '碳达峰' is listed twice"),
    (GOOD.replace('core_sectors = ["energy"]', 'core_sectors = ["forestry"]'), "'forestry' is not among the sectors"),
    (GOOD.replace("[matrix]", "[matrix"), "not valid TOML"),
])
def test_it_names_the_file_and_the_list_on_bad_content(tmp_path, text, message):
    path = tmp_path / "editorial.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ed.EditorialDataError) as caught:
        ed.load(path)
    assert str(caught.value).startswith(str(path)) and message in str(caught.value)


def test_it_names_a_missing_file(tmp_path):
    with pytest.raises(ed.EditorialDataError, match="editorial.toml: missing"):
        ed.load(tmp_path / "editorial.toml")


def test_a_good_file_loads(tmp_path):
    path = tmp_path / "editorial.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert ed.load(path).matrix_sectors == ("industry", "energy")
