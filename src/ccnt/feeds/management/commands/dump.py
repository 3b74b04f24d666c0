from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ccnt.feeds.dump import changelog, make_release, release_name, write_dump
from ccnt.feeds.models import DataRelease


class Command(BaseCommand):
    help = ("Write a dated zip of the public data (policies, targets, jurisdictions, indicators as CSV and JSON "
            "with a Frictionless datapackage.json) into the downloads folder and record it as a data release "
            "served at /downloads/. With -o FILE the zip is only written there.")

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="write the zip to this path instead (not recorded as a release)")
        parser.add_argument("--note", default="", help="a note for the release's changelog")

    def handle(self, *args, **options):
        try:
            self.dump(options)
        except OSError as error:  # a full disk: the half-written zip is gone and no release is recorded
            raise CommandError(f"cannot write the data release: {error.strerror or error} — nothing was written") from error

    def dump(self, options):
        if options["output"]:
            previous = DataRelease.objects.first()
            name = release_name(timezone.localdate().isoformat())
            result = write_dump(Path(options["output"]), name, changelog(previous.created_at if previous else None))
            self.stdout.write(f"{result.path}: {result.size} bytes, sha256 {result.sha256}; "
                              + ", ".join(f"{k} {v}" for k, v in result.counts.items()))
            return
        release = make_release(note=options["note"])
        self.stdout.write(f"release {release.name}: {release.filename}, {release.size} bytes, sha256 {release.sha256}; "
                          + ", ".join(f"{k} {v}" for k, v in release.counts.items()))
