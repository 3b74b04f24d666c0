"""``ccnt report YYYY-MM --format md|html|docx|pdf [-o FILE] [--fresh] [--save-draft]``

The month's report: once published, the frozen publication; before that, the curators' draft if
one is stored; else built straight from the published policies. ``--fresh`` always builds from the
data; ``--save-draft`` (re)generates the stored draft first. Markdown and HTML go to standard
output unless ``-o`` is given; Word and PDF go to ``ccnt-report-YYYY-MM.<format>`` by default.
A month without published policies is an error with a clear message.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ccnt.reports.build import ReportError, build_report, empty_message, parse_month
from ccnt.reports.drafts import generate_draft, report_tree
from ccnt.reports.models import Report
from ccnt.reports.render import FORMATS, filename, render


class Command(BaseCommand):
    help = "Build the monthly report 零碳录月报 of a month (YYYY-MM) as Markdown, HTML, Word or PDF."

    def add_arguments(self, parser):
        parser.add_argument("month", help="YYYY-MM")
        parser.add_argument("--format", "-f", choices=list(FORMATS), default="md")
        parser.add_argument("-o", "--output", help="file to write ('-' for standard output)")
        parser.add_argument("--fresh", action="store_true", help="build from the data, ignoring a stored report")
        parser.add_argument("--save-draft", action="store_true", help="(re)generate the stored draft first")

    def handle(self, *args, month: str, format: str, output: str | None, fresh: bool, save_draft: bool, **options):
        try:
            first = parse_month(month)
            if save_draft:
                generate_draft(first)
            stored = None if fresh else Report.objects.filter(month=first).first()
            tree = report_tree(stored) if stored is not None else build_report(first)
        except ReportError as error:
            raise CommandError(str(error)) from error
        if tree.is_empty:
            raise CommandError(empty_message(first))
        data = render(tree, format)
        if output is None and format in ("docx", "pdf"):
            output = filename(tree, format)
        if output in (None, "-"):
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        try:
            write_atomically(Path(output), data)
        except OSError as error:
            raise CommandError(f"cannot write {output}: {error.strerror or error} — nothing was written") from error
        state = "published" if tree.status == "published" else "draft"
        self.stderr.write(f"{tree.title} ({state}, {len(tree.entries())} entries) → {output}")


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target, then rename: a full disk leaves no half-written file behind."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
