"""A crawl as jobs: ``crawl_source`` fetches (``crawl.run.fetch_source``, as ``ccnt crawl``) and queues
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

from ccnt.ingest.crawl.run import crawl_options, crawled_item, fetch_source, settle
from ccnt.ingest.gazetteer_db import gazetteer_from_db
from ccnt.ingest.items import Outcome
from ccnt.ingest.models import Source
from ccnt.ingest.pipeline import ingest_item
from ccnt.ingest.store import Ingestor

from .locks import key_lock
from .outbox import enqueue

log = logging.getLogger(__name__)
INGEST_TASK = "ccnt.ingest_document"
_GAZETTEER: tuple[float, object] | None = None
GAZETTEER_TTL = 300


def fetch_and_queue(source, *, full: bool = False, since: str = "", max_pages: int | None = None,
                    allowed_networks: tuple[str, ...] = (), allow_loopback: bool = False,
                    politeness: dict | None = None, timeout: float = 3600, publish: bool = False) -> dict:
    """Fetch ``source`` through ``ccnt crawl``'s own path (``crawl.run.fetch_source``) and queue an
    ingest job per new or changed page. The queueing, the 304s and the source's crawl time commit
    together (the outbox), after the fetch: no transaction is held open while the site is crawled."""
    fetched = fetch_source(source, full=full, since=since, max_pages=max_pages, allowed_networks=allowed_networks,
                           allow_loopback=allow_loopback, politeness=politeness, timeout=timeout)
    fetched_at = fetched.fetched_at.isoformat()
    with transaction.atomic():
        for row in fetched.details:
            enqueue(INGEST_TASK, source.pk, row, fetched.attachments_of(row), fetched_at,
                    allowed_networks=list(allowed_networks), publish=publish)
        settle(fetched)
    return {"lists": len(fetched.lists), "queued": len(fetched.details), "unchanged": len(fetched.unchanged),
            "list_errors": sum(bool(row.get("error")) for row in fetched.lists)}


def _gazetteer():
    global _GAZETTEER
    if _GAZETTEER is None or time.monotonic() - _GAZETTEER[0] > GAZETTEER_TTL:
        _GAZETTEER = (time.monotonic(), gazetteer_from_db())
    return _GAZETTEER[1]


def ingest_page(source_id: int | None, row: dict, attachment_rows: list[dict], fetched_at: str, *,
                allowed_networks: tuple[str, ...] = (), publish: bool = False):
    """Parse, analyse and store one fetched page (with its attachments): ``crawl.run``'s loop
    body, as one job. Returns the ingest Outcome."""
    source = Source.objects.filter(pk=source_id).first() if source_id else None
    when = datetime.fromisoformat(fetched_at)
    options = crawl_options(allowed_networks)
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
