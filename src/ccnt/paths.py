"""Where things live: the repository, the shared corpus, the runtime folder."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
# src/ccnt → the repository root (the package is installed editable from it)
REPO_DIR = PACKAGE_DIR.parents[1]


def var_dir() -> Path:
    """Runtime files: the SQLite database, the archive of originals, a generated dev key."""
    path = Path(os.environ.get("CCNT_VAR_DIR", REPO_DIR / "var"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def parse_cache_dir() -> Path:
    """The parse cache (``ccnt.ingest.parse_cache``): ``$CCNT_PARSE_CACHE_DIR``, else
    ``cache/parse`` in the runtime folder. Its entries are a pure function of an original's bytes
    and the parser's source, so runtime folders may share one — the suite points the throwaway
    instances it starts (demo builds in child processes) at its own, instead of each parsing the
    corpus again. Rejected: a symlink made by each caller (what ``make check-data`` does), which
    every script that makes a runtime folder would have to repeat."""
    configured = os.environ.get("CCNT_PARSE_CACHE_DIR", "")
    return Path(configured) if configured else var_dir() / "cache" / "parse"


def corpus_dir() -> Path:
    """The shared corpus of real policy texts (never copied into the project)."""
    return Path(os.environ.get("CCNT_CORPUS_DIR", REPO_DIR.parent / "shared" / "corpus"))


def gold_dir() -> Path:
    return REPO_DIR / "eval" / "gold"
