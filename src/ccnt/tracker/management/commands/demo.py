from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ccnt.search.index import deferred as deferred_indexing
from ccnt.tracker.loaders.actors import ActorLoader
from ccnt.tracker.loaders.demo import DemoLoader
from ccnt.tracker.loaders.reference import DataFileError, load_all


class Command(BaseCommand):
    help = "Migrate the database and load the reference data and the demo policies (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--no-migrate", action="store_true", help="skip migrate")

    def handle(self, *args, **options):
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        try:
            reference = load_all()
            with deferred_indexing():  # index the loaded policies once, in one batch
                report = DemoLoader().run()
            actors = ActorLoader().run()
        except DataFileError as error:
            raise CommandError(str(error)) from error
        if connection.vendor == "postgresql":
            # fresh statistics, or the planner misjudges the search queries right after a bulk load
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            "reference rows written: " + ", ".join(f"{k} {v}" for k, v in reference.items())
        )
        self.stdout.write(
            f"demo policies: {report.created} new, {report.updated} updated, {report.unchanged} unchanged; "
            f"{report.targets} targets loaded"
        )
        self.stdout.write(
            f"demo actors: {actors.created} new, {actors.updated} updated, {actors.unchanged} unchanged; "
            f"{actors.commitments} commitments, {actors.targets} targets, {actors.linked_policies} policy links"
        )
        for problem in actors.problems:
            self.stderr.write(f"warning: {problem}")
        if options["verbosity"] > 1:
            for title in report.updated_titles:
                self.stdout.write(f"updated: {title}")
        for problem in report.problems:
            self.stderr.write(f"warning: {problem}")
