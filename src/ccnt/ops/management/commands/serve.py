import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

# npm's echarts ships many builds and maps; the pages use echarts.min.js and map/json/china.json only.
# drf-spectacular's sidecar ships ReDoc beside Swagger UI; the API docs page is Swagger UI only
# (compressing ReDoc's bundle was a sixth of collectstatic's time).
COLLECT_IGNORE = ["echarts-en*", "echarts.js", "echarts.js.map", "echarts.common*", "echarts.simple*", "extension",
                  "china-cities.json", "china-contour.json", "world.json", "province", "redoc"]


def _default_workers() -> int:
    return min(2 * (os.cpu_count() or 1) + 1, 9)


class Command(BaseCommand):
    help = ("Run the site for local use at http://127.0.0.1:8000, or with --prod under gunicorn "
            "(production settings, static files collected and served by WhiteNoise, JSON request logs).")

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--prod", action="store_true",
                            help="gunicorn with production settings (needs CCNT_SECRET_KEY; see docs/operations.md)")
        parser.add_argument("--bind", default=settings.CCNT_BIND,
                            help="with --prod: address to listen on (default CCNT_BIND or the addrport argument)")
        parser.add_argument("--workers", type=int, default=settings.CCNT_WEB_WORKERS,
                            help="with --prod: worker processes (default CCNT_WEB_WORKERS or 2×CPUs+1, at most 9)")
        parser.add_argument("--threads", type=int, default=settings.CCNT_WEB_THREADS,
                            help="with --prod: threads per worker (default CCNT_WEB_THREADS or 4)")
        parser.add_argument("--timeout", type=int, default=settings.CCNT_WEB_TIMEOUT,
                            help="with --prod: seconds before a silent worker is restarted")
        parser.add_argument("--no-collectstatic", action="store_true",
                            help="with --prod: skip collectstatic (it already ran at deploy time)")

    def handle(self, *args, **options):
        if not options["prod"]:
            call_command("runserver", options["addrport"], use_reloader=False)
            return
        env = {**os.environ, "CCNT_PRODUCTION": "1"}
        env.pop("CCNT_DEBUG", None)
        if len(env.get("CCNT_SECRET_KEY", "")) < 50:
            raise CommandError("--prod needs CCNT_SECRET_KEY: 50 or more random characters, e.g. "
                               "python -c 'import secrets; print(secrets.token_urlsafe(60))'")
        if not options["no_collectstatic"]:
            # in a child process: this one was set up without the production settings
            result = subprocess.run([sys.executable, "-m", "ccnt.cli", "collectstatic", "--noinput", "-v0",
                                     *(arg for pattern in COLLECT_IGNORE for arg in ("-i", pattern))], env=env)
            if result.returncode:
                raise CommandError("collectstatic failed")
        bind = options["bind"] or options["addrport"]
        workers = options["workers"] or _default_workers()
        command = [
            sys.executable, "-m", "gunicorn", "ccnt.wsgi:application",
            "--bind", bind, "--workers", str(workers), "--threads", str(max(options["threads"], 1)),
            "--worker-class", "gthread" if options["threads"] > 1 else "sync",
            "--timeout", str(options["timeout"]), "--graceful-timeout", "30",
            "--max-requests", "2000", "--max-requests-jitter", "200",
            # requests are logged by ccnt.ops.middleware.RequestLogMiddleware (one JSON line each)
            "--error-logfile", "-", "--log-level", settings.CCNT_GUNICORN_LOG_LEVEL,
            "--forwarded-allow-ips", settings.CCNT_FORWARDED_ALLOW_IPS,
        ]
        self.stderr.write(f"gunicorn on {bind}: {workers} workers × {options['threads']} threads")
        sys.stderr.flush()
        os.execvpe(command[0], command, env)  # gunicorn takes over this process (signals, systemd)
