"""Plain dicts of policies and targets with the contract's field names.

Shared by the pages' ``?format=json``, the exports and (later) the API, so the names stay
the same everywhere (DESIGN.md, "Contracts shared by pages, exports, feeds … and the API").
"""

from __future__ import annotations

from typing import Any

from .models import Policy, Target

POLICY_COLUMNS = [
    "policy_id", "title", "title_en", "doc_number", "issuers", "jurisdiction_adcode", "jurisdiction_name",
    "level", "policy_type", "legal_force", "category", "sectors", "topics", "signed_date", "published_date",
    "status", "review_state", "source_url",
]
TARGET_COLUMNS = [
    "target_id", "indicator", "indicator_name", "target_year", "value_low", "value_high", "unit",
    "value_normalized", "unit_normalized", "comparator", "metric_kind", "base_year", "firmness", "binding",
    "target_text",
    # appended (issue 14): a value is never read without its direction; what it counts and how
    "direction", "value_text", "subject", "quantity", "confidence",
]


def _date(value) -> str | None:
    return value.isoformat() if value else None


def policy_dict(policy: Policy) -> dict[str, Any]:
    """Expects a policy fetched with ``with_related()`` so this makes no further queries."""
    issuers = [link.authority.name for link in policy.issuer_links.all()]
    return {
        "policy_id": policy.pk,
        "title": policy.title,
        "title_en": policy.title_en,
        "doc_number": policy.doc_number,
        "issuers": issuers,
        "jurisdiction_adcode": policy.jurisdiction.adcode if policy.jurisdiction else None,
        "jurisdiction_name": policy.jurisdiction.name if policy.jurisdiction else None,
        "jurisdictions": [j.adcode for j in policy.jurisdictions.all()],
        "level": policy.level,
        "policy_type": policy.policy_type,
        "legal_force": policy.legal_force,
        "category": policy.category.code if policy.category else None,
        "category_name": policy.category.name_zh if policy.category else None,
        "sectors": [s.code for s in policy.sectors.all()],
        "topics": [t.code for t in policy.topics.all()],
        "signed_date": _date(policy.signed_date),
        "published_date": _date(policy.published_date),
        "effective_date": _date(policy.effective_date),
        "expiry_date": _date(policy.expiry_date),
        "status": policy.status,
        "review_state": policy.review_state,
        "source_url": policy.source_url,
        "summary": policy.summary_zh,
        "summary_en": policy.summary_en,
    }


def target_dict(target: Target) -> dict[str, Any]:
    """``indicator_name`` is what a reader sees (the catalogue's name, or the subject as written
    for an ``other`` target); ``value_text`` the value with its direction, comparator and base
    year (下降14%（较2020年）); ``quantity`` the kind the comparisons use (``Target.quantity``)."""
    from .target_text import target_value_text

    if target.value_normalized_low is None:
        normalized = None
    elif target.value_normalized_low == target.value_normalized_high:
        normalized = target.value_normalized_low
    else:
        normalized = [target.value_normalized_low, target.value_normalized_high]
    return {
        "target_id": target.pk,
        "indicator": target.indicator.code,
        "indicator_name": target.name_zh,
        "indicator_name_en": target.name_en,
        "target_year": target.target_year,
        "year_comparator": target.year_comparator,
        "value_low": target.value_low,
        "value_high": target.value_high,
        "unit": target.unit,
        "value_normalized": normalized,
        "unit_normalized": target.unit_normalized,
        "comparator": target.comparator or None,
        "metric_kind": target.metric_kind,
        "base_year": target.base_year,
        "direction": target.direction,
        "value_text": target_value_text(target),
        "subject": target.subject,
        "quantity": target.quantity,
        "confidence": target.confidence,
        "firmness": target.firmness,
        "binding": target.binding,
        "target_text": target.text,
        "start": target.start,
        "end": target.end,
        "verified": target.verified,
    }


def with_related(queryset):
    return queryset.select_related("jurisdiction", "category", "published_version").prefetch_related(
        "issuer_links__authority", "jurisdictions", "sectors", "topics"
    )


def for_listing(queryset):
    """``with_related`` for a list of policies (home, region, search, a policy's neighbours): the
    published version joined without its text and extraction record, which no list shows (a
    real policy's text runs to tens of kilobytes; forty of them were read per region page)."""
    return with_related(queryset).defer("published_version__text", "published_version__extracted")


def for_rows(queryset):
    """What a list's row shows of each policy (``_policy_row.html``, a search result): its issuers,
    place, category and date. Rejected: ``for_listing`` for the HTML lists too — its regions,
    sectors and topics (three more queries per list) are read only by ``policy_dict``, the lists'
    ``?format=json``, which still loads them."""
    return queryset.select_related("jurisdiction", "category").prefetch_related("issuer_links__authority")


def current_targets_by_policy(policies: list[Policy]) -> dict[int, list[Target]]:
    """Each policy's targets of its current version, in one query."""
    wanted = {}
    for policy in policies:
        version_id = policy.published_version_id
        wanted[policy.pk] = version_id
    targets = (
        Target.objects.filter(policy_id__in=wanted.keys())
        .select_related("indicator")
        .order_by("policy_id", "order", "id")
    )
    result: dict[int, list[Target]] = {pk: [] for pk in wanted}
    for target in targets:
        version_id = wanted[target.policy_id]
        if version_id is None or target.version_id in (version_id, None):
            result[target.policy_id].append(target)
    return result
