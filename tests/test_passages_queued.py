"""With a broker, a publish queues the embedding of its new passages through the outbox (a worker
runs it after the commit); without one nothing is queued by the publish, so a web request never
embeds passages."""

from __future__ import annotations

import pytest
from django.db import transaction

from _search_helpers import make_policy
from ccnt.jobs import outbox
from ccnt.jobs.celery_app import make_app
from ccnt.jobs.models import Outbox
from ccnt.search import passages

pytestmark = pytest.mark.django_db
TEXT = "（一）清洁取暖\n推进北方地区冬季清洁取暖，以热泵和地热替代散煤燃烧。"


@pytest.fixture
def embeddings_on(settings):
    settings.CCNT_EMBEDDINGS = True


def test_it_queues_the_embedding_after_the_commit(embeddings_on, monkeypatch, django_capture_on_commit_callbacks):
    down = make_app("redis://127.0.0.1:1/0")  # a broker nothing listens on: the row stays pending
    monkeypatch.setattr(outbox, "get_app", lambda: down)
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            make_policy("清洁取暖方案", TEXT)
    row = Outbox.objects.get(task=passages.EMBED_TASK)
    assert row.sent_at is None and "broker unreachable" in row.last_error
    assert passages.pending_count() == 2  # a paragraph and the title passage: the publish itself embedded nothing
    monkeypatch.undo()  # no broker: the relay runs the task here, as a worker would
    assert outbox.relay().sent == [row.pk]
    assert passages.pending_count() == 0


def test_it_queues_nothing_without_a_broker(embeddings_on, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_policy("清洁取暖方案", TEXT)
    assert not Outbox.objects.filter(task=passages.EMBED_TASK).exists()
    assert passages.pending_count() == 2  # left for the worker or `ccnt reindex --embeddings`
