"""``ccnt send_digests daily|weekly [--at ISO-TIME]``: send the alert digests of one frequency now
(the scheduler does this at CCNT_DIGEST_DAILY_CRON / CCNT_DIGEST_WEEKLY_CRON). Safe to repeat: a
saved search gets at most one digest per day (daily) or ISO week (weekly)."""

from __future__ import annotations

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from ccnt.alerts.digests import send_digests


class Command(BaseCommand):
    help = "Send the daily or weekly alert digests (at most one per saved search and period)."

    def add_arguments(self, parser):
        parser.add_argument("frequency", choices=["daily", "weekly"])
        parser.add_argument("--at", help="run as if at this time (ISO 8601): the period and window end")

    def handle(self, *args, **options):
        try:
            now = datetime.fromisoformat(options["at"]) if options["at"] else None
        except ValueError as error:
            raise CommandError(f"--at: {error}") from error
        run = send_digests(options["frequency"], now=now)
        self.stdout.write(f"{run.frequency} digests for {run.period}: {len(run.sent)} sent, {run.empty} with nothing "
                          f"new, {run.skipped} already sent, {len(run.failed)} failed")
        for pk, detail in run.failed.items():
            self.stderr.write(f"saved search {pk}: {detail}")
