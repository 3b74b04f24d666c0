"""One way to change what readers see: publish, send back, reject.

Every path that makes a policy public or takes it down — the review queue's and the list's
actions, the change form's 审核状态 field, ``ccnt ingest --publish``, the demo loader, a merge —
calls :func:`set_review_state`. In one transaction it sets the state and the published
version, puts the primary region among the policy's regions, writes the search-index row (or
removes it), records the change in the history and starts a new cache generation, so the
policy appears (or disappears) on every public page, count, feed and download at once. Inside
a bulk load's ``search.index.deferred()`` block (``ccnt demo``) the index rows are written in one
batch at the end of the block instead; ``ccnt check --data`` verifies the result.

Rejected alternative: leaving it to ``post_save`` signals. Signals do not fire for
``QuerySet.update`` and fire with the proxy class as sender from the review queue
(``PolicyForReview``), which is how a bulk-published draft once got a page but no index row.
The signals stay, for edits that are not state changes, but publishing never depends on them.
"""

from __future__ import annotations

from django.db import transaction

from ccnt.ops import pagecache

from . import history
from .models import Policy, PolicyVersion
from .models.review import ReviewState


def ensure_primary_region(policy: Policy) -> bool:
    """The primary jurisdiction is always among ``jurisdictions`` (region pages and the region
    filter read the many-to-many field). Returns whether it had to be added."""
    if policy.jurisdiction_id and not policy.jurisdictions.filter(pk=policy.jurisdiction_id).exists():
        policy.jurisdictions.add(policy.jurisdiction_id)
        return True
    return False


def latest_version(policy: Policy) -> PolicyVersion | None:
    return policy.versions.order_by("-number").first()


def set_review_state(policy: Policy, state: str, *, user=None, version: PolicyVersion | None = None,
                     note: str = "", record: bool = True) -> bool:
    """Move ``policy`` to ``state``; publishing shows ``version`` (default: the one already
    published, else the newest). Returns whether anything changed.

    ``record=False`` when the caller records the change itself (the admin form, which
    diffs the whole policy)."""
    from ccnt.search import index  # the search app depends on the tracker, not the reverse

    with transaction.atomic():
        old_state, old_version = policy.review_state, policy.published_version_id
        policy.review_state = state
        if state == ReviewState.PUBLISHED:
            wanted = version or policy.published_version or latest_version(policy)
            policy.published_version = wanted
        fields = ["review_state", "published_version", "updated_at"]
        changed = (old_state, old_version) != (policy.review_state, policy.published_version_id)
        if changed:
            policy.save(update_fields=fields)
        region_added = ensure_primary_region(policy)
        index.schedule(policy.pk)  # at once; at the end of a bulk load's ``index.deferred()`` block
        index.bump()
        index.touch([policy.pk])  # its page, its related policies' and its regions' (cached whole)
        if changed and state == ReviewState.PUBLISHED and pagecache.warming_enabled():
            from ccnt.jobs.outbox import enqueue

            enqueue("ccnt.warm_pages", pagecache.pages_after_publish(policy))  # by a worker, after the commit
        if (changed or region_added) and record:
            changes: dict[str, list] = {}
            if old_state != state:
                changes["review_state"] = [old_state, state]
            if old_version != policy.published_version_id:
                changes["published_version"] = [old_version, policy.published_version_id]
            history.record(policy, user, "changed", changes, note=note or state)
    return changed


def publish(policy: Policy, *, user=None, version: PolicyVersion | None = None, note: str = "published") -> bool:
    return set_review_state(policy, ReviewState.PUBLISHED, user=user, version=version, note=note)
