"""The shared corpus (``$CCNT_CORPUS_DIR``, else ``../shared/corpus``): real policy texts and PDFs
that the project reads in place and never copies. Without it a test that needs it skips, with
the reason; under CI (``CI=true``), which always has it, it fails instead."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ccnt.paths import corpus_dir


def require_corpus(path: Path | None = None) -> Path:
    """``path`` (default: the corpus folder) when it exists; otherwise skip (fail under CI)."""
    wanted = path or corpus_dir()
    if wanted.exists():
        return wanted
    message = f"the shared corpus is not here: {wanted} (set CCNT_CORPUS_DIR or put it at ../shared/corpus)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
