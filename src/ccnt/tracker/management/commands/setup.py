from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from ccnt.tracker.loaders.reference import DataFileError, load_all


class Command(BaseCommand):
    help = ("Migrate the database and load or update the reference data (divisions, authorities, taxonomy, "
            "indicator catalogue) — no demo policies. What a server runs on install and upgrade (idempotent).")

    def add_arguments(self, parser):
        parser.add_argument("--no-migrate", action="store_true", help="skip migrate")

    def handle(self, *args, **options):
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        try:
            reference = load_all()
        except DataFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("reference rows written: " + ", ".join(f"{k} {v}" for k, v in reference.items()))
