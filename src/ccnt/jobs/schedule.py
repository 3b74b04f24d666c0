"""The beat schedule: one entry per enabled Source with a cron ``schedule``, the daily and
weekly alert digests, the outbox relay, and (embeddings on) the embedding of pending passages. ``DatabaseScheduler`` rebuilds it from the Source
rows every minute, so a curator's change needs no restart."""

from __future__ import annotations

import logging
import time

from celery import beat
from celery.schedules import crontab, schedule
from django.conf import settings

log = logging.getLogger(__name__)
ALIASES = {"@hourly": "0 * * * *", "@daily": "0 3 * * *", "@midnight": "0 0 * * *", "@weekly": "0 3 * * 1",
           "@monthly": "0 3 1 * *"}
RELOAD_SECONDS = 60
EMBED_SECONDS = 300  # the passages of meaning search left unembedded are picked up this often


def parse_cron(expression: str) -> crontab:
    """``m h dom mon dow`` (or @hourly, @daily, @weekly, @monthly) → a Celery crontab."""
    text = ALIASES.get(expression.strip(), expression.strip())
    fields = text.split()
    if len(fields) != 5:
        raise ValueError(f"expected five cron fields (minute hour day month weekday), got {expression!r}")
    minute, hour, day, month, weekday = fields
    return crontab(minute=minute, hour=hour, day_of_month=day, month_of_year=month, day_of_week=weekday)


def build_schedule() -> dict[str, dict]:
    from ccnt.ingest.models import Source

    entries: dict[str, dict] = {
        "digests-daily": {"task": "ccnt.send_digests", "schedule": parse_cron(settings.CCNT_DIGEST_DAILY_CRON),
                          "args": ("daily",)},
        "digests-weekly": {"task": "ccnt.send_digests", "schedule": parse_cron(settings.CCNT_DIGEST_WEEKLY_CRON),
                           "args": ("weekly",)},
        "outbox-relay": {"task": "ccnt.relay_outbox", "schedule": schedule(settings.CCNT_OUTBOX_RELAY_SECONDS)},
    }
    if settings.CCNT_EMBEDDINGS:
        # what no queued task embedded (no broker: the scheduler's own process embeds, never the web's)
        entries["embed-passages"] = {"task": "ccnt.embed_passages", "schedule": schedule(EMBED_SECONDS)}
    for source in Source.objects.filter(enabled=True).exclude(schedule="").order_by("slug"):
        try:
            cron = parse_cron(source.schedule)
        except ValueError as error:
            log.warning("source %s: bad schedule %r: %s", source.slug, source.schedule, error)
            continue
        entries[f"crawl:{source.slug}"] = {"task": "ccnt.crawl_source", "schedule": cron, "args": (source.pk,)}
    return entries


class DatabaseScheduler(beat.Scheduler):
    """Celery beat's scheduler with the entries of ``build_schedule``, re-read every minute.
    State is not kept on disk: after a restart each cron entry waits for its next time."""

    def __init__(self, *args, **kwargs):
        self._loaded_at = 0.0
        super().__init__(*args, **kwargs)

    def setup_schedule(self):
        self._reload()

    def _reload(self):
        from django.db import close_old_connections

        close_old_connections()
        try:
            entries = build_schedule()
        except Exception as error:  # noqa: BLE001 - a database hiccup keeps the last schedule
            log.warning("could not read the schedule: %s", error)
            return
        self.merge_inplace(entries)
        self._loaded_at = time.monotonic()

    def tick(self, *args, **kwargs):
        if time.monotonic() - self._loaded_at > RELOAD_SECONDS:
            self._reload()
        return super().tick(*args, **kwargs)
