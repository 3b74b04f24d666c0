"""Schemathesis against the live server (real HTTP, the project's own schema at /api/schema/), as
the ``st`` command runs it: every operation through the examples, coverage and fuzzing phases
with a fixed budget (a few examples per operation, a fixed seed), failing on any 5xx and any
mismatch of status code, content type or response body with the schema. The budget keeps the run
under about a minute on the shared CI machine. Plus the mismatches it found, as plain tests."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
EXAMPLES = 5
SEED = 20261125
BOUND = 240  # seconds before the run is stopped: a hang fails the test instead of holding CI


def _st() -> str:
    found = Path(sys.executable).with_name("st")
    return str(found) if found.exists() else (shutil.which("st") or "")


@pytest.mark.django_db(transaction=True)
def test_it_never_fails_and_always_matches_its_own_schema_on_the_live_server(live_server, settings, tmp_path):
    from django.core.management import call_command

    from ccnt.tracker.models import Policy

    if not Policy.objects.public().exists():  # emptied by an earlier transactional test
        call_command("demo", "--no-migrate", verbosity=0)
    settings.CCNT_API_ANON_RATE = "1000000/min"
    st = _st()
    assert st, "the schemathesis command (st) is not installed: pip install -e '.[test]'"
    args = [st, "run", f"{live_server.url}/api/schema/?format=json", "--checks", CHECKS,
            "--max-examples", str(EXAMPLES), "--seed", str(SEED), "--phases", "examples,coverage,fuzzing",
            "--request-timeout", "30", "--workers", "1", "--no-color"]
    started = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, timeout=BOUND, cwd=tmp_path,
                            env={k: v for k, v in os.environ.items() if not k.startswith("SCHEMATHESIS_")})
    output = result.stdout + result.stderr
    print(f"schemathesis: {time.perf_counter() - started:.1f} s\n{output[-1200:]}")
    tested = re.search(r"Tested: (\d+)", output)
    assert tested and int(tested.group(1)) >= 15, output[-3000:]  # every operation
    assert result.returncode == 0, output[-6000:]


# --- the mismatches schemathesis found, kept as fast tests ----------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/policies/?format=csv", "/api/v1/policies/1/?format=csv",
                                 "/api/v1/commitments/?format=csv&actor=0", "/api/v1/targets/"])
def test_options_answers_405_and_never_a_server_error(client, url):
    response = client.options(url)
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.django_db
def test_the_actor_detail_is_json_only_as_documented(client):
    from ccnt.actors.models import Actor

    actor = Actor.objects.public().order_by("pk").first()
    assert client.get(f"/api/v1/actors/{actor.pk}/").status_code == 200
    response = client.get(f"/api/v1/actors/{actor.pk}/?format=csv")
    assert response.status_code == 404 and not response["Content-Type"].startswith("text/csv")
