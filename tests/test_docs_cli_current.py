"""docs/cli.md is exactly what scripts/gen_cli_docs.py writes from the commands' --help now:
a changed option, help text or command fails here until the page is regenerated."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def generator():
    spec = importlib.util.spec_from_file_location("gen_cli_docs", REPO / "scripts" / "gen_cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_keeps_the_cli_reference_equal_to_the_commands_help():
    written = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == generator().render(), "docs/cli.md is out of date: run .venv/bin/python scripts/gen_cli_docs.py"


def test_it_notices_a_new_option(monkeypatch):
    import ccnt.cli

    original = ccnt.cli.pure_parser

    def with_new_option(name: str):
        parser = original(name)
        if name == "extract":
            parser.add_argument("--brand-new-option", help="an option the page does not know yet")
        return parser

    monkeypatch.setattr(ccnt.cli, "pure_parser", with_new_option)
    page = generator().render()
    assert "--brand-new-option" in page.split("## ccnt extract")[1].split("## ccnt ")[0]
    assert page != (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
