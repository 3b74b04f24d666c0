"""``ccnt eval`` on a tiny corpus written by the test."""

from __future__ import annotations

import json
from pathlib import Path

from ccnt.analysis import evaluate
from ccnt.analysis.targets import extract_targets

TEXT = "某市碳达峰实施方案\n到2025年，非化石能源消费比重达到20%左右，单位地区生产总值能耗比2020年下降14%。\n"


def _write(folder: Path, name: str, text: str, targets: list[dict]) -> None:
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    lines = [{"title": text.split("\n")[0], "adcode": "100000", "policy_type": "实施方案", "category": "one_plus_n"}]
    lines += targets
    (folder / f"{name}.gold.jsonl").write_text(
        "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")


def _perfect_gold(text: str) -> list[dict]:
    out = []
    for t in extract_targets(text):
        out.append({"indicator": t.indicator, "target_year": t.target_year, "value_low": t.value_low,
                    "value_high": t.value_high, "unit": t.unit, "unit_normalized": t.unit_normalized,
                    "comparator": t.comparator, "start": t.start, "end": t.end, "text": t.text})
    return out


def test_it_scores_a_perfect_prediction_at_one(tmp_path, capsys):
    gold = _perfect_gold(TEXT)
    assert len(gold) == 2
    _write(tmp_path, "a", TEXT, gold)
    code = evaluate.main([str(tmp_path), "--json", "--no-cases", "--no-pipeline", "--no-summaries"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["overall"]["f1"] == 1.0 and out["overall"]["strict_f1"] == 1.0
    assert out["overall"]["indicator_accuracy"] == 1.0
    assert out["files"][0]["file"] == "a.txt"


def test_it_lowers_precision_when_a_gold_line_is_removed(tmp_path, capsys):
    gold = _perfect_gold(TEXT)
    _write(tmp_path, "a", TEXT, gold[:1])
    code = evaluate.main([str(tmp_path), "--json", "--no-cases", "--no-pipeline", "--no-summaries", "--min-f1", "0.9"])
    out = json.loads(capsys.readouterr().out)
    assert out["overall"]["precision"] == 0.5 and out["overall"]["recall"] == 1.0
    assert code == 1  # strict F1 0.667 < 0.9


def test_it_lowers_recall_when_a_target_is_missed(tmp_path, capsys):
    gold = _perfect_gold(TEXT)
    gold.append({"indicator": "forest_coverage", "target_year": 2025, "value_low": 30, "value_high": 30,
                 "unit": "%", "start": 10, "end": 20, "text": TEXT[10:20]})
    _write(tmp_path, "a", TEXT, gold)
    evaluate.main([str(tmp_path), "--json", "--no-cases", "--no-pipeline", "--no-summaries"])
    out = json.loads(capsys.readouterr().out)
    assert abs(out["overall"]["recall"] - 2 / 3) < 1e-9
    assert out["overall"]["precision"] == 1.0


def test_it_matches_normalised_values_and_reports_wrong_indicators(tmp_path, capsys):
    gold = _perfect_gold(TEXT)
    gold[0]["indicator"] = "coal_share"  # wrong on purpose: still matched, not strict
    text = TEXT + "到2030年，风电装机容量达到1200万千瓦。\n"
    gold.append({"indicator": "wind_capacity", "target_year": 2030, "value_low": 1.2e7, "value_high": 1.2e7,
                 "unit": "kW", "start": text.index("风电"), "end": text.index("万千瓦") + 3,
                 "text": text[text.index("风电"):text.index("万千瓦") + 3]})
    _write(tmp_path, "a", text, gold)
    evaluate.main([str(tmp_path), "--json", "--no-cases", "--no-pipeline", "--no-summaries", "--details"])
    out = json.loads(capsys.readouterr().out)
    o = out["overall"]
    assert o["matched"] == 3 and o["strict_matched"] == 2
    assert abs(o["indicator_accuracy"] - 2 / 3) < 1e-9
    assert out["files"][0]["wrong_indicator"][0]["gold"] == "coal_share"


def test_it_prints_a_table_and_uses_gold_from_the_gold_folder(tmp_path, capsys, monkeypatch):
    corpus = tmp_path / "corpus"
    gold_dir = tmp_path / "gold"
    corpus.mkdir()
    gold_dir.mkdir()
    (corpus / "b.txt").write_text(TEXT, encoding="utf-8")
    _write(gold_dir, "b", TEXT, _perfect_gold(TEXT))
    (gold_dir / "b.txt").unlink()
    monkeypatch.setattr(evaluate, "GOLD_DIR", gold_dir)
    result = evaluate.run(corpus, include_cases=False, gold_dir=gold_dir, use_pipeline=False)
    assert result["overall"]["f1"] == 1.0
    evaluate.print_table(result)
    assert "b.txt" in capsys.readouterr().out


def test_it_normalises_category_labels():
    labels = evaluate._category_labels()
    assert evaluate.normalize_category("能源", labels) == "energy"
    assert evaluate.normalize_category("energy", labels) == "energy"
    assert evaluate.normalize_category("“1+N”政策体系", labels) == "one_plus_n"


def test_it_defaults_to_the_shared_corpus_or_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("CCNT_CORPUS_DIR", raising=False)
    assert evaluate.default_corpus_dir().name == "corpus"
    monkeypatch.setenv("CCNT_CORPUS_DIR", str(tmp_path))
    assert evaluate.default_corpus_dir() == tmp_path
