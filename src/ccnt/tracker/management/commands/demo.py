from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ccnt.actors.loaders import ActorLoader
from ccnt.search.index import deferred as deferred_indexing
from ccnt.tracker.loaders.corpus import CorpusIngest, with_full_text
from ccnt.tracker.loaders.demo import DemoLoader
from ccnt.tracker.loaders.reference import DataFileError, load_all
from ccnt.tracker.loaders.reports import publish_demo_reports


class Command(BaseCommand):
    help = ("Set up the site (as `ccnt setup`) and load the demo: real policies, their originals from "
            "../shared/corpus through the ingest pipeline, actors, and published monthly reports (idempotent).")

    def add_arguments(self, parser):
        parser.add_argument("--no-migrate", action="store_true", help="skip migrate")
        parser.add_argument("--no-originals", action="store_true",
                            help="skip ingesting the corpus PDFs (metadata and corpus texts only)")
        parser.add_argument("--no-reports", action="store_true", help="skip publishing the demo monthly reports")
        parser.add_argument("--no-embeddings", action="store_true",
                            help="leave the passages of meaning search unembedded (minutes of CPU; "
                                 "`ccnt reindex --embeddings` embeds them later)")
        parser.add_argument("--progress", action="store_true", default=None,
                            help="show a progress bar even when the output is not a terminal")

    def handle(self, *args, **options):
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        try:
            reference = load_all()
            loader = DemoLoader()
            # index the loaded policies — and the texts and originals ingested for them — once,
            # in one batch (the ingest publishes each new text: a reindex and new generations apiece)
            with deferred_indexing():
                report = loader.run()
                corpus = CorpusIngest(loader.data["policies"], progress=options["progress"])
                if not options["no_originals"]:
                    corpus.run()
            actors = ActorLoader().run()
        except DataFileError as error:
            raise CommandError(str(error)) from error
        reports = [] if options["no_reports"] else publish_demo_reports()
        if connection.vendor == "postgresql":
            # fresh statistics, or the planner misjudges the search queries right after a bulk load
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write("reference rows written: " + ", ".join(f"{k} {v}" for k, v in reference.items()))
        self.stdout.write(
            f"demo policies: {report.created} new, {report.updated} updated, {report.unchanged} unchanged; "
            f"{report.targets} targets loaded"
        )
        if options["no_originals"]:
            self.stdout.write("demo originals: skipped (--no-originals)")
        elif corpus.report.available:
            self.stdout.write(
                f"demo originals: {corpus.report.ingested} ingested, {corpus.report.attached} attached, "
                f"{corpus.report.unchanged} unchanged, {len(corpus.report.failed)} failed, "
                f"{corpus.report.missing} missing; {with_full_text()} policies with full text"
            )
        else:
            self.stdout.write("demo originals: ../shared/corpus/dual-carbon not found: policies load without full texts")
        self.stdout.write(
            f"demo actors: {actors.created} new, {actors.updated} updated, {actors.unchanged} unchanged; "
            f"{actors.commitments} commitments, {actors.targets} targets, {actors.linked_policies} policy links"
        )
        if not options["no_reports"]:
            self.stdout.write(f"demo reports: {len(reports)} published (machine drafts)")
        self._embed(options)
        for problem in actors.problems + corpus.report.failed:
            self.stderr.write(f"warning: {problem}")
        if options["verbosity"] > 1:
            for title in report.updated_titles:
                self.stdout.write(f"updated: {title}")
        for problem in report.problems:
            self.stderr.write(f"warning: {problem}")

    def _embed(self, options) -> None:
        """Embeddings on: the demo ends searchable by meaning, its passages embedded here with every
        core (a progress bar on a terminal, or with --progress); a second run embeds nothing."""
        from ccnt.search import passages
        from ccnt.search.embedder import enabled

        if not enabled():
            self.stdout.write("demo meaning search: off (CCNT_EMBEDDINGS=0): keyword search only")
            return
        if options["no_embeddings"]:
            self.stdout.write("demo meaning search: skipped (--no-embeddings); `ccnt reindex --embeddings` embeds it")
            return
        embedded = passages.embed_all(self.stderr._out, progress=options["progress"])
        self.stdout.write(f"demo meaning search: {embedded} passages embedded; " + passages.summary().split(": ", 1)[1])
