"""An outbox row whose task never ran to its end is published again (same task id) once it has
been out for ``REDELIVER_FACTOR`` visibility timeouts — its message was lost on the way (a worker
killed between taking it off the Redis queue and recording it). A row whose task finished, or
failed for good, is never published again; one whose task will be retried is not finished."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ccnt.jobs import outbox
from ccnt.jobs.celery_app import make_app
from ccnt.jobs.models import Outbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_app(monkeypatch):
    """An app with a broker (kombu's in-memory one) that records what it publishes."""
    app = make_app("memory://", broker_transport_options={"visibility_timeout": 30})
    published: list[str] = []
    send_task = app.send_task
    monkeypatch.setattr(app, "send_task", lambda name, **kw: published.append(kw["task_id"]) or send_task(name, **kw))
    app.published = published
    return app


def age(row: Outbox, seconds: float) -> None:
    Outbox.objects.filter(pk=row.pk).update(sent_at=timezone.now() - timedelta(seconds=seconds))


def test_it_publishes_again_a_row_sent_long_ago_whose_task_never_finished(broker_app):
    row = Outbox.objects.create(task="ccnt.reindex_policy", args=[1])
    assert outbox.relay(app=broker_app).sent == [row.pk]
    assert outbox.relay(app=broker_app).sent == []  # just sent: its message may still be queued or running
    age(row, 45)  # under two visibility timeouts (2 × 30 s), with room for a slow machine
    assert outbox.relay(app=broker_app).sent == []
    age(row, 61)
    assert outbox.relay(app=broker_app).sent == [row.pk]
    assert broker_app.published == [row.task_id, row.task_id]
    row.refresh_from_db()
    assert row.attempts == 2 and row.sent_at > timezone.now() - timedelta(seconds=5) and row.done_at is None


def test_it_never_publishes_again_a_row_whose_task_finished(broker_app):
    finished = Outbox.objects.create(task="ccnt.reindex_policy", args=[1])
    failed = Outbox.objects.create(task="ccnt.reindex_policy", args=[2])
    retrying = Outbox.objects.create(task="ccnt.reindex_policy", args=[3])
    assert outbox.relay(app=broker_app).sent == [finished.pk, failed.pk, retrying.pk]
    assert outbox.mark_done(finished.task_id, "SUCCESS") and outbox.mark_done(failed.task_id, "FAILURE")
    assert not outbox.mark_done(retrying.task_id, "RETRY")  # its retry is a message that can be lost too
    assert not outbox.mark_done("4f1c0c1e-not-an-outbox-task", "SUCCESS")
    for row in (finished, failed, retrying):
        age(row, 3600)
    assert outbox.relay(app=broker_app).sent == [retrying.pk]


def test_it_marks_the_row_done_when_the_task_runs_to_its_end(draft_policy):
    from ccnt.jobs.tasks import reindex_policy

    row = Outbox.objects.create(task="ccnt.reindex_policy", args=[draft_policy.pk])
    reindex_policy.apply(args=row.args, task_id=row.task_id)  # task_postrun fires as on a worker
    row.refresh_from_db()
    assert row.done_at is not None


def test_it_gives_up_a_row_no_worker_ever_finishes(broker_app):
    row = Outbox.objects.create(task="ccnt.reindex_policy", args=[1])
    sent = 0
    for _ in range(outbox.MAX_PUBLISHES + 2):
        sent += len(outbox.relay(app=broker_app).sent)
        age(row, 3600)
    assert sent == outbox.MAX_PUBLISHES and broker_app.published == [row.task_id] * outbox.MAX_PUBLISHES


def test_it_marks_done_a_lost_row_whose_task_no_longer_exists(broker_app):
    row = Outbox.objects.create(task="ccnt.a_task_renamed_since", args=[1])
    Outbox.objects.filter(pk=row.pk).update(sent_at=timezone.now() - timedelta(hours=5), attempts=1)
    assert outbox.relay(app=broker_app).sent == []
    row.refresh_from_db()
    assert row.done_at is not None and "no such task" in row.last_error


def test_it_leaves_lost_rows_to_the_scheduled_relay_when_a_worker_starts(broker_app):
    lost = Outbox.objects.create(task="ccnt.reindex_policy", args=[1])
    outbox.relay(app=broker_app)
    age(lost, 3600)
    unsent = Outbox.objects.create(task="ccnt.reindex_policy", args=[2])
    assert outbox.relay(app=broker_app, lost=False).sent == [unsent.pk]
    assert outbox.relay(app=broker_app).sent == [lost.pk]


def test_it_counts_a_revoked_task_as_done():
    row = Outbox.objects.create(task="ccnt.reindex_policy", args=[1])
    assert outbox.mark_done(row.task_id, "REVOKED")
