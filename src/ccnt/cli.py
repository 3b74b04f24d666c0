"""The ``ccnt`` command: Django's management entry point plus the project's own subcommands.

``extract`` and ``eval`` are pure (no database, no Django set-up; ``eval --search`` alone scores the
search on the database): they run the analysis
library directly so they start fast and work without a configured site.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable


def _extract(argv: list[str]) -> int:
    from ccnt.analysis.commands import extract_main

    return extract_main(argv)


def _eval(argv: list[str]) -> int:
    from ccnt.analysis.evaluate import build_parser, main

    if "--search" not in argv:
        return main(argv)
    # the search is scored on the database: the one ``eval`` that sets Django up
    args = build_parser().parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ccnt.settings")
    import django

    django.setup()
    from ccnt.search.evaluate import main as search_main

    return search_main(args)


PURE_COMMANDS: dict[str, Callable[[list[str]], int]] = {"extract": _extract, "eval": _eval}


def pure_parser(name: str) -> argparse.ArgumentParser:
    """The argument parser of a pure command: what ``ccnt NAME --help`` prints comes from it
    (scripts/gen_cli_docs.py writes docs/cli.md from it)."""
    if name == "extract":
        from ccnt.analysis.commands import build_parser
    elif name == "eval":
        from ccnt.analysis.evaluate import build_parser
    else:
        raise KeyError(name)
    return build_parser()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] in PURE_COMMANDS:
        return PURE_COMMANDS[argv[1]](argv[2:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ccnt.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
