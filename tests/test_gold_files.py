"""The gold annotations are consistent with their texts and the indicator catalogue."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "eval" / "gold"
CASES = REPO / "eval" / "cases"
SUMMARIES = REPO / "eval" / "summaries"
CORPUS = Path(os.environ.get("CCNT_CORPUS_DIR") or REPO.parent / "shared" / "corpus")
CATALOGUE = REPO / "src" / "ccnt" / "data" / "indicators.csv"


def _codes() -> set[str]:
    with open(CATALOGUE, encoding="utf-8", newline="") as fh:
        return {row["code"] for row in csv.DictReader(fh)}


def _gold_files() -> list[tuple[Path, Path]]:
    pairs = []
    for gold in sorted(GOLD.glob("*.gold.jsonl")) + sorted(CASES.glob("*.gold.jsonl")):
        stem = gold.name[: -len(".gold.jsonl")]
        text = gold.with_name(f"{stem}.txt") if gold.parent == CASES else CORPUS / f"{stem}.txt"
        pairs.append((gold, text))
    for gold in sorted(SUMMARIES.glob("*/*.gold.jsonl")):  # short texts, the gold beside each
        pairs.append((gold, gold.with_name(gold.name[: -len(".gold.jsonl")] + ".txt")))
    second = REPO / "eval" / "agreement"
    for gold in sorted(second.glob("*.gold.jsonl")) + sorted(second.glob("*/*.gold.jsonl")):  # second annotations
        pairs.append((gold, CORPUS / "dual-carbon" / _lines(gold)[0]["file"]))
    for gold in sorted((GOLD / "dual-carbon").glob("*.gold.jsonl")):  # quotes point into the parsed PDF
        pairs.append((gold, CORPUS / "dual-carbon" / _lines(gold)[0]["file"]))
    return pairs


def _text_of(path: Path) -> str:
    if path.suffix == ".txt":
        return path.read_text(encoding="utf-8")
    # the parse cache: ``parse_bytes``'s own result, kept by the original's bytes and the parsers'
    # source (as the dual-carbon evaluation reads them); each PDF was parsed again for each gold file
    from ccnt.ingest.parse_cache import cached_parse

    return cached_parse(path.read_bytes(), name=path.name).text


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_it_has_gold_files():
    assert _gold_files(), "no gold files in eval/gold or eval/cases"


@pytest.mark.parametrize(("gold", "text_path"), _gold_files(), ids=lambda p: p.name)
def test_it_matches_every_gold_span_to_its_text(gold: Path, text_path: Path):
    if not text_path.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"text missing for {gold.name}: {text_path}")
        pytest.skip(f"text missing: {text_path}")
    text = _text_of(text_path)
    lines = _lines(gold)
    assert lines and "adcode" in lines[0], "the first line must be the policy facts (with adcode)"
    for i, line in enumerate(lines[1:], 2):
        assert text[line["start"]:line["end"]] == line["text"], f"{gold.name}:{i}"
    if gold.parent.name == "dual-carbon":
        assert lines[0].get("part") in ("dev", "test"), f"{gold.name}: part must be dev or test"
        for i, line in enumerate(lines[1:], 2):
            assert line.get("subject") and line.get("role") in ("target", "restated", "cited"), f"{gold.name}:{i}"


@pytest.mark.parametrize(("gold", "text_path"), _gold_files(), ids=lambda p: p.name)
def test_it_uses_only_catalogue_codes(gold: Path, text_path: Path):
    codes = _codes()
    for i, line in enumerate(_lines(gold)[1:], 2):
        assert line["indicator"] in codes, f"{gold.name}:{i}: unknown indicator {line['indicator']!r}"
        low, high = line.get("value_low"), line.get("value_high")
        assert (low is None) == (high is None), f"{gold.name}:{i}"
        if low is not None:
            assert low <= high, f"{gold.name}:{i}"
        assert isinstance(line.get("target_year"), int), f"{gold.name}:{i}"
