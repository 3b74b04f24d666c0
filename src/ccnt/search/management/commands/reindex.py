from django.core.management.base import BaseCommand, CommandError

from ccnt.search.index import reindex_all


class Command(BaseCommand):
    help = ("Rebuild the search index from the public policies (--clear starts from an empty index; "
            "--embeddings also rebuilds the passages and embeds those not embedded yet).")

    def add_arguments(self, parser):
        parser.add_argument("--clear", action="store_true", help="empty the index first")
        parser.add_argument("--embeddings", action="store_true",
                            help="rebuild the passages of meaning search and embed what is missing, with a "
                                 "progress bar (every core; vectors no passage uses are deleted)")
        parser.add_argument("--threads", type=int, default=None,
                            help="with --embeddings: threads of the model (default: one per core)")
        parser.add_argument("--progress", action="store_true", default=None,
                            help="show the progress bar even when the output is not a terminal")

    def handle(self, *args, **options):
        from ccnt.search import passages
        from ccnt.search.embedder import enabled

        if options["embeddings"] and not enabled():
            raise CommandError("embeddings are off (CCNT_EMBEDDINGS=0): nothing to embed")
        written = reindex_all(clear=options["clear"])
        self.stdout.write(f"search index: {written} rows written")
        if not options["embeddings"]:
            return
        passages.rebuild_all()  # (reindex_all rebuilt those of public policies already; this drops any other)
        pruned = passages.prune_vectors()
        embedded = passages.embed_all(self.stderr._out, threads=options["threads"], progress=options["progress"])
        self.stdout.write(f"passages: {embedded} embedded, {pruned} unused vectors deleted")
        self.stdout.write(passages.summary())
