"""``ccnt ingest PATH|URL… [--title T --issuer I --published-date D --url U] [--actor NAME] [--publish]``"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from ccnt.ingest.pipeline import Options, Progress, run, settings_limits
from ccnt.ingest.safety import DEFAULT_LIMITS, add_network_arguments, networks_from_options


class Command(BaseCommand):
    help = ("Ingest files, directories and URLs: archive the originals, parse them (HTML, PDF, DOCX, DOC/WPS, "
            "text), analyse and create or update policy drafts in the review queue.")

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", metavar="PATH|URL")
        parser.add_argument("--title", help="title of the (single) item")
        parser.add_argument("--issuer", help="issuing body of the (single) item, e.g. 国务院")
        parser.add_argument("--published-date", help="publication date of the (single) item, YYYY-MM-DD")
        parser.add_argument("--url", help="source URL of the (single) item, e.g. for a downloaded file")
        parser.add_argument("--policy", type=int, metavar="ID",
                            help="the (single) item is a document of this policy: it becomes its new version")
        parser.add_argument("--actor", metavar="NAME",
                            help="the items are this non-state actor's press releases or reports: they become "
                                 "commitment drafts of the actor (name, short name or alias)")
        parser.add_argument("--publish", action="store_true",
                            help="already reviewed material: publish directly instead of queueing for review")
        add_network_arguments(parser)
        parser.add_argument("--no-attachments", action="store_true", help="do not fetch the attachments of pages")
        parser.add_argument("--no-ocr", action="store_true", help="flag scanned PDFs instead of running OCR")
        parser.add_argument("--timeout", type=float, default=DEFAULT_LIMITS.timeout,
                            help="deadline in seconds for each whole download, its redirects included")
        parser.add_argument("--read-timeout", type=float, default=DEFAULT_LIMITS.read_timeout,
                            help="give up when no byte arrives for this many seconds")
        parser.add_argument("--max-bytes", type=int, default=DEFAULT_LIMITS.max_bytes, help="size cap per download")
        parser.add_argument("--workers", type=int, default=4, help="parallel downloads")
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        overrides = {k: options[k] for k in ("title", "issuer", "published_date", "url") if options.get(k)}
        if overrides and len(options["inputs"]) > 1:
            raise CommandError("--title, --issuer, --published-date and --url describe a single item")
        if options.get("policy"):
            from ccnt.tracker.models import Policy

            if len(options["inputs"]) > 1:
                raise CommandError("--policy describes a single item")
            if not Policy.objects.filter(pk=options["policy"]).exists():
                raise CommandError(f"--policy {options['policy']}: no such policy")
            overrides["policy_id"] = options["policy"]
        if options.get("actor"):
            from ccnt.ingest.commitments import resolve_actor

            try:
                overrides["actor"] = resolve_actor(options["actor"]).pk
            except LookupError as error:
                raise CommandError(str(error)) from error
        allowed = networks_from_options(options)
        run_options = Options(
            limits=settings_limits(max_bytes=options["max_bytes"], timeout=options["timeout"],
                                   read_timeout=options["read_timeout"]),
            allowed_networks=allowed,
            fetch_attachments=not options["no_attachments"], ocr=False if options["no_ocr"] else None,
            workers=max(1, options["workers"]),
        )
        from ccnt.ingest.pipeline import expand_inputs
        from ccnt.tracker.models import Indicator, Jurisdiction

        if not Jurisdiction.objects.exists() or not Indicator.objects.exists():
            self.stderr.write("warning: reference data is not loaded (run `ccnt demo`): no jurisdictions, "
                              "categories or targets can be recorded")

        total = len(expand_inputs(options["inputs"]))
        progress = Progress(total, stream=self.stderr._out, enabled=None if not options["no_progress"] else False)
        summary = run(options["inputs"], options=run_options, overrides=overrides, publish=options["publish"],
                      progress=progress)
        self.stdout.write(summary.as_json() if options["json"] else summary.render())
        if summary.outcomes and all(o.status in ("failed", "blocked") for o in summary.outcomes):
            raise CommandError("nothing could be ingested")
