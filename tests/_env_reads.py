"""Which environment variables Python code reads, found in its syntax tree (for the docs tests).

A read is ``os.environ.get("X")``, ``os.environ["X"]``, ``os.environ.setdefault("X", …)``,
``os.environ.pop("X")``, ``os.getenv("X")``, ``"X" in os.environ``, or a library call known to
read one (``dj_database_url.config()`` reads ``DATABASE_URL``). Rejected alternative: grepping
for ``CCNT_`` strings, which also matches Django and Scrapy setting names
(``getattr(settings, "CCNT_CSP")``) that no environment ever sets.
"""

from __future__ import annotations

import ast
from pathlib import Path

IMPLICIT = {("dj_database_url", "config"): "DATABASE_URL"}


def _is_environ(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute) and node.attr == "environ":
        return isinstance(node.value, ast.Name) and node.value.id == "os"
    return isinstance(node, ast.Name) and node.id == "environ"


def _name_of(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        func = node.func
        first = node.args[0] if node.args else None
        literal = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
        if isinstance(func, ast.Attribute):
            if func.attr in ("get", "setdefault", "pop") and _is_environ(func.value):
                return literal
            if func.attr == "getenv":
                return literal
            if isinstance(func.value, ast.Name) and (func.value.id, func.attr) in IMPLICIT:
                return IMPLICIT[(func.value.id, func.attr)]
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and _is_environ(node.value) \
            and isinstance(node.slice, ast.Constant):
        return node.slice.value
    if isinstance(node, ast.Compare) and isinstance(node.left, ast.Constant) and any(map(_is_environ, node.comparators)):
        return node.left.value
    return None


def reads_in_source(source: str) -> set[str]:
    return {name for node in ast.walk(ast.parse(source)) if (name := _name_of(node))}


def reads_by_file(root: Path) -> dict[Path, set[str]]:
    """File → the variables it reads, for every .py file under ``root`` that reads any."""
    found = {path: reads_in_source(path.read_text(encoding="utf-8")) for path in sorted(root.rglob("*.py"))}
    return {path: names for path, names in found.items() if names}
