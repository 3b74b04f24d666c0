"""ccnt extract --explain: each rule's decision per candidate."""

from ccnt.analysis.commands import extract_main
from ccnt.analysis.targets import explain_targets


def test_it_says_why_a_candidate_was_kept_or_dropped():
    decisions = explain_targets("到2025年，非化石能源消费比重达到20%。2020年已建成5个基地。")
    kept = [d for d in decisions if d.rule == "target" and d.kept]
    dropped = [d for d in decisions if not d.kept]
    assert kept and "non_fossil_share" in kept[0].reason
    assert any(d.rule == "year_scope" and "5个" in d.text for d in dropped)


def test_it_prints_the_decisions_from_the_command(tmp_path, capsys):
    path = tmp_path / "p.txt"
    path.write_text("到2025年，建成10个示范基地。", encoding="utf-8")
    assert extract_main([str(path), "--explain"]) == 0
    out = capsys.readouterr().out
    assert "+ target" in out and "示范基地" in out
