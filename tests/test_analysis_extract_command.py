"""`ccnt extract FILE|- [--title T] [--issuer I] [--json]`."""

import json

from ccnt.analysis.commands import extract_main

TEXT = "济南市碳达峰工作方案\n为推进全市碳达峰工作，制定本方案。\n到2025年，非化石能源消费比重达到15%。\n"


def test_it_prints_the_json_contract(tmp_path, capsys):
    path = tmp_path / "policy.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert extract_main([str(path), "--json", "--issuer", "济南市人民政府"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in (
        "title",
        "jurisdiction",
        "issuers",
        "doc_number",
        "dates",
        "policy_type",
        "sectors",
        "topics",
        "category",
        "summary",
        "targets",
    ):
        assert key in data
    assert data["title"] == "济南市碳达峰工作方案"
    assert data["jurisdiction"]["adcode"] == "370100" and data["jurisdiction"]["level"] == "city"
    assert data["issuers"] == ["济南市人民政府"]
    assert data["category"] == "one_plus_n"
    for t in data["targets"]:
        assert TEXT[t["start"] : t["end"]] == t["text"]
        assert {"indicator", "target_year", "value", "value_low", "value_high", "unit", "comparator"} <= set(
            t
        )


def test_it_keeps_chinese_readable(tmp_path, capsys):
    path = tmp_path / "p.txt"
    path.write_text(TEXT, encoding="utf-8")
    extract_main([str(path), "--json"])
    assert "济南市" in capsys.readouterr().out


def test_it_takes_a_title_override_and_prints_a_human_view(tmp_path, capsys):
    path = tmp_path / "p.txt"
    path.write_text("为推进全市碳达峰工作，制定本方案。", encoding="utf-8")
    assert extract_main([str(path), "--title", "济南市碳达峰工作方案"]) == 0
    out = capsys.readouterr().out
    assert "济南市碳达峰工作方案" in out and "370100" in out


def test_it_reads_gb18030_with_a_note(tmp_path, capsys):
    path = tmp_path / "gbk.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    assert extract_main([str(path), "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["title"] == "济南市碳达峰工作方案"
    assert "GB18030" in captured.err


def test_it_reports_errors_with_exit_code_2(tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    assert extract_main([str(missing), "--json"]) == 2
    err = capsys.readouterr().err
    assert "nope.txt" in err and "Traceback" not in err

    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert extract_main([str(empty)]) == 2
    assert "empty.txt" in capsys.readouterr().err

    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81\x00\xff" * 10)
    assert extract_main([str(binary)]) == 2
    assert "bin.txt" in capsys.readouterr().err

    assert extract_main([]) == 2


def test_it_reads_standard_input(monkeypatch, capsys):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("utf-8"))))
    assert extract_main(["-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "济南市碳达峰工作方案"
