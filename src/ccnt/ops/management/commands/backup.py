import json

from django.core.management.base import BaseCommand, CommandError

from ccnt.ops.backup import BackupError, backup, database_checksums


class Command(BaseCommand):
    help = ("Write a consistent, dated snapshot of the database and the archive of originals into "
            "DIR/ccnt-backup-YYYYMMDDTHHMMSSZ/ with a manifest of checksums (see docs/operations.md).")

    def add_arguments(self, parser):
        parser.add_argument("dir", nargs="?", help="folder for the snapshot (created if needed)")
        parser.add_argument("--no-archive", action="store_true", help="the database only")
        parser.add_argument("--json", action="store_true", help="print the manifest as JSON at the end")
        parser.add_argument("--print-checksums", action="store_true",
                            help="write nothing: print the live database's per-table row counts and checksums")

    def handle(self, *args, **options):
        if options["print_checksums"]:
            from django.db import connection

            tables, other = database_checksums(connection)
            self.stdout.write(json.dumps({"tables": tables, "other_tables": other}, indent=1))
            return
        if not options["dir"]:
            raise CommandError("give the folder to write the backup into: ccnt backup DIR")
        try:
            result = backup(options["dir"], include_archive=not options["no_archive"],
                            out=self.stderr.write if options["verbosity"] else None)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        if options["json"]:
            self.stdout.write(json.dumps({"path": str(result.path), **manifest}, ensure_ascii=False, indent=1))
        else:
            self.stdout.write(
                f"backup written to {result.path}: {len(manifest['tables'])} tables, {manifest['rows']} rows, "
                f"{manifest['archive']['files']} archived originals, {result.size} bytes"
            )
