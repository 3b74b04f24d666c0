"""``enqueue`` writes an outbox row in the caller's transaction; ``relay`` publishes pending rows.

    with transaction.atomic():
        source.save()
        enqueue("ccnt.crawl_source", source.pk)      # the row commits with the source, or not at all

After the commit the row is relayed at once (``transaction.on_commit``): published to the broker,
or — with no broker configured — run in-process. A failure there is recorded on the row and never
raised into the page; the ``relay_outbox`` task (every few seconds under ``ccnt scheduler``) and
every worker start publish what is still pending. Publication is at least once (a relay killed
between publishing and marking re-publishes the row, with the same task id): every task that
stores is idempotent (an account email sent twice is the one visible repeat).

Delivery is at least once too, through the outbox: a worker marks the row done when its task
has run to its end (``mark_done``, on ``task_postrun``), and the relay publishes again a row sent
more than ``REDELIVER_FACTOR`` visibility timeouts ago and never done. Redis alone does not cover
every death: a worker takes a message off the queue (``BRPOP``) and only then records it as
unacknowledged (a second command); killed between the two, it takes the message with it, and no
visibility timeout ever brings it back. Rejected: trusting the broker's redelivery alone (a task
was lost that way, tests/test_jobs_worker_killed.py), and re-publishing after one visibility
timeout (a task Redis is about to redeliver, or one waiting behind a long queue, would run twice
more often; twice is wasted work — the tasks that store are idempotent, an account email may go out
twice — and a row is published at most ``MAX_PUBLISHES`` times in all).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import Outbox

log = logging.getLogger(__name__)
CLAIM_SECONDS = 60
MAX_EAGER_ATTEMPTS = 3
REDELIVER_FACTOR = 2
# a row is published at most this many times in all: a task no worker ever finishes (its name gone,
# revoked, a process that dies on it every time) is given up, not published every two timeouts forever
MAX_PUBLISHES = 4
# the states in which a task has run to its end (or never will): its row is done
DONE_STATES = ("SUCCESS", "FAILURE", "REVOKED", "REJECTED", "IGNORED")
DEFAULT_VISIBILITY_TIMEOUT = 3600  # kombu's, when the settings name none


def get_app():
    from .celery_app import app

    return app


def enqueue(task: str, *args, **kwargs) -> Outbox:
    """Queue ``task(*args, **kwargs)`` (JSON-serialisable) with the current transaction."""
    row = Outbox.objects.create(task=task, args=list(args), kwargs=kwargs)
    transaction.on_commit(lambda: relay_safely([row.pk]))
    return row


@dataclass
class RelayResult:
    sent: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)


def redeliver_after(app) -> timedelta:
    """How long a published row may stay not done before it counts as lost."""
    options = app.conf.broker_transport_options or {}
    return timedelta(seconds=REDELIVER_FACTOR * float(options.get("visibility_timeout", DEFAULT_VISIBILITY_TIMEOUT)))


def _lost(app) -> Q:
    """Rows published long ago whose task never finished (the message was lost), fewer than
    ``MAX_PUBLISHES`` times."""
    return Q(done_at__isnull=True, sent_at__lt=timezone.now() - redeliver_after(app), attempts__lt=MAX_PUBLISHES)


def _to_publish(app, eager: bool, lost: bool = True) -> Q:
    """Rows never published, and (with a broker, ``lost``) the lost ones. Eager runs need no second
    look: the relay ran the task itself."""
    unsent = Q(sent_at__isnull=True)
    if eager or not lost:
        return unsent
    return unsent | _lost(app)


def _claim(pk: int, wanted: Q) -> bool:
    now = timezone.now()
    return bool(Outbox.objects.filter(wanted, pk=pk)
                .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
                .update(claimed_until=now + timedelta(seconds=CLAIM_SECONDS)))


def relay(ids: list[int] | None = None, limit: int = 500, app=None, lost: bool = True) -> RelayResult:
    """Publish (or, eager, run) pending rows, oldest first, and publish again the rows whose
    message was lost (``_to_publish``; not with ``lost=False``, as a worker starting after a backlog
    would publish again what is still queued). On a broker error the rest stays pending for the next
    relay. The two kinds are listed by two queries, each on its own partial index (one OR scans the
    table on SQLite)."""
    app = app or get_app()
    eager = bool(app.conf.task_always_eager)
    wanted = _to_publish(app, eager, lost)
    kinds = [Q(sent_at__isnull=True)] + ([_lost(app)] if lost and not eager else [])
    rows: list[Outbox] = []
    for kind in kinds:
        pending = Outbox.objects.filter(kind)
        if ids is not None:
            pending = pending.filter(pk__in=ids)
        elif eager:
            pending = pending.filter(attempts__lt=MAX_EAGER_ATTEMPTS)
        rows.extend(pending.order_by("id")[:limit])
    rows = sorted(rows, key=lambda row: row.pk)[:limit]
    result = RelayResult()
    if not rows:
        return result
    rows = _drop_unknown(app, rows)
    lost_rows = [row.pk for row in rows if row.sent_at is not None]
    if lost_rows:
        log.warning("outbox: %d row(s) published long ago and never finished (lost on the way): "
                    "publishing them again: %s", len(lost_rows), lost_rows)
    if eager:
        _relay_rows(app, rows, None, result, wanted)
        return result
    with app.connection_for_write() as connection:
        try:
            # one quick try: a page waits a fraction of a second for a broker that is down, not minutes
            connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0.1, interval_max=0.1)
        except Exception as error:  # noqa: BLE001
            message = f"broker unreachable: {type(error).__name__}: {error}"[:2000]
            Outbox.objects.filter(pk__in=[r.pk for r in rows]).update(attempts=F("attempts") + 1, last_error=message)
            log.warning("outbox: %s; %d row(s) stay pending", message, len(rows))
            result.failed.update({row.pk: message for row in rows})
            return result
        _relay_rows(app, rows, connection, result, wanted)
    return result


def _drop_unknown(app, rows: list[Outbox]) -> list[Outbox]:
    """``rows`` without the lost rows of tasks this code no longer has (renamed or removed): a worker
    would drop their message unrun, so they are marked done with the reason instead."""
    gone = [row.pk for row in rows if row.sent_at is not None and row.task not in app.tasks]
    if gone:
        Outbox.objects.filter(pk__in=gone).update(done_at=timezone.now(), last_error="no such task: never run again")
        log.warning("outbox: %d lost row(s) name a task that no longer exists, given up: %s", len(gone), gone)
    return [row for row in rows if row.pk not in gone]


def _relay_rows(app, rows: list[Outbox], connection, result: RelayResult, wanted: Q) -> None:
    eager = connection is None
    for row in rows:
        if not _claim(row.pk, wanted):
            continue  # another relay has it
        try:
            if eager:
                outcome = app.tasks[row.task].apply(args=row.args, kwargs=row.kwargs, task_id=row.task_id)
                if outcome.failed():
                    raise outcome.result
            else:
                app.send_task(row.task, args=row.args, kwargs=row.kwargs, task_id=row.task_id, retry=False,
                              connection=connection)
        except Exception as error:  # noqa: BLE001 - recorded on the row, retried by the next relay
            message = f"{type(error).__name__}: {error}"[:2000]
            Outbox.objects.filter(pk=row.pk).update(attempts=F("attempts") + 1, last_error=message, claimed_until=None)
            result.failed[row.pk] = message
            log.warning("outbox row %s (%s) not relayed: %s", row.pk, row.task, message)
            if not eager:
                break  # the broker is unreachable: keep the order, try again later
            continue
        Outbox.objects.filter(pk=row.pk).update(sent_at=timezone.now(), attempts=F("attempts") + 1, claimed_until=None)
        result.sent.append(row.pk)


def relay_safely(ids: list[int] | None = None) -> RelayResult:
    """``relay`` for on-commit hooks: never raises (a page must not fail because of the broker)."""
    try:
        return relay(ids)
    except Exception as error:  # noqa: BLE001
        log.warning("outbox relay failed: %s", error)
        return RelayResult(failed={pk: str(error) for pk in ids or []})


def pending_count() -> int:
    return Outbox.objects.filter(sent_at__isnull=True).count()


def mark_done(task_id: str | None, state: str | None) -> bool:
    """Record that the task of an outbox row ran to its end: succeeded, failed for good, or will
    never run (revoked, rejected, ignored). A task that will be retried (state RETRY) is not done:
    its retry is a new message, which can be lost like the first. Never raises: a row left not done
    is at worst published again, up to ``MAX_PUBLISHES`` times in all."""
    if not task_id or not task_id.startswith("outbox-") or state not in DONE_STATES:
        return False
    try:
        pk = int(task_id.removeprefix("outbox-"))
        return bool(Outbox.objects.filter(pk=pk, done_at__isnull=True).update(done_at=timezone.now()))
    except Exception as error:  # noqa: BLE001
        log.warning("outbox: could not mark %s done: %s", task_id, error)
        return False
