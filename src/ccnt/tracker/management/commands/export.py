from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ccnt.tracker.export import FORMATS, export_queryset, iter_policies, write_csv, write_json, write_xlsx


class Command(BaseCommand):
    help = "Export policies with their targets (published only unless --all-states)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("-o", "--output", help="file to write (default: standard output; required for xlsx)")
        parser.add_argument("--all-states", action="store_true", help="include drafts, queued and rejected policies")
        parser.add_argument("--commitments", action="store_true",
                            help="export the non-state actors' commitments and their targets instead of policies")

    def handle(self, *args, **options):
        fmt, output = options["format"], options["output"]
        if options["commitments"]:
            from ccnt.actors.export import commitment_queryset, iter_commitments, write_commitments

            rows = iter_commitments(commitment_queryset(all_states=options["all_states"]))
            if fmt == "xlsx" and not output:
                raise CommandError("xlsx needs -o FILE")
            if output:
                with Path(output).open("wb" if fmt == "xlsx" else "w", **({} if fmt == "xlsx" else {
                        "encoding": "utf-8", "newline": ""})) as handle:
                    write_commitments(rows, fmt, handle)
            else:
                self.stdout.ending = ""
                write_commitments(rows, fmt, self.stdout)
            return
        policies = iter_policies(export_queryset(all_states=options["all_states"]))
        if fmt == "xlsx":
            if not output:
                raise CommandError("xlsx needs -o FILE")
            with Path(output).open("wb") as handle:
                write_xlsx(policies, handle)
            return
        writer = write_json if fmt == "json" else write_csv
        if output:
            with Path(output).open("w", encoding="utf-8", newline="") as handle:
                writer(policies, handle)
        else:
            self.stdout.ending = ""  # the writers end their own lines
            writer(policies, self.stdout)
