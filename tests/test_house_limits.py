"""House rules of the source tree, measured (issue 18): no module of src/ccnt over 700 lines, no
function over 120 lines, no import inside a function that hides an import cycle, one way to the data
folder (``ccnt.paths.DATA_DIR``), and the import contracts of pyproject.toml. Measured with ``ast`` on
the files (and import-linter's own parser), so no module is imported."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "ccnt"
MAX_MODULE_LINES = 700
MAX_FUNCTION_LINES = 120


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def module_name(path: Path) -> str:
    name = ".".join(path.relative_to(SRC).with_suffix("").parts)
    return name.removesuffix(".__init__")


def too_long(text: str, label: str) -> list[str]:
    """The module itself and each of its functions over their limits, as ``label:line name (n lines)``."""
    found = []
    lines = len(text.splitlines())
    if lines > MAX_MODULE_LINES:
        found.append(f"{label}: {lines} lines (at most {MAX_MODULE_LINES})")
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                found.append(f"{label}:{node.lineno} {node.name}: {length} lines (at most {MAX_FUNCTION_LINES})")
    return found


def test_it_keeps_every_module_and_function_within_the_house_limits():
    found = [line for path in modules()
             for line in too_long(path.read_text(encoding="utf-8"), str(path.relative_to(SRC)))]
    assert found == []


def test_it_catches_a_function_one_line_over_and_a_module_one_line_over():
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES - 1))
    at_limit = f"def f():\n{body}\n"
    assert too_long(at_limit, "m") == []
    assert too_long(f"def f():\n{body}\n    y = 0\n", "m") == ["m:1 f: 121 lines (at most 120)"]
    padding = "\n".join("z = 0" for _ in range(MAX_MODULE_LINES - MAX_FUNCTION_LINES + 1))
    assert too_long(at_limit + padding, "m") == ["m: 701 lines (at most 700)"]


# ------------------------------------------------------------------ imports inside functions


def imports_of(path: Path) -> tuple[set[str], list[tuple[str, int]]]:
    """(modules of src/ccnt imported at the top of ``path``, (module, line) imported inside a function
    or class body)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    top: set[str] = set()
    inner: list[tuple[str, int]] = []
    known = {module_name(p) for p in modules()}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join(parts + ([node.module] if node.module else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if not target or target == name:
                continue
            if node.col_offset == 0:
                top.add(target)
            else:
                inner.append((target, node.lineno))
    return top, inner


def hidden_cycles() -> list[str]:
    """Imports inside functions whose target imports (at its top, transitively) the importer back:
    a cycle that only works because one side waits until call time."""
    graph: dict[str, set[str]] = {}
    inner: dict[str, list[tuple[str, int]]] = {}
    for path in modules():
        graph[module_name(path)], inner[module_name(path)] = imports_of(path)

    def reaches(start: str, goal: str) -> bool:
        seen, stack = {start}, [start]
        while stack:
            for nxt in graph.get(stack.pop(), ()):
                if nxt == goal:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return False

    return [f"{name}:{line} imports {target} inside a function; {target} imports {name} back"
            for name, items in sorted(inner.items()) for target, line in sorted(set(items))
            if reaches(target, name)]


def test_it_has_no_import_cycle_hidden_inside_a_function():
    assert hidden_cycles() == []


# ------------------------------------------------------------------ the data folder

DATA_PATH = re.compile(r"""(?:parents?\b[^\n]*|PACKAGE_DIR\s*)/\s*["']data["']""")


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_it_reaches_the_data_folder_only_through_paths_DATA_DIR(path):
    if path == PACKAGE / "paths.py":
        return
    assert not DATA_PATH.search(path.read_text(encoding="utf-8")), (
        f"{path.relative_to(SRC)} builds the path of src/ccnt/data itself: use ccnt.paths.DATA_DIR")


# ------------------------------------------------------------------ the import contracts


def test_it_keeps_the_import_contracts_of_pyproject():
    """``lint-imports`` (import-linter, pinned in the test extras) on this tree: the analysis is pure,
    the stages hold, no production module imports a demo loader. ``make lint`` runs it too."""
    tool = Path(sys.executable).with_name("lint-imports")
    if not tool.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{tool} is missing: install the test extras (pip install -e '.[test]')")
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run([str(tool), "--no-cache", "--no-logo"], cwd=SRC.parent, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
