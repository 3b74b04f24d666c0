"""A crawl as jobs: ``crawl_source`` fetches (the Scrapy process, as ``ccnt crawl``) and queues
one ``ingest_document`` job per fetched page, so the parsing and analysis of the pages spread
over every worker. The fetched bytes wait in the content-addressed archive (``ARCHIVE_DIR``,
shared by every machine), the jobs carry only the manifest rows.

Both steps are idempotent: a crawl run again is incremental (known pages are skipped or
revalidated) and ingest finds a page it stored before by URL, bytes or text, so a job that
runs twice (a worker killed mid-task) stores nothing twice.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .locks import key_lock
from .outbox import enqueue

log = logging.getLogger(__name__)
INGEST_TASK = "ccnt.ingest_document"
_GAZETTEER: tuple[float, object] | None = None
GAZETTEER_TTL = 300


def fetch_and_queue(source, *, full: bool = False, since: str = "", max_pages: int | None = None,
                    allowed_networks: tuple[str, ...] = (), politeness: dict | None = None, timeout: float = 3600,
                    publish: bool = False) -> dict:
    """Run the fetch process for ``source`` and queue an ingest job per new or changed page."""
    from django.conf import settings

    from ccnt.ingest.archive import default_archive
    from ccnt.ingest.crawl.run import config_of, known_urls, run_process
    from ccnt.ingest.models import FetchedUrl
    from ccnt.ingest.store import url_hash

    config = config_of(source)
    if since:
        config["since"] = since
    if max_pages:
        config["pagination"] = {**config.get("pagination", {}), "max_pages": max_pages}
    if politeness:
        config["politeness"] = {**config["politeness"], **politeness}
    archive = default_archive()
    job = {"config": config, "known": {} if full else known_urls(source), "archive_dir": str(archive.root),
           "full": full, "allowed_networks": list(allowed_networks),
           "cache_dir": str(settings.VAR_DIR / "crawl-cache" / source.slug)}
    rows, stats = run_process(job, timeout)
    fetched_at = timezone.now().isoformat()
    attachments: dict[str, list[dict]] = {}
    for row in rows:
        if row["kind"] == "attachment":
            attachments.setdefault(row.get("parent", ""), []).append(row)
    counts = {"lists": 0, "queued": 0, "unchanged": 0, "list_errors": 0}
    with transaction.atomic():
        for row in rows:
            if row["kind"] == "list":
                counts["lists"] += 1
                counts["list_errors"] += bool(row.get("error"))
            elif row["kind"] == "detail" and row.get("unchanged"):
                counts["unchanged"] += 1
                FetchedUrl.objects.filter(url_hash=url_hash(row["url"])).update(fetched_at=timezone.now())
            elif row["kind"] == "detail":
                enqueue(INGEST_TASK, source.pk, row, attachments.get(row["url"], []), fetched_at,
                        allowed_networks=list(allowed_networks), publish=publish)
                counts["queued"] += 1
        source.last_crawled_at = timezone.now()
        source.save(update_fields=["last_crawled_at"])
    return counts


def _gazetteer():
    global _GAZETTEER
    from ccnt.ingest.gazetteer_db import gazetteer_from_db

    if _GAZETTEER is None or time.monotonic() - _GAZETTEER[0] > GAZETTEER_TTL:
        _GAZETTEER = (time.monotonic(), gazetteer_from_db())
    return _GAZETTEER[1]


def ingest_page(source_id: int | None, row: dict, attachment_rows: list[dict], fetched_at: str, *,
                allowed_networks: tuple[str, ...] = (), publish: bool = False):
    """Parse, analyse and store one fetched page (with its attachments): ``crawl.run``'s loop
    body, as one job. Returns the ingest Outcome."""
    from ccnt.ingest.crawl.run import crawled_item
    from ccnt.ingest.items import Outcome
    from ccnt.ingest.models import Source
    from ccnt.ingest.pipeline import Options, ingest_item, settings_limits
    from ccnt.ingest.store import Ingestor

    source = Source.objects.filter(pk=source_id).first() if source_id else None
    when = datetime.fromisoformat(fetched_at)
    options = Options(allowed_networks=tuple(allowed_networks), limits=settings_limits())
    with key_lock(f"ingest:{row['url']}") as held:
        if not held:
            raise TimeoutError(f"another job holds {row['url']}")
        outcome = None
        for attempt in range(3):
            # a fresh Ingestor each try: its caches (authorities, titles) must see what other
            # workers committed meanwhile
            ingestor = Ingestor(publish=publish, gazetteer=_gazetteer())
            item = crawled_item(row, attachment_rows, ingestor.archive, when, options, source)
            outcome: Outcome = ingest_item(ingestor, item)
            # two workers creating the same new authority or document at once: one loses the
            # unique index race, its item rolled back whole; the next try finds the row
            if outcome.status == "failed" and "IntegrityError" in outcome.reason and attempt < 2:
                log.info("ingest of %s lost a race (%s); trying again", row["url"], outcome.reason)
                continue
            break
        return outcome


def enqueue_crawls(sources, options: dict, allowed_networks: tuple[str, ...]) -> list[str]:
    """``ccnt crawl --enqueue``: one ``crawl_source`` job per source, through the outbox."""
    lines = []
    with transaction.atomic():
        for source in sources:
            enqueue("ccnt.crawl_source", source.pk, full=bool(options.get("full")), since=options.get("since") or "",
                    max_pages=options.get("max_pages"), allowed_networks=list(allowed_networks),
                    publish=bool(options.get("publish")), delay=options.get("delay"))
            lines.append(f"queued a crawl of {source.slug}")
    return lines
