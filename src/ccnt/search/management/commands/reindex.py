from django.core.management.base import BaseCommand

from ccnt.search.index import reindex_all


class Command(BaseCommand):
    help = "Rebuild the search index from the public policies (--clear starts from an empty index)."

    def add_arguments(self, parser):
        parser.add_argument("--clear", action="store_true", help="empty the index first")

    def handle(self, *args, **options):
        written = reindex_all(clear=options["clear"])
        self.stdout.write(f"search index: {written} rows written")
