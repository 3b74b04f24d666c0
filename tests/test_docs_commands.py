"""Every ``ccnt`` subcommand of the project is documented: a section in docs/cli.md, and a row
of the README's stage table that names the package defining it."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.management import get_commands

from ccnt.cli import PURE_COMMANDS

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
CLI = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")


def project_commands() -> dict[str, str]:
    """Command → the package that defines it (Django's and third parties' left out)."""
    commands = {name: app for name, app in get_commands().items() if app.startswith("ccnt")}
    return {**commands, **{name: "ccnt.analysis" for name in PURE_COMMANDS}}


def stage_rows() -> list[str]:
    match = re.search(r"^\| stage \|.*?(?=^\s*$)", README, re.S | re.M)
    assert match, "the README has no stage → package → command table"
    return match.group(0).splitlines()[2:]


def test_it_finds_the_projects_commands():
    commands = project_commands()
    assert {"demo", "serve", "extract", "eval", "ingest", "crawl", "report"} <= set(commands)


def test_it_has_a_cli_reference_section_for_every_command():
    assert [name for name in project_commands() if f"\n## ccnt {name}\n" not in CLI] == []


def test_it_lists_every_command_in_the_readmes_stage_table_with_its_package():
    rows = stage_rows()
    problems = []
    for name, package in project_commands().items():
        row = next((r for r in rows if f"`ccnt {name}`" in r), None)
        if row is None:
            problems.append(f"ccnt {name}: not in the README's stage table")
        elif f"`{package}`" not in row:
            problems.append(f"ccnt {name}: defined in {package}, which its row does not name")
    assert problems == []
