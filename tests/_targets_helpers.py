"""Shared helpers for the target-extraction tests (no Django, no database)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ccnt.analysis.targets import extract_targets

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("CCNT_CORPUS_DIR") or REPO.parent / "shared" / "corpus")


def targets(text: str):
    found = extract_targets(text)
    for t in found:
        assert text[t.start:t.end] == t.text
    return found


def only(text: str):
    found = targets(text)
    assert len(found) == 1, [(t.indicator, t.value, t.text) for t in found]
    return found[0]


def corpus_texts() -> list[Path]:
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    if not files:
        if os.environ.get("CI") == "true":
            pytest.fail(f"corpus not found at {CORPUS}")
        pytest.skip(f"corpus not found at {CORPUS}")
    return files
