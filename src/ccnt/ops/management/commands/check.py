"""``ccnt check`` is Django's system check; ``ccnt check --data`` checks the data invariants
readers rely on (``ccnt.ops.invariants``) and exits 1 when one fails."""

from django.core.management.base import CommandError
from django.core.management.commands.check import Command as SystemCheck

from ccnt.ops.invariants import remove_orphans, run_checks


class Command(SystemCheck):
    help = ("Django's system checks; with --data, the data invariants: every public policy indexed and "
            "versioned, public counts equal on home / list / facets / API / export / sitemap, target and passage "
            "offsets that quote their text, no orphan archived files. Exits 1 on a problem.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--data", action="store_true", help="check the data invariants instead")
        parser.add_argument("--remove-orphans", action="store_true",
                            help="with --data: delete archived files that no document row references")

    def handle(self, *app_labels, **options):
        if not options["data"]:
            return super().handle(*app_labels, **options)
        if options["remove_orphans"]:
            self.stdout.write(f"removed {remove_orphans()} orphan archived files")
        problems = run_checks()
        for problem in problems:
            self.stderr.write(f"problem: {problem.render()}")
        if problems:
            raise CommandError(f"{len(problems)} data problem(s) found")
        self.stdout.write("data invariants hold: every public policy indexed and versioned, counts agree, "
                          "offsets quote their text, no orphan originals")
