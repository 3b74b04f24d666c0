"""Snapshots and diffs for the edit history.

Django's admin log keeps only a message; curators need the old and the new value of every
field, including many-to-many fields and inline targets, so a policy is snapshotted as a
plain dict before and after an edit and the difference is stored in a ChangeRecord.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType

from .models import ChangeRecord, Policy

POLICY_FIELDS = [
    "title", "title_en", "doc_number", "level", "policy_type", "legal_force", "signed_date",
    "published_date", "effective_date", "expiry_date", "status", "summary_zh", "summary_en",
    "source_url", "review_state",
]
TARGET_FIELDS = [
    "target_year", "year_comparator", "value_low", "value_high", "unit", "comparator", "metric_kind",
    "base_year", "firmness", "binding", "text", "verified",
]


def plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def target_label(target) -> str:
    parts = [target.indicator.code if target.indicator_id else "?"]
    parts += [f"{name}={plain(getattr(target, name))}" for name in TARGET_FIELDS if getattr(target, name) not in (None, "")]
    return " ".join(parts)


def snapshot_policy(policy: Policy) -> dict[str, Any]:
    data: dict[str, Any] = {name: plain(getattr(policy, name)) for name in POLICY_FIELDS}
    data["jurisdiction"] = policy.jurisdiction.adcode if policy.jurisdiction_id else None
    data["category"] = policy.category.code if policy.category_id else None
    if policy.pk:
        data["issuers"] = [a.name for a in policy.ordered_issuers()]
        data["jurisdictions"] = sorted(j.adcode for j in policy.jurisdictions.all())
        data["sectors"] = sorted(s.code for s in policy.sectors.all())
        data["topics"] = sorted(t.code for t in policy.topics.all())
        data["targets"] = {
            str(t.pk): target_label(t) for t in policy.targets.select_related("indicator").order_by("pk")
        }
    return data


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, list[Any]]:
    before, after = before or {}, after or {}
    changes: dict[str, list[Any]] = {}
    for key in sorted(set(before) | set(after)):
        if key == "targets":
            old, new = before.get(key) or {}, after.get(key) or {}
            for pk in sorted(set(old) | set(new), key=lambda k: int(k)):
                if old.get(pk) != new.get(pk):
                    changes[f"target #{pk}"] = [old.get(pk), new.get(pk)]
        elif before.get(key) != after.get(key):
            changes[key] = [before.get(key), after.get(key)]
    return changes


def record(obj, user, action: str, changes: dict[str, list[Any]], note: str = "") -> ChangeRecord | None:
    if action == "changed" and not changes:
        return None
    return ChangeRecord.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        changes=changes,
        note=note,
    )


def history_of(obj):
    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
    ).select_related("user")
