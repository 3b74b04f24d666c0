"""``ETag`` / ``Last-Modified`` for the API: a fingerprint of the public data, computed with a
few aggregate queries (cached for a moment in the process and dropped on every save), so a
conditional GET that matches is answered with 304 before any list is built."""

from __future__ import annotations

import hashlib
import threading
import time
from datetime import datetime

from django.db.models import Count, Max
from django.db.models.signals import m2m_changed, post_delete, post_save

from ccnt.actors.models import Actor, Commitment
from ccnt.reports.models import Report
from ccnt.search.index import generation
from ccnt.tracker.models import ChangeRecord, Document, Indicator, Jurisdiction, Policy, Target

TTL = 2.0  # seconds: another process's write is seen within this time
API_VERSION = "1"
_lock = threading.Lock()
_cached: tuple[float, str, datetime | None, int] | None = None


def _compute() -> tuple[str, datetime | None]:
    parts = [
        Policy.objects.aggregate(m=Max("updated_at"), c=Count("id"), p=Max("published_version_id")),
        Target.objects.aggregate(m=Max("id"), c=Count("id")),
        ChangeRecord.objects.order_by().aggregate(m=Max("at"), i=Max("id")),
        Report.objects.aggregate(m=Max("updated_at"), c=Count("id")),
        Document.objects.aggregate(m=Max("id"), c=Count("id")),
        Jurisdiction.objects.aggregate(c=Count("id")),
        Indicator.objects.aggregate(c=Count("id")),
        Actor.objects.aggregate(m=Max("updated_at"), c=Count("id")),
        Commitment.objects.aggregate(m=Max("updated_at"), c=Count("id")),
    ]
    fingerprint = hashlib.sha1(repr(parts).encode()).hexdigest()[:20]
    times = [p["m"] for p in (parts[0], parts[2], parts[3]) if isinstance(p.get("m"), datetime)]
    return fingerprint, max(times) if times else None


def data_stamp() -> tuple[str, datetime | None]:
    """The fingerprint, remembered for ``TTL`` seconds but never across a change of the public data's
    generation (``search.index.generation``, read once per request): the whole-answer cache stores
    this ETag beside a body built for the new generation, so a stale one would answer 304 with the
    old data for as long as the page stays cached. Rejected: the timer alone (a publish in another
    process went unseen for up to 2 s, then for the page cache's lifetime)."""
    global _cached
    now = time.monotonic()
    current = generation()
    cached = _cached
    if cached and now - cached[0] < TTL and cached[3] == current:
        return cached[1], cached[2]
    fingerprint, modified = _compute()
    with _lock:
        _cached = (now, fingerprint, modified, current)
    return fingerprint, modified


def invalidate(**kwargs) -> None:
    global _cached
    _cached = None


def etag_for(request, fingerprint: str, renderer_format: str) -> str:
    key = "|".join([API_VERSION, fingerprint, request.path, request.META.get("QUERY_STRING", ""), renderer_format])
    return 'W/"' + hashlib.sha1(key.encode()).hexdigest()[:24] + '"'


for _model in (Policy, Target, ChangeRecord, Report, Document, Jurisdiction, Indicator, Actor, Commitment):
    post_save.connect(invalidate, sender=_model, dispatch_uid=f"ccnt.api.stamp.save.{_model.__name__}")
    post_delete.connect(invalidate, sender=_model, dispatch_uid=f"ccnt.api.stamp.delete.{_model.__name__}")
m2m_changed.connect(invalidate, dispatch_uid="ccnt.api.stamp.m2m")
