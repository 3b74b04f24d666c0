"""Merging a possible duplicate into its twin — by a curator, never by the machine.

The twin keeps its identity (id, URL, curated fields, history); the duplicate's versions
become the twin's newest versions (with their targets and originals), its URLs and relations
move with them, and the duplicate is rejected with a note, so its own history stays readable
and nothing it linked to is lost. A merged-in version awaits review like any new version: a
published twin keeps showing what it showed until a curator publishes the new one.

Rejected alternative: deleting the duplicate. Its change records, and any link a reader kept,
would then point at nothing.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from ccnt.ingest.models import FetchedUrl

from . import history, publishing
from .models import Document, Policy, PolicyRelation, Target
from .models.review import ReviewState


def merge(duplicate: Policy, into: Policy, *, user=None) -> int:
    """Move ``duplicate``'s versions onto ``into``. Returns how many versions moved."""
    if duplicate.pk == into.pk:
        raise ValueError("a policy cannot be merged into itself")
    with transaction.atomic():
        start = into.versions.aggregate(n=Max("number"))["n"] or 0
        moved = list(duplicate.versions.order_by("number"))
        for offset, version in enumerate(moved, start=1):
            version.policy = into
            version.number = start + offset
            version.save(update_fields=["policy", "number"])
        Target.objects.filter(policy=duplicate).update(policy=into)
        Document.objects.filter(policy=duplicate).update(policy=into)
        FetchedUrl.objects.filter(policy=duplicate).update(policy=into)
        known = set(into.relations_out.values_list("target_title", flat=True))
        for relation in duplicate.relations_out.all():
            if relation.target_id == into.pk or relation.target_title in known:
                relation.delete()
            else:
                relation.source = into
                relation.save(update_fields=["source"])
        PolicyRelation.objects.filter(target=duplicate).exclude(source=into).update(target=into)
        into.actors.add(*duplicate.actors.all())
        publishing.ensure_primary_region(into)

        duplicate.possible_duplicate_of = into
        duplicate.duplicate_reason = f"merged into #{into.pk}"
        duplicate.published_version = None
        duplicate.save(update_fields=["possible_duplicate_of", "duplicate_reason", "published_version"])
        publishing.set_review_state(duplicate, ReviewState.REJECTED, user=user, note=f"merged into #{into.pk}")
        numbers = [v.number for v in moved]
        history.record(into, user, "changed", {"versions": [None, numbers]}, note=f"merged #{duplicate.pk} in")
        publishing.set_review_state(into, into.review_state, user=user, record=False)  # index and caches
    return len(moved)


def side(policy: Policy) -> dict:
    """What the compare view shows of one policy."""
    version = publishing.latest_version(policy)
    return {
        "policy": policy,
        "issuers": "、".join(a.name for a in policy.ordered_issuers()),
        "regions": "、".join(j.name for j in policy.jurisdictions.all()),
        "version": version,
        "text": (version.text[:6000] if version else ""),
        "text_length": len(version.text) if version else 0,
        "targets": policy.targets.filter(version=version).count() if version else 0,
        "originals": list(Document.objects.filter(policy=policy).exclude(archive_path="")[:5]),
    }
