"""``ccnt crawl [SOURCE] [--config FILE] [--full] [--since DATE] [--max-pages N] [--list]``"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from ccnt.ingest.crawl.config import ConfigError
from ccnt.ingest.crawl.run import crawl_source, select_sources, sync_sources
from ccnt.ingest.safety import add_network_arguments, networks_from_options


class Command(BaseCommand):
    help = ("Crawl government sites (Source rows and src/ccnt/data/sources/*.toml) politely and ingest new or "
            "changed policy pages as drafts.")

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", help="slug of one source (default: every enabled source)")
        parser.add_argument("--config", help="a site configuration file (TOML or JSON) to crawl; saved as a Source")
        parser.add_argument("--list", action="store_true", help="list the configured sources and exit")
        parser.add_argument("--sync", action="store_true", help="overwrite Source rows from the data files")
        parser.add_argument("--full", action="store_true", help="refetch known pages too (not incremental)")
        parser.add_argument("--since", help="only list entries dated on or after YYYY-MM-DD")
        parser.add_argument("--max-pages", type=int, help="list pages to follow per start URL")
        parser.add_argument("--delay", type=float, help="seconds between requests to one host (overrides the config)")
        add_network_arguments(parser)
        parser.add_argument("--publish", action="store_true", help="publish directly (already reviewed material)")
        parser.add_argument("--timeout", type=float, default=3600, help="stop a crawl after this many seconds")
        parser.add_argument("--enqueue", action="store_true",
                            help="queue the crawl for the workers (ccnt.jobs) instead of running it here")

    def handle(self, *args, **options):
        try:
            if options["list"] or options["sync"]:
                rows = sync_sources(overwrite=options["sync"])
                from ccnt.ingest.models import Source

                for source in Source.objects.order_by("slug"):
                    state = "enabled" if source.enabled else "disabled"
                    self.stdout.write(f"{source.slug}\t{source.crawler}\t{state}\t{source.name}\t"
                                      f"{source.last_crawled_at or 'never'}")
                if options["sync"]:
                    self.stdout.write(f"{len(rows)} source(s) synchronised from data files")
                return
            sources = select_sources(options["source"], options["config"])
        except ConfigError as error:
            raise CommandError(str(error)) from error
        allowed = networks_from_options(options)
        politeness = {"download_delay": options["delay"]} if options["delay"] is not None else None
        if options["enqueue"]:
            from ccnt.jobs.crawl import enqueue_crawls

            for line in enqueue_crawls(sources, options, allowed):
                self.stdout.write(line)
            return
        failed_all = True
        for source in sources:
            self.stdout.write(f"crawling {source.slug} …")
            try:
                result = crawl_source(
                    source, full=options["full"], since=options["since"] or "", max_pages=options["max_pages"],
                    allowed_networks=allowed, politeness=politeness,
                    timeout=options["timeout"], progress_stream=self.stderr._out, publish=options["publish"],
                )
            except (RuntimeError, ConfigError) as error:
                self.stderr.write(f"{source.slug}: {error}")
                continue
            failed_all = False
            self.stdout.write(f"{source.slug}: {result.lists} list page(s), {result.fetched} page(s) fetched, "
                              f"{result.unchanged} not modified, {result.skipped_known} known and skipped")
            self.stdout.write(result.summary.render())
        if sources and failed_all:
            raise CommandError("no crawl completed")
