"""docs/configuration.md documents every environment variable the code reads — and none it no
longer reads — and names each one read outside settings.py."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ._env_reads import reads_by_file, reads_in_source

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
SETTINGS = SRC / "ccnt" / "settings.py"
PAGE = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
VARIABLE = re.compile(r"`([A-Z][A-Z0-9_]*)`")


def section(title: str) -> str:
    """The page's text from the ``## title`` heading to the next ``## `` heading."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", PAGE, re.S | re.M)
    assert match, f"docs/configuration.md has no section {title!r}"
    return match.group(1)


def documented(text: str) -> set[str]:
    """The variables a table documents: the names in the first cell of each row."""
    rows = (line.strip().strip("|").split("|")[0] for line in text.splitlines() if line.startswith("| `"))
    return {name for cell in rows for name in VARIABLE.findall(cell)}


@functools.cache  # the source does not change during a run: parsed once, not once a test
def read_by_src() -> dict[Path, set[str]]:
    return reads_by_file(SRC)


def test_it_finds_every_form_of_reading_the_environment():
    source = """
import os, dj_database_url
from os import environ
a = os.environ.get("A_ONE"); b = os.environ["B_TWO"]; c = os.getenv("C_THREE")
d = "D_FOUR" in os.environ; os.environ.setdefault("E_FIVE", "x"); f = environ.get("F_SIX")
db = dj_database_url.config(default="sqlite://")
os.environ["NOT_READ"] = "1"; settings_name = getattr(object, "CCNT_NOT_ENV", None)
"""
    assert reads_in_source(source) == {"A_ONE", "B_TWO", "C_THREE", "D_FOUR", "E_FIVE", "F_SIX", "DATABASE_URL"}


def test_it_documents_every_variable_the_code_reads():
    read = set().union(*read_by_src().values())
    assert read - documented(section("Variables the code reads")) == set(), "read in src/, not in the page"


def test_it_lists_no_variable_the_code_does_not_read():
    read = set().union(*read_by_src().values())
    assert documented(section("Variables the code reads")) - read == set(), "in the page, read nowhere in src/"


def test_it_names_every_variable_read_outside_settings_and_where():
    outside: dict[str, set[str]] = {}
    for path, names in read_by_src().items():
        if path != SETTINGS:
            for name in names:
                outside.setdefault(name, set()).add(str(path.relative_to(REPO)))
    rows = {}
    for line in section("Read outside settings.py").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and (name := VARIABLE.fullmatch(cells[0])):
            rows[name.group(1)] = set(re.findall(r"`([^`]+\.py)`", cells[1]))
    assert rows == outside


def test_it_documents_the_variables_tests_and_scripts_read():
    read = set().union(*reads_by_file(REPO / "tests").values(), *reads_by_file(REPO / "scripts").values())
    assert read - documented(PAGE) == set()
