"""Rows of every public resource, shared by the API, the bulk download (``ccnt dump``) and the
feeds. Policies and targets come from the exports' serializers (``policy_dict``, ``target_dict``),
cut to the API's stable field lists; everything starts from ``Policy.objects.public()``."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models import F, Q

from ccnt.reports.models import Report
from ccnt.tracker.benchmarks import Index, cached_national_pool, compare, national_index
from ccnt.tracker.models import Document, Indicator, Jurisdiction, Policy, PolicyVersion, Target
from ccnt.tracker.serializers import policy_dict, target_dict

from .fields import (
    BENCHMARK_FIELDS,
    POLICY_FIELDS,
    TARGET_FIELDS,
    TARGET_POLICY_COLUMNS,
)

_EPOCH = date(1900, 1, 1)


def public_policies():
    return Policy.objects.public()


def policy_row(policy: Policy, base_url: str = "") -> dict[str, Any]:
    data = policy_dict(policy)
    data["url"] = f"{base_url}/policies/{policy.pk}/"
    return {name: data.get(name) for name in POLICY_FIELDS}


def target_row(target: Target) -> dict[str, Any]:
    data = target_dict(target)
    return {name: data.get(name) for name in TARGET_FIELDS}


# -- targets ----------------------------------------------------------------------------------

def public_targets():
    """Targets of public policies' current versions (as ``current_targets_by_policy``)."""
    return Target.objects.filter(policy_id__in=public_policies().values("id")).filter(
        Q(policy__published_version__isnull=True) | Q(version__isnull=True)
        | Q(version_id=F("policy__published_version_id"))
    )


def national_targets() -> list[Target]:
    """The targets a national benchmark may be (``tracker.benchmarks.national_pool``), newest
    policy first: the catalogue lists them under each indicator."""
    pool = cached_national_pool()
    return sorted(pool, key=lambda t: (-(t.policy.published_date or t.policy.signed_date or _EPOCH).toordinal(),
                                       t.pk))


def benchmark_row(target: Target) -> dict[str, Any]:
    data = target_dict(target)
    data["policy_id"] = target.policy_id
    data["title"] = target.policy.title
    return {name: data.get(name) for name in BENCHMARK_FIELDS}


def target_rows(targets: list[Target], index: Index | None = None) -> list[dict[str, Any]]:
    """Target rows with their policy's key columns, the national benchmark's target id and the
    verdict against it (``tracker.benchmarks``: the rule the region page and the report use)."""
    index = national_index() if index is None else index
    heads: dict[int, dict[str, Any]] = {}
    rows = []
    for target in targets:
        policy = target.policy
        head = heads.get(policy.pk)
        if head is None:
            head = heads[policy.pk] = {
                "policy_id": policy.pk, "title": policy.title, "doc_number": policy.doc_number,
                "jurisdiction_adcode": policy.jurisdiction.adcode if policy.jurisdiction else None,
                "jurisdiction_name": policy.jurisdiction.name if policy.jurisdiction else None,
                "level": policy.level, "category": policy.category.code if policy.category else None,
                "signed_date": policy.signed_date.isoformat() if policy.signed_date else None,
                "published_date": policy.published_date.isoformat() if policy.published_date else None,
            }
        row = {name: head[name] for name in TARGET_POLICY_COLUMNS}
        row.update(target_row(target))
        bench, verdict = compare(target, index)
        row["national_benchmark_target_id"] = bench.pk if bench is not None else None
        row["ambition"] = verdict
        rows.append(row)
    return rows


def target_queryset_for_rows(queryset):
    return queryset.select_related("indicator", "policy__jurisdiction", "policy__category")


# -- jurisdictions ----------------------------------------------------------------------------

def policy_counts(fingerprint: str | None = None) -> dict[str, int]:
    """Public policies per adcode prefix ('' for all, '37', '3701', '370102'): a policy counts once
    for every unit it belongs to or lies below, as ``PolicyQuerySet.in_jurisdiction`` filters.
    With ``fingerprint`` (a request of the API), cached per generation of the public data in the
    configured cache — never in the process, where clearing the cache could not reach it."""
    if fingerprint:
        from ccnt.search.index import per_generation

        return per_generation("api.policy_counts", _policy_counts)
    return _policy_counts()


def _policy_counts() -> dict[str, int]:
    """One grouped query over the search index's region terms (``j``: every adcode prefix of a
    public policy's regions, each policy once per prefix) instead of a row per policy and region."""
    from django.db.models import Count

    from ccnt.search.models import PolicyTerm

    counts = dict(PolicyTerm.objects.filter(kind="j", policy_id__in=public_policies().values("id"))
                  .values_list("value").annotate(n=Count("policy_id", distinct=True)).order_by())
    counts[""] = public_policies().count()
    return counts


def jurisdiction_row(j: Jurisdiction, counts: dict[str, int]) -> dict[str, Any]:
    return {
        "adcode": j.adcode,
        "name": j.name,
        "short_name": j.short_name,
        "name_en": j.name_en,
        "level": j.level,
        "kind": j.kind,
        "parent_adcode": j.parent.adcode if j.parent_id else None,
        "valid_from": j.valid_from.isoformat() if j.valid_from else None,
        "valid_to": j.valid_to.isoformat() if j.valid_to else None,
        "successor_adcode": j.successor.adcode if j.successor_id else None,
        "policy_count": counts.get(j.descendant_codes_prefix(), 0),
    }


def jurisdiction_queryset():
    return Jurisdiction.objects.select_related("parent", "successor")



# -- indicators -------------------------------------------------------------------------------

def indicator_rows(indicators, benchmarks: list[Target] | None = None) -> list[dict[str, Any]]:
    national = national_targets() if benchmarks is None else benchmarks
    by_indicator: dict[int, list[Target]] = defaultdict(list)
    for target in national:
        by_indicator[target.indicator_id].append(target)
    rows = []
    for indicator in indicators:
        rows.append({
            "code": indicator.code,
            "name_zh": indicator.name_zh,
            "name_en": indicator.name_en,
            "unit_family": indicator.unit_family,
            "better": indicator.better,
            "sector": indicator.sector.code if indicator.sector_id else None,
            "aliases": list(indicator.aliases or []),
            "national_benchmarks": [
                benchmark_row(t)
                for t in sorted(by_indicator[indicator.pk],
                                key=lambda t: (t.target_year or 0, t.metric_kind, t.base_year or 0, t.pk))
            ],
        })
    return rows


def indicator_queryset():
    return Indicator.objects.select_related("sector").order_by("code")


# -- reports ----------------------------------------------------------------------------------

def public_reports():
    return Report.objects.filter(status=Report.Status.PUBLISHED)


def report_row(report: Report, base_url: str = "") -> dict[str, Any]:
    month = f"{report.month:%Y-%m}"
    page = f"{base_url}/reports/{month}/"
    return {
        "month": month,
        "status": report.status,
        "published_at": report.published_at.isoformat() if report.published_at else None,
        "links": {"html": page, "json": page + "?format=json"},
    }


# -- documents --------------------------------------------------------------------------------

DOCUMENT_OPTIONAL = ["final_url", "title", "encoding", "parse_status", "role", "http_status"]


def has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:
        return False
    return True


def public_documents():
    """The originals readers may download (``tracker.originals.public_originals``: one rule for
    the API, the policy page and ``/documents/<sha256>/``)."""
    from ccnt.tracker.originals import public_originals

    return public_originals()


def document_policy_ids(documents: list[Document]) -> dict[int, list[int]]:
    ids = [d.pk for d in documents]
    public_ids = public_policies().values("id")
    result: dict[int, set[int]] = {pk: set() for pk in ids}
    for doc_id, policy_id in PolicyVersion.objects.filter(document_id__in=ids, policy_id__in=public_ids).values_list(
        "document_id", "policy_id"
    ):
        result[doc_id].add(policy_id)
    if has_field(Document, "policy"):
        for doc in documents:
            if doc.policy_id:
                result[doc.pk].add(doc.policy_id)
        # a policy id counts only while the policy is public
        visible = set(Policy.objects.public().filter(id__in={p for s in result.values() for p in s})
                      .values_list("id", flat=True))
        return {pk: sorted(s & visible) for pk, s in result.items()}
    return {pk: sorted(s) for pk, s in result.items()}


def document_download_url(document: Document, base_url: str = "") -> str | None:
    from django.urls import Resolver404, resolve

    path = f"/documents/{document.sha256}/"
    try:
        resolve(path)
    except Resolver404:
        return None
    return base_url + path


def document_row(document: Document, policy_ids: list[int], base_url: str = "") -> dict[str, Any]:
    row: dict[str, Any] = {
        "sha256": document.sha256,
        "url": document.url,
        "media_type": document.media_type,
        "size": document.size,
        "fetched_at": document.fetched_at.isoformat() if document.fetched_at else None,
        "filename": document.filename,
        "policy_ids": policy_ids,
        "download_url": document_download_url(document, base_url),
    }
    for name in DOCUMENT_OPTIONAL:
        if has_field(Document, name):
            row[name] = getattr(document, name)
    return row
