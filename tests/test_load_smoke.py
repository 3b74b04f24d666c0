"""The load test's smoke run: the reference data + a few hundred synthetic policies in PostgreSQL
(no demo: its load is not what this checks), the production server on loopback, wrk's mixed
workload for a few seconds — no error on any endpoint.

Skipped without wrk or PostgreSQL on 127.0.0.1:5432; under CI=true a missing wrk fails."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))


def test_the_load_test_smoke_run_has_no_errors():
    if not shutil.which("wrk"):
        if os.environ.get("CI") == "true":
            pytest.fail("wrk is missing (scripts/system-packages.txt; bash scripts/install_system_deps.sh)")
        pytest.skip("wrk is not installed")
    import load_test

    url = os.environ.get("CCNT_LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ccnt_load_smoke")
    if not load_test.pg_available(url):
        pytest.skip("no PostgreSQL at 127.0.0.1:5432")
    out = subprocess.run([sys.executable, str(REPO / "scripts" / "load_test.py"), "--smoke", "--json",
                          "--database-url", url], capture_output=True, text=True, timeout=420, cwd=REPO)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["requests"] > 0 and result["non_2xx"] == 0 and result["socket_errors"] == 0
    assert set(result["endpoints"]) >= {"search (± filters)", "policy_page", "region (page + map JSON)", "api_list"}
    assert all(e["errors"] == 0 for e in result["endpoints"].values()), result["endpoints"]
    assert result["policies"] >= 300
