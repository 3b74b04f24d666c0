"""Short texts: dev and test parts scored apart, test part as aggregates only."""

import io
import json

from ccnt.analysis.evaluate import SUMMARIES_DIR, main, print_summaries, run_summaries


def write(folder, name, text, targets, adcode="320000"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    lines = [{"title": text.split("\n")[0], "adcode": adcode, "policy_type": "实施方案"}]
    for value, span in targets:
        start = text.index(span)
        lines.append({"indicator": "non_fossil_share", "subject": "非化石能源消费比重", "target_year": 2025,
                      "value_low": value, "value_high": value, "unit": "%", "start": start,
                      "end": start + len(span), "text": span})
    (folder / f"{name}.gold.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
                                               encoding="utf-8")


def test_it_scores_each_part_apart(tmp_path):
    text = "江苏省碳达峰实施方案\n到2025年，非化石能源消费比重达到22%。"
    write(tmp_path / "dev", "a", text, [(22, "非化石能源消费比重达到22%")])
    write(tmp_path / "test", "b", text, [(23, "非化石能源消费比重达到22%")])  # the gold says 23: a miss
    result = run_summaries(tmp_path)
    assert (result["dev"]["strict_f1"], result["dev"]["jurisdiction_accuracy"]) == (1.0, 1.0)
    assert result["test"]["strict_f1"] == 0.0 and result["test"]["predicted"] == 1
    out = io.StringIO()
    print_summaries(result, out)
    assert "22%" not in out.getvalue() and out.getvalue().count("\n") == 4  # aggregates, never a statement


def test_it_keeps_one_part(tmp_path):
    write(tmp_path / "dev", "a", "某方案\n到2025年，非化石能源消费比重达到22%。", [(22, "非化石能源消费比重达到22%")])
    assert list(run_summaries(tmp_path, parts=("test",))) == []


def test_it_prints_the_repository_summaries_with_eval(capsys):
    assert (SUMMARIES_DIR / "dev").is_dir() and (SUMMARIES_DIR / "test").is_dir()
    main(["--no-dual-carbon", "--no-pipeline", "--min-f1", "0", str(SUMMARIES_DIR / "dev")])
    out = capsys.readouterr().out
    assert "summaries (eval/summaries" in out and "\ndev " in out and "\ntest " in out


def test_it_names_a_malformed_gold_file_without_a_traceback(tmp_path, capsys):
    (tmp_path / "x.txt").write_text("某方案\n到2025年，占比达到20%。\n", encoding="utf-8")
    (tmp_path / "x.gold.jsonl").write_text('{"title": "x"\n', encoding="utf-8")
    assert main(["--no-cases", "--no-dual-carbon", "--no-summaries", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "x.gold.jsonl:1" in err and "Traceback" not in err
