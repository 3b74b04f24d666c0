"""Snapshots of an actor and of a commitment for the edit history: the same plain-dict form
and the same ``ChangeRecord`` rows as a policy's (``tracker.history``), so one history page shows
either."""

from __future__ import annotations

from typing import Any

from ccnt.tracker.history import plain, target_label

ACTOR_FIELDS = ["name", "name_en", "short_name", "aliases", "kind", "credit_code", "stock_code", "description",
                "website", "review_state"]
COMMITMENT_FIELDS = ["title", "date", "kind", "statement", "source_title", "publisher", "source_url", "review_state"]


def snapshot_actor(actor) -> dict[str, Any]:
    data: dict[str, Any] = {name: plain(getattr(actor, name)) if name != "aliases" else list(actor.aliases or [])
                            for name in ACTOR_FIELDS}
    data["headquarters"] = actor.headquarters.adcode if actor.headquarters_id else None
    data["parent"] = actor.parent.name if actor.parent_id else None
    if actor.pk:
        data["sectors"] = sorted(s.code for s in actor.sectors.all())
    return data


def snapshot_commitment(commitment) -> dict[str, Any]:
    data: dict[str, Any] = {name: plain(getattr(commitment, name)) for name in COMMITMENT_FIELDS}
    data["actor"] = commitment.actor.name if commitment.actor_id else None
    if commitment.pk:
        data["targets"] = {
            str(t.pk): target_label(t) for t in commitment.targets.select_related("indicator").order_by("pk")
        }
    return data
