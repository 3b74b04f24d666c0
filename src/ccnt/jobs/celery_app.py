"""The Celery app. Its configuration comes from Django's settings (``CELERY_*``, built from
``CCNT_BROKER_URL`` in settings.py).

Without ``CCNT_BROKER_URL`` (``make run``) the app is *eager*: the outbox relay runs each task
in-process right after the transaction that asked for it commits, and ``ccnt scheduler`` runs
the schedule in its own process — nothing needs Redis to try the platform.
"""

from __future__ import annotations

from celery import Celery


def make_app(broker_url: str | None = None, **conf) -> Celery:
    app = Celery("ccnt")
    app.config_from_object("django.conf:settings", namespace="CELERY")
    if broker_url is not None:
        app.conf.broker_url = broker_url
        app.conf.task_always_eager = False
    app.conf.update(conf)
    app.conf.include = ["ccnt.jobs.tasks"]
    return app


app = make_app()


def is_eager(celery=None) -> bool:
    return bool((celery or app).conf.task_always_eager)
