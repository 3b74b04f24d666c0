import json

from django.core.management.base import BaseCommand, CommandError

from ccnt.ops.backup import BackupError, check, restore


class Command(BaseCommand):
    help = ("Restore a backup written by `ccnt backup` into an empty instance: verifies every file "
            "against the manifest first, then every table's checksum after (see docs/operations.md).")

    def add_arguments(self, parser):
        parser.add_argument("dir", help="a ccnt-backup-* folder, or the folder holding them (the newest is used)")
        parser.add_argument("--force", action="store_true", help="replace a database that already holds data")
        parser.add_argument("--check", action="store_true",
                            help="restore nothing: compare this instance with the backup, table by table")
        parser.add_argument("--json", action="store_true", help="print the outcome as JSON")

    def handle(self, *args, **options):
        try:
            if options["check"]:
                result = check(options["dir"])
            else:
                result = restore(options["dir"], force=options["force"],
                                 out=self.stderr.write if options["verbosity"] else None)
        except BackupError as error:
            raise CommandError(str(error)) from error
        tables = result.manifest["tables"]
        if options["json"]:
            self.stdout.write(json.dumps({"snapshot": str(result.snapshot), "problems": result.problems,
                                          "tables": len(tables), "rows": result.manifest["rows"],
                                          "timings": result.timings}, ensure_ascii=False, indent=1))
        if result.problems:
            raise CommandError(f"{len(result.problems)} mismatch(es) with {result.snapshot.name}:\n  "
                               + "\n  ".join(result.problems))
        if not options["json"]:
            verb = "matches" if options["check"] else "restored from"
            self.stdout.write(f"{verb} {result.snapshot.name}: {len(tables)} tables, {result.manifest['rows']} rows "
                              f"and {result.manifest['archive']['files']} archived originals, every checksum equal")
            if not options["check"]:
                self.stdout.write("if this code is newer than the backup, run `ccnt migrate` now")
