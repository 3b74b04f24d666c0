"""Jobs are requested through the outbox, in the caller's transaction: a rolled-back request
leaves no job, a committed one always does, and a broker that is down delays the job — the page
still answers at once — until a relay publishes it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction
from kombu.exceptions import OperationalError

from ccnt.jobs import outbox
from ccnt.jobs.celery_app import make_app
from ccnt.jobs.models import Outbox

from ._timing import assert_not_slower, wall_seconds

pytestmark = pytest.mark.django_db
PASSWORD = "Carbon-neutral-2060!"


def test_it_leaves_no_job_behind_a_rolled_back_transaction(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                outbox.enqueue("ccnt.reindex_policy", 1)
                raise RuntimeError("the request failed")
    assert not Outbox.objects.exists() and not callbacks


def test_it_runs_a_committed_job_in_process_without_a_broker(django_capture_on_commit_callbacks, draft_policy):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            row = outbox.enqueue("ccnt.reindex_policy", draft_policy.pk)
        assert Outbox.objects.get(pk=row.pk).sent_at is None  # nothing runs before the commit
    row.refresh_from_db()
    assert row.sent_at is not None and row.attempts == 1 and row.last_error == ""


def test_it_answers_the_page_when_the_broker_is_down_and_sends_later(client, monkeypatch,
                                                                      django_capture_on_commit_callbacks):
    def register(email: str):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/accounts/register/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})

    # the baseline: the same page with no broker to wait for (the job runs in-process); it also
    # pays what any first request pays (templates, the password lists)
    baseline, response = wall_seconds(lambda: register("baseline@example.org"))
    assert response.status_code == 200 and len(mail.outbox) == 1
    Outbox.objects.all().delete()
    mail.outbox.clear()

    down = make_app("redis://127.0.0.1:1/0")  # nothing listens on port 1
    monkeypatch.setattr(outbox, "get_app", lambda: down)
    with down.connection_for_write() as connection:  # the first connection loads the transport (once a process)
        with pytest.raises(OperationalError):
            connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0.1, interval_max=0.1)
    down_seconds, response = wall_seconds(lambda: register("late@example.org"))
    assert response.status_code == 200
    # the page answered at once: no slower than the baseline, plus the fraction of a second
    # ``outbox.relay`` allows a dead broker
    assert_not_slower(down_seconds, baseline, allowance=1.0, label="register with the broker down")
    row = Outbox.objects.get(task="ccnt.send_confirmation")
    assert row.sent_at is None and "broker unreachable" in row.last_error
    assert mail.outbox == []

    # the broker is back (here: no broker, so the relay runs the job in-process)
    monkeypatch.undo()
    result = outbox.relay()
    assert result.sent == [row.pk]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["late@example.org"]
    assert outbox.pending_count() == 0
