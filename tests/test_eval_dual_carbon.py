"""``ccnt eval`` scores the dual-carbon gold per part (dev and test apart): strict, loose and passage
F1, the share named ``other`` and the calibration at confidence ≥ 0.8; ``--record`` writes them with
date and commit; the dev part's errors can be listed, the test part's never. A small gold folder and
a text original keep it fast."""

from __future__ import annotations

import json

import pytest

from ccnt.analysis import eval_dual_carbon
from ccnt.analysis.evaluate import main

TEXT = ("关于测试的实施方案\n到2025年，非化石能源消费比重达到20%左右，森林覆盖率达到25%。\n"
        "到2030年，废纸利用量达到6000万吨。\n")


def _gold_line(text: str, phrase: str, **fields) -> dict:
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase), "text": phrase, "value_high": fields.get("value_low"),
            "unit": "%", **fields}


@pytest.fixture
def dual(tmp_path, monkeypatch):
    monkeypatch.setenv("CCNT_VAR_DIR", str(tmp_path / "var"))  # the parse cache of this test alone
    monkeypatch.delenv("CCNT_PARSE_CACHE_DIR", raising=False)  # (not the run's, conftest)
    corpus = tmp_path / "corpus"
    (corpus / "dual-carbon" / "txt").mkdir(parents=True)
    (corpus / "dual-carbon" / "txt" / "a.txt").write_text(TEXT, encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    dev = [  # the extractor names the first two right; the third it finds but calls "other" without a name
        {"file": "txt/a.txt", "part": "dev"},
        _gold_line(TEXT, "非化石能源消费比重达到20%左右", indicator="non_fossil_share", target_year=2025, value_low=20),
        _gold_line(TEXT, "森林覆盖率达到25%", indicator="forest_coverage", target_year=2025, value_low=25),
        _gold_line(TEXT, "废纸利用量达到6000万吨", indicator="waste_paper", target_year=2030, value_low=6000),
    ]
    test = [  # the same text as a test document whose gold disagrees on one year
        {"file": "txt/a.txt", "part": "test"},
        _gold_line(TEXT, "非化石能源消费比重达到20%左右", indicator="non_fossil_share", target_year=2030, value_low=20),
    ]
    for name, lines in (("dev", dev), ("test", test)):
        (gold / f"{name}.gold.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines),
                                                 encoding="utf-8")
    return corpus, gold


def test_it_scores_each_part_apart(dual):
    corpus, gold = dual
    result = eval_dual_carbon.run(corpus / "dual-carbon", gold)
    dev, test = result["parts"]["dev"], result["parts"]["test"]
    assert (dev["docs"], dev["gold"], dev["predicted"]) == (1, 3, 3)
    assert dev["strict_precision"] == pytest.approx(2 / 3) and dev["loose_precision"] == pytest.approx(1.0)
    assert dev["passage_f1"] == pytest.approx(1.0)
    assert dev["share_other"] == pytest.approx(1 / 3)
    assert test["strict_f1"] == 0.0 and test["loose_f1"] == 0.0  # wrong year: not even loose
    assert test["passage_recall"] == pytest.approx(1.0)  # but the passage was found
    sure = result["calibration"]["dev"]
    assert sure["n"] >= 1 and sure["right"] <= sure["n"]
    assert sum(b["n"] for b in sure["bins"]) == dev["predicted"]


def test_it_keeps_one_part_and_records_the_figures(dual, tmp_path, capsys):
    corpus, gold = dual
    record = tmp_path / "accuracy.json"
    main([str(corpus), "--json", "--no-cases", "--min-f1", "0", "--part", "test",
          "--dual-carbon-gold", str(gold), "--record", str(record)])
    printed = json.loads(capsys.readouterr().out)
    assert set(printed["dual_carbon"]["parts"]) == {"test"}
    saved = json.loads(record.read_text(encoding="utf-8"))
    assert saved["parts"] == printed["dual_carbon"]["parts"]
    assert saved["date"] and "commit" in saved and saved["threshold"] == 0.8
    assert set(saved["calibration"]) == {"test"}


def test_it_prints_dev_and_test_rows_in_the_table(dual, capsys):
    corpus, gold = dual
    main([str(corpus), "--no-cases", "--no-summaries", "--min-f1", "0", "--dual-carbon-gold", str(gold)])
    lines = capsys.readouterr().out.splitlines()
    rows = [line.split()[0] for line in lines[lines.index(next(x for x in lines if x.startswith("dual-carbon"))) + 2:]
            if line.split() and line.split()[0] in ("dev", "test")]
    assert rows == ["dev", "test"]


def test_it_lists_the_dev_part_errors_only(dual):
    corpus, gold = dual
    lines = list(eval_dual_carbon.errors(corpus / "dual-carbon", gold))
    assert [x for x in lines if x.startswith("==")] == ["== txt/a.txt"]  # one document: the dev one
    assert any(x.strip().startswith("NAME") and "废纸" in x for x in lines)
    assert not any("2030 20.0" in x for x in lines)  # nothing of the test document's gold


def test_it_names_the_file_and_line_of_malformed_gold(tmp_path, capsys):
    from ccnt.analysis.evaluate import main

    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "x.gold.jsonl").write_text('{"file": "pdf/x.pdf", "part": "dev"}\nnot json\n', encoding="utf-8")
    (tmp_path / "dual-carbon").mkdir()
    assert main([str(tmp_path), "--no-cases", "--dual-carbon-gold", str(gold)]) == 2
    assert "x.gold.jsonl:2: invalid JSON" in capsys.readouterr().err
    assert main([str(tmp_path), "--no-cases", "--dual-carbon-gold", str(tmp_path / "none")]) == 2
    assert "gold folder not found" in capsys.readouterr().err
