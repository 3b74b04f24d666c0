"""Signals that keep the index in step: a policy, its many-to-many fields (issuers,
jurisdictions, sectors, topics), its published version's text or its targets change.

Only what is public is indexed, so a change to a policy that is neither public nor in the index
(a draft being ingested or edited in the review queue) does nothing here: no index write, no
new cache generation, no build bookkeeping — at most one primary-key lookup that says so, and
none for a policy created as a draft. Rejected: running the full reindex for every save and
letting it find nothing to write (15% of ingest time, and a new generation per draft target,
which emptied every cache while curators worked).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save

from ccnt.tracker.models import (
    Authority,
    Category,
    Document,
    Indicator,
    Jurisdiction,
    Policy,
    PolicyIssuer,
    PolicyRelation,
    PolicyVersion,
    Sector,
    Target,
    Topic,
)
from ccnt.tracker.models.review import ReviewState

from . import index, vectors
from .embedder import enabled

_UID = "ccnt.search"


def _in_scope(ids: Iterable[int]) -> set[int]:
    """The policies among ``ids`` that the index must follow: public ones, or any that still has
    an index row (it must be removed). One query."""
    ids = [pk for pk in ids if pk]
    if not ids:
        return set()
    return set(Policy.objects.filter(pk__in=ids)
               .filter(Q(review_state=ReviewState.PUBLISHED) | Q(search_index__isnull=False))
               .values_list("pk", flat=True))


def _policy_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    if instance.review_state == ReviewState.PUBLISHED or (not created and _in_scope([instance.pk])):
        # (a new row has no index row to remove)
        index.schedule(instance.pk)
        # lists and pages show fields the index does not hold (status, dates, links)
        index.bump()
        index.touch([instance.pk])


def _policy_deleted(sender, instance, **kwargs):
    if instance.review_state == ReviewState.PUBLISHED:
        index.bump()  # its index rows went with it (cascade)
        if enabled():
            vectors.bump()  # and its passages: the vector index reloads
        index.touch_catalogue()  # which regions it was in went with them: every scoped page


def _child_changed(sender, instance, raw=False, origin=None, **kwargs):
    if raw or not instance.policy_id:
        return
    if isinstance(origin, Policy) or getattr(origin, "model", None) is Policy:
        return  # deleted along with its policy: the index row goes by cascade
    row = (Policy.objects.filter(pk=instance.policy_id)
           .values_list("review_state", "published_version_id", "search_index__policy_id").first())
    if row is None:
        return
    state, published, indexed = row
    if state != ReviewState.PUBLISHED and indexed is None:
        return  # a draft's version, target or issuer: nothing public changed
    if sender is PolicyVersion and published != instance.pk:
        return
    index.schedule(instance.policy_id)
    # targets feed cached aggregates (map, benchmarks, home counts) and issuers the list rows even
    # when the policy's index row stays the same: a new generation either way
    index.bump()
    index.touch([instance.policy_id])


def _m2m_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        if instance.review_state == ReviewState.PUBLISHED or _in_scope([instance.pk]):
            index.schedule(instance.pk)
    elif pk_set:
        for pk in sorted(_in_scope(pk_set)):
            index.schedule(pk)


def _relation_changed(sender, instance, raw=False, origin=None, **kwargs):
    """A relation shows on both policies' pages, their regions' 1+N status and the matrix."""
    if raw or isinstance(origin, Policy) or getattr(origin, "model", None) is Policy:
        return
    ends = _in_scope([instance.source_id, instance.target_id])
    if ends:
        index.bump()
        index.touch(ends)


def _document_changed(sender, instance, raw=False, **kwargs):
    """An archived original is offered on the pages of the public policies it belongs to."""
    if raw:
        return
    owners = set(PolicyVersion.objects.filter(document_id=instance.pk).values_list("policy_id", flat=True))
    owners.add(getattr(instance, "policy_id", None))
    public = _in_scope(owners)
    if public:
        index.touch(public)


def _catalogue_changed(sender, raw=False, **kwargs):
    """Names that every page may show: once per transaction, after it commits."""
    if raw:
        return
    if not connection.in_atomic_block:
        index.touch_catalogue()
    elif not any(item[1] is index.touch_catalogue for item in connection.run_on_commit):
        transaction.on_commit(index.touch_catalogue)


def _report_changed(sender, raw=False, **kwargs):
    """The home page links the latest published monthly report; the report pages and their
    archive show only reports (``index.REPORTS``)."""
    if not raw:
        index.bump()
        index.touch_reports()


def connect() -> None:
    from ccnt.reports.models import Report

    post_save.connect(_report_changed, sender=Report, dispatch_uid=f"{_UID}.report.save")
    post_delete.connect(_report_changed, sender=Report, dispatch_uid=f"{_UID}.report.delete")
    post_save.connect(_relation_changed, sender=PolicyRelation, dispatch_uid=f"{_UID}.relation.save")
    post_delete.connect(_relation_changed, sender=PolicyRelation, dispatch_uid=f"{_UID}.relation.delete")
    post_save.connect(_document_changed, sender=Document, dispatch_uid=f"{_UID}.document.save")
    for model in (Authority, Category, Indicator, Jurisdiction, Sector, Topic):
        post_save.connect(_catalogue_changed, sender=model, dispatch_uid=f"{_UID}.catalogue.save.{model.__name__}")
        post_delete.connect(_catalogue_changed, sender=model, dispatch_uid=f"{_UID}.catalogue.delete.{model.__name__}")
    post_save.connect(_policy_saved, sender=Policy, dispatch_uid=f"{_UID}.policy")
    post_delete.connect(_policy_deleted, sender=Policy, dispatch_uid=f"{_UID}.policy_deleted")
    for model in (PolicyIssuer, PolicyVersion, Target):
        post_save.connect(_child_changed, sender=model, dispatch_uid=f"{_UID}.save.{model.__name__}")
        post_delete.connect(_child_changed, sender=model, dispatch_uid=f"{_UID}.delete.{model.__name__}")
    for field in ("jurisdictions", "sectors", "topics"):
        through = getattr(Policy, field).through
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{_UID}.m2m.{field}")


def fill_empty_index(sender, using="default", **kwargs):
    """After migrate: an existing database whose index is still empty gets indexed once; and a
    new cache generation starts, since a release (which always migrates) may change the shape
    of what the per-generation caches hold — a cached value of the old code is never served
    to the new."""
    from .models import IndexState, PolicyIndex

    try:
        if not PolicyIndex.objects.using(using).exists() and Policy.objects.using(using).public().exists():
            index.reindex_all()
        if using == "default" and IndexState.objects.using(using).exists():
            index.touch_catalogue()  # a release: every scoped page too
    except Exception:  # noqa: BLE001 - a half-migrated database must not break migrate
        return
