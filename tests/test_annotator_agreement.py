"""scripts/annotator_agreement.py: one annotator's gold scored against another's."""

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "annotator_agreement.py"


def _gold(folder: Path, rows: list[dict]) -> None:
    folder.mkdir()
    head = {"title": "t", "file": "pdf/x.pdf", "part": "dev"}
    (folder / "x.gold.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [head, *rows]),
                                         encoding="utf-8")


def _row(start: int, value: float, indicator: str = "forest_coverage") -> dict:
    return {"indicator": indicator, "subject": "森林覆盖率", "target_year": 2025, "value_low": value,
            "value_high": value, "start": start, "end": start + 10, "text": "x" * 10}


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO / "src")})


def test_it_scores_two_annotations_against_each_other(tmp_path):
    _gold(tmp_path / "a", [_row(0, 50), _row(20, 60)])
    _gold(tmp_path / "b", [_row(2, 50), _row(20, 60, "other")])
    out = _run(str(tmp_path / "a"), str(tmp_path / "b")).stdout
    assert "strict   F1 50.0%" in out and "loose    F1 100.0%" in out


def test_it_names_a_missing_folder(tmp_path):
    done = _run(str(tmp_path / "nope"), str(tmp_path))
    assert done.returncode == 2 and "nope: folder not found" in done.stderr
