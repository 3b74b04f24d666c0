"""CI runs the benchmark and fuzz scripts at their --smoke size (DESIGN.md, "Testing on this
machine"): each as a subprocess with a time bound, checked for its exit status and its figures.

Database-independent: they run in the SQLite pass only (each script makes its own throwaway
database), never against the PostgreSQL pass's test server.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]

# script, time bound (s, generous: CI machines are shared), a line every run must print
SCRIPTS = [
    ("fuzz_parsers.py", 300, r"^fuzz: \d+ inputs, 0 crashes, 0 slow"),
    ("bench_analysis.py", 300, r"characters/s per core"),
    ("bench_extract_scaling.py", 300, r"^extract: 0.2 MB .*: [\d.]+ s, x[\d.]+ over the previous size"),
    ("bench_search.py", 900, r"worst p95 at N=\d+"),
    ("bench_ingest.py", 600, r"ingest: [\d.]+ documents/s"),
    ("bench_api.py", 900, r"requests/s"),
    ("bench_pages.py", 900, r"^worst at N=\d+: cold .* warm "),
    ("bench_search_cold.py", 600, r"^all queries at N=\d+: cold p50 [\d.]+ ms p95 [\d.]+ ms"),
    ("bench_embeddings.py", 300, r"^nearest at N=\d+ policies: p50 [\d.]+ ms p95 [\d.]+ ms"),
]


@pytest.mark.parametrize("script, bound, expected", SCRIPTS, ids=[s[0] for s in SCRIPTS])
def test_script_runs_at_smoke_size(script, bound, expected, tmp_path):
    path = REPO / "scripts" / script
    if not path.exists():
        pytest.skip(f"{script} is not there")
    if "--smoke" not in path.read_text(encoding="utf-8"):
        pytest.skip(f"{script} has no --smoke")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    # throwaway runtime folder: nothing lands in var/ but parse-cache entries (CCNT_PARSE_CACHE_DIR, conftest)
    env["CCNT_VAR_DIR"] = str(tmp_path)
    args = [sys.executable, str(path), "--smoke"]
    if script == "fuzz_parsers.py":
        args += ["--out", str(tmp_path / "crashes")]
    result = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=bound)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert re.search(expected, output, re.M), output[-4000:]
    print(output[-1500:])
