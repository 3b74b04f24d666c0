"""The tasks. Every one that stores is idempotent (an account email may go out twice) and acknowledged late (``task_acks_late``, and rejected —
so redelivered — when its worker process dies, ``task_reject_on_worker_lost``): a worker killed
mid-task loses nothing, and the task running again duplicates nothing. A task that ran to its end
marks its outbox row done; a message a dying worker took off the queue before recording it is
published again from the outbox (``ccnt.jobs.outbox``).

* ``ccnt.crawl_source(source_id)``      fetch a site, queue ``ingest_document`` per page
* ``ccnt.ingest_document(...)``         parse + analyse + store one page (ingest dedups)
* ``ccnt.reindex_policy(policy_id)``    the search index of one policy (``reindex_policies`` for many)
* ``ccnt.embed_passages()``            embed the passages of meaning search not embedded yet (one thread)
* ``ccnt.send_digests(frequency)``      alert digests, once per saved search and period
* ``ccnt.send_confirmation(user_id)``   a reader's email confirmation link
* ``ccnt.send_password_reset(user_id)`` a reader's password-reset link (``send_account_exists``:
  the "you already have an account" email for a registration of a known address)
* ``ccnt.relay_outbox()``               publish outbox rows a broker outage left pending
"""

from __future__ import annotations

import logging

from celery import shared_task

log = logging.getLogger(__name__)


@shared_task(name="ccnt.crawl_source", bind=True)
def crawl_source(self, source_id: int, full: bool = False, since: str = "", max_pages: int | None = None,
                 allowed_networks: list[str] | None = None, publish: bool = False, delay: float | None = None,
                 allow_private: bool | None = None) -> dict:
    """``allowed_networks``: private networks this crawl may fetch (None: ``CCNT_ALLOW_NETWORKS``).
    ``allow_private`` (jobs queued before the network list) is ignored: it opened every range."""
    from ccnt.ingest.models import Source
    from ccnt.ingest.safety import allowed_networks as configured_networks

    from .crawl import fetch_and_queue
    from .locks import key_lock

    source = Source.objects.filter(pk=source_id, enabled=True).first()
    if source is None:
        return {"skipped": "no such enabled source"}
    with key_lock(f"crawl:{source_id}", blocking=False) as held:
        if not held:
            return {"skipped": "a crawl of this source is running"}
        politeness = {"download_delay": delay} if delay is not None else None
        counts = fetch_and_queue(source, full=full, since=since, max_pages=max_pages, politeness=politeness,
                                 allowed_networks=configured_networks(allowed_networks or ()),
                                 publish=publish)
    log.info("crawl of %s: %s", source.slug, counts)
    return counts


@shared_task(name="ccnt.ingest_document", bind=True, max_retries=5)
def ingest_document(self, source_id: int | None, row: dict, attachments: list[dict], fetched_at: str,
                    allowed_networks: list[str] | None = None, publish: bool = False,
                    allow_private: bool | None = None) -> dict:
    """``allow_private`` (jobs queued before the network list) is ignored."""
    from ccnt.ingest.safety import allowed_networks as configured_networks

    from .crawl import ingest_page

    try:
        outcome = ingest_page(source_id, row, attachments, fetched_at,
                              allowed_networks=configured_networks(allowed_networks or ()), publish=publish)
    except TimeoutError as error:
        raise self.retry(exc=error, countdown=5) from error
    return {"status": outcome.status, "policy_id": outcome.policy_id, "reason": outcome.reason}


@shared_task(name="ccnt.reindex_policy")
def reindex_policy(policy_id: int) -> int:
    from ccnt.search.index import reindex_ids

    return reindex_ids([policy_id])


@shared_task(name="ccnt.reindex_policies")
def reindex_policies(policy_ids: list[int]) -> int:
    from ccnt.search.index import reindex_ids

    return reindex_ids(policy_ids)


@shared_task(name="ccnt.embed_passages")
def embed_passages(limit: int | None = None) -> int:
    """Embed what is pending (``ccnt.search.passages.embed_pending``) with the worker's one thread
    (``CCNT_EMBED_THREADS``); one run at a time — a second, queued by another publish, returns at
    once (the running one picks up whatever is pending when it lists its work, the next scheduled or
    queued run the rest). Idempotent: a vector written twice is ignored."""
    from ccnt.search.embedder import enabled
    from ccnt.search.passages import embed_pending

    from .locks import key_lock

    if not enabled():
        return 0
    with key_lock("embed-passages", blocking=False) as held:
        if not held:
            return 0
        return embed_pending(limit=limit)


@shared_task(name="ccnt.warm_pages")
def warm_pages(paths: list[str]) -> int:
    """Render the pages a publish renewed into the shared cache (``ccnt.ops.pagecache.warm``)."""
    from ccnt.ops.pagecache import warm

    return warm(paths)


@shared_task(name="ccnt.send_digests")
def send_digests(frequency: str, at: str | None = None) -> dict:
    from datetime import datetime

    from ccnt.alerts.digests import send_digests as run

    return run(frequency, now=datetime.fromisoformat(at) if at else None).as_dict()


@shared_task(name="ccnt.send_confirmation")
def send_confirmation(user_id: int, base_url: str) -> bool:
    from ccnt.accounts.emails import send_confirmation as run

    return run(user_id, base_url)


@shared_task(name="ccnt.send_password_reset")
def send_password_reset(user_id: int, base_url: str) -> bool:
    from ccnt.accounts.emails import send_password_reset as run

    return run(user_id, base_url)


@shared_task(name="ccnt.send_account_exists")
def send_account_exists(user_id: int, base_url: str) -> bool:
    from ccnt.accounts.emails import send_account_exists as run

    return run(user_id, base_url)


@shared_task(name="ccnt.relay_outbox")
def relay_outbox() -> int:
    from .outbox import relay

    return len(relay().sent)


def _relay_on_worker_start(**kwargs) -> None:
    """A worker coming up publishes what an outage left unpublished in the outbox; lost rows it leaves
    to the scheduled relay, which runs behind the queue (after a backlog, a starting worker would
    publish again rows still waiting in it)."""
    from .outbox import relay

    try:
        relay(lost=False)
    except Exception as error:  # noqa: BLE001 - never stops a worker from starting
        log.warning("outbox relay on worker start failed: %s", error)


def _mark_outbox_row_done(task_id=None, state=None, **kwargs) -> None:
    """A task that ran to its end marks its outbox row done (``outbox.mark_done``): a row published
    and never done was lost on the way, and the relay publishes it again."""
    from .outbox import mark_done

    mark_done(task_id, state)


def _mark_revoked_done(request=None, **kwargs) -> None:
    """A revoked task never runs: its outbox row is done (never published again)."""
    from .outbox import mark_done

    mark_done(getattr(request, "id", None), "REVOKED")


def connect_signals() -> None:
    from celery.signals import task_postrun, task_revoked, worker_ready

    worker_ready.connect(_relay_on_worker_start, dispatch_uid="ccnt.jobs.relay_on_start", weak=False)
    task_postrun.connect(_mark_outbox_row_done, dispatch_uid="ccnt.jobs.outbox_done", weak=False)
    task_revoked.connect(_mark_revoked_done, dispatch_uid="ccnt.jobs.outbox_revoked", weak=False)


connect_signals()
