"""``ccnt worker [celery worker options]``: a Celery worker with the project's app."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = ("Start a Celery worker (needs CCNT_BROKER_URL, e.g. redis://127.0.0.1:6379/0). Extra options go to "
            "`celery worker`, e.g. `ccnt worker --concurrency 2 --hostname w1@%h`.")

    def add_arguments(self, parser):
        parser.add_argument("--concurrency", "-c", type=int, default=None, help="worker processes (default: cores)")
        parser.add_argument("--loglevel", "-l", default="info")
        parser.add_argument("--hostname", "-n", default=None)
        parser.add_argument("--pool", "-P", default=None, help="prefork (default), solo, threads")
        parser.add_argument("--queues", "-Q", default=None)
        parser.add_argument("--max-tasks-per-child", type=int, default=None)

    def handle(self, *args, **options):
        if not settings.CCNT_BROKER_URL:
            raise CommandError("CCNT_BROKER_URL is not set: without a broker every job runs in-process (in the web "
                               "server, the command that asked for it, or `ccnt scheduler`); no worker is needed.")
        from ccnt.jobs.celery_app import app

        argv = ["worker", "--loglevel", options["loglevel"]]
        for name in ("concurrency", "hostname", "pool", "queues", "max_tasks_per_child"):
            if options[name] is not None:
                argv += [f"--{name.replace('_', '-')}", str(options[name])]
        app.worker_main(argv)
