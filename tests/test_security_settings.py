"""Security basics: debug off unless asked, CSRF on, secret key not in the repository."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.conf import settings


def test_it_turns_debug_off_unless_asked():
    code = "import ccnt.settings as s; print(s.DEBUG)"
    env = {"PATH": "/usr/bin:/bin", "CCNT_VAR_DIR": settings.VAR_DIR.as_posix()}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "False"
    env["CCNT_DEBUG"] = "1"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "True"


def test_it_takes_the_secret_key_from_the_environment():
    code = "import ccnt.settings as s; print(s.SECRET_KEY)"
    env = {"PATH": "/usr/bin:/bin", "CCNT_VAR_DIR": settings.VAR_DIR.as_posix(), "CCNT_SECRET_KEY": "from-env-123"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "from-env-123"


@pytest.mark.django_db
def test_it_rejects_a_post_without_a_csrf_token():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403


def test_it_keeps_the_generated_key_out_of_git():
    from ccnt.paths import REPO_DIR

    result = subprocess.run(["git", "check-ignore", "-q", "var/secret_key"], cwd=REPO_DIR)
    assert result.returncode == 0
