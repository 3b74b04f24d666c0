"""A company's targets with the same engine as a policy's, attributed to the company (not to a
jurisdiction); ``ccnt extract --actor NAME``; an unknown actor is an error with close matches."""

from __future__ import annotations

import json

from ccnt.analysis.commands import extract_main
from ccnt.analysis.pipeline import analyse

RELEASE = ("贵州银行发布绿色金融行动方案\n贵州银行提出，公司将于2023年实现碳达峰，力争2050年实现碳中和。"
           "到2025年非化石能源装机占比达到60%，单位营业收入碳排放较2020年下降30%。")


def test_company_targets_are_the_company_s():
    pa = analyse(RELEASE, title="贵州银行发布绿色金融行动方案", actor="贵州银行")
    assert pa.actor.name == "贵州银行" and pa.actor.kind == "financial"
    assert pa.jurisdiction is None and pa.jurisdictions == []  # 贵州 is in the name, not the owner
    got = {(t.indicator, t.target_year, t.value_low, t.base_year) for t in pa.targets}
    assert ("co2_peak", 2023, None, None) in got
    assert ("carbon_neutrality", 2050, None, None) in got
    assert ("renewable_capacity_share", 2025, 60.0, None) in got
    assert any(t.target_year == 2025 and t.value_low == 30.0 and t.base_year == 2020 for t in pa.targets)
    assert all(RELEASE[t.start:t.end] == t.text for t in pa.targets)
    stretch = next(t for t in pa.targets if t.indicator == "carbon_neutrality")
    assert stretch.firmness == "stretch"


def test_without_an_actor_the_same_text_is_a_jurisdiction_s():
    pa = analyse(RELEASE, title="贵州银行发布绿色金融行动方案")
    assert pa.actor is None and pa.jurisdiction is not None


def test_extract_actor_option_prints_the_actor(tmp_path, capsys):
    path = tmp_path / "release.txt"
    path.write_text(RELEASE, encoding="utf-8")
    assert extract_main([str(path), "--actor", "贵州银行", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["actor"]["name"] == "贵州银行" and data["jurisdiction"] is None
    assert {t["indicator"] for t in data["targets"]} >= {"co2_peak", "carbon_neutrality"}


def test_an_unknown_actor_is_an_error_with_close_matches(tmp_path, capsys):
    path = tmp_path / "release.txt"
    path.write_text(RELEASE, encoding="utf-8")
    assert extract_main([str(path), "--actor", "贵州银", "--json"]) == 2
    err = capsys.readouterr().err
    assert "unknown actor '贵州银'" in err and "贵州银行" in err
