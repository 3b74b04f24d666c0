"""Signals that keep the index in step: a policy, its many-to-many fields (issuers,
jurisdictions, sectors, topics), its published version's text or its targets change."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from ccnt.tracker.models import Policy, PolicyIssuer, PolicyVersion, Target

from . import index

_UID = "ccnt.search"


def _policy_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index.schedule(instance.pk)


def _policy_deleted(sender, instance, **kwargs):
    index.bump()  # its index rows went with it (cascade)


def _child_changed(sender, instance, raw=False, origin=None, **kwargs):
    if raw or not instance.policy_id:
        return
    if isinstance(origin, Policy) or getattr(origin, "model", None) is Policy:
        return  # deleted along with its policy: the index row goes by cascade
    if sender is PolicyVersion:
        published = Policy.objects.filter(pk=instance.policy_id).values_list("published_version_id", flat=True).first()
        if published != instance.pk:
            return
    index.schedule(instance.policy_id)
    if sender is Target:
        # targets feed cached aggregates (map, benchmarks, home counts) even when the policy's
        # index row stays the same (it already had targets): a new generation either way
        index.bump()


def _m2m_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        index.schedule(instance.pk)
    elif pk_set:
        for pk in pk_set:
            index.schedule(pk)


def connect() -> None:
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
            index.bump()
    except Exception:  # noqa: BLE001 - a half-migrated database must not break migrate
        return
