"""Feed events from policy saves: first publication, a new published text, withdrawal."""

from __future__ import annotations

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from ccnt.tracker.models import Policy, PolicyVersion

from .models import PolicyEvent

PUBLISHED = "published"


@receiver(pre_save, sender=Policy, dispatch_uid="ccnt.feeds.policy_pre_save")
def remember_state(sender, instance: Policy, raw=False, **kwargs) -> None:
    if raw or not instance.pk:
        instance._feed_before = None
        return
    instance._feed_before = (
        Policy.objects.filter(pk=instance.pk).values("review_state", "published_version_id").first()
    )


def _hash(version_id):
    if version_id is None:
        return None
    return PolicyVersion.objects.filter(pk=version_id).values_list("text_hash", flat=True).first()


@receiver(post_save, sender=Policy, dispatch_uid="ccnt.feeds.policy_post_save")
def record_event(sender, instance: Policy, created=False, raw=False, **kwargs) -> None:
    if raw:
        return
    before = getattr(instance, "_feed_before", None)
    instance._feed_before = None
    was_public = bool(before) and before["review_state"] == PUBLISHED
    is_public = instance.review_state == PUBLISHED
    version_id = instance.published_version_id
    if is_public and not was_public:
        first = not PolicyEvent.objects.filter(policy=instance, kind=PolicyEvent.Kind.PUBLISHED).exists()
        if first:
            PolicyEvent.objects.create(policy=instance, version_id=version_id, kind=PolicyEvent.Kind.PUBLISHED)
            return
        last = PolicyEvent.objects.filter(policy=instance).exclude(kind=PolicyEvent.Kind.WITHDRAWN).first()
        # published again after a withdrawal: its entries reappear; a changed text is an update
        if last is not None and version_id and last.version_id != version_id and _hash(last.version_id) != _hash(version_id):
            PolicyEvent.objects.create(policy=instance, version_id=version_id, kind=PolicyEvent.Kind.UPDATED)
        return
    if was_public and not is_public:
        PolicyEvent.objects.create(policy=instance, version_id=version_id, kind=PolicyEvent.Kind.WITHDRAWN)
        return
    if is_public and was_public and version_id != before["published_version_id"] and version_id:
        if before["published_version_id"] is None:
            # the version was attached after publication (loaders): the first entry gets it
            PolicyEvent.objects.filter(policy=instance, kind=PolicyEvent.Kind.PUBLISHED, version__isnull=True).update(
                version_id=version_id)
            return
        if _hash(before["published_version_id"]) != _hash(version_id):
            PolicyEvent.objects.create(policy=instance, version_id=version_id, kind=PolicyEvent.Kind.UPDATED)
