"""``ccnt scheduler``: Celery beat with the schedule built from the Source rows (their cron
``schedule``), the daily and weekly digests and the outbox relay.

With a broker, run exactly one scheduler; it only sends tasks, the workers run them. Without a
broker (``make run``) the same schedule runs here, each task in this process."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Start the scheduler (Celery beat): scheduled crawls per source, alert digests, the outbox relay."

    def add_arguments(self, parser):
        parser.add_argument("--loglevel", "-l", default="info")
        parser.add_argument("--list", action="store_true", help="print the schedule and exit")

    def handle(self, *args, **options):
        from ccnt.jobs.celery_app import app
        from ccnt.jobs.schedule import build_schedule

        if options["list"]:
            for name, entry in build_schedule().items():
                self.stdout.write(f"{name}\t{entry['task']}{tuple(entry.get('args', ()))}\t{entry['schedule']}")
            return
        if not settings.CCNT_BROKER_URL:
            self.stdout.write("no CCNT_BROKER_URL: scheduled tasks run in this process")
        app.Beat(scheduler="ccnt.jobs.schedule:DatabaseScheduler", loglevel=options["loglevel"].upper(),
                 max_interval=5).run()
