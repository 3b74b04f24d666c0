"""Shared checks for the page tests: no inline script, the strict CSP header."""

from __future__ import annotations

import re

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)


def assert_no_inline_script(html: str) -> None:
    """Every <script> either loads a file (src) or is a data block (application/json)."""
    for attrs, body in SCRIPT.findall(html):
        if "src=" in attrs:
            assert not body.strip(), attrs
        else:
            assert 'type="application/json"' in attrs, f"inline script: {attrs} {body[:80]}"


def assert_strict_csp(response) -> None:
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def ensure_messages_compiled() -> None:
    """``make install`` compiles the English strings; a bare ``pytest`` run does it here."""
    import shutil
    import subprocess
    from pathlib import Path

    po = Path(__file__).resolve().parents[1] / "src/ccnt/tracker/locale/en/LC_MESSAGES/django.po"
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        return
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt (Debian gettext) is needed to compile the English strings"
    subprocess.run([msgfmt, "--check", "-o", str(mo), str(po)], check=True)
