"""Public pages. Every page answers ``?format=json`` with the data it shows, and every query
starts from ``Policy.objects.public()``: a draft appears nowhere."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from django.conf import settings
from django.db.models import Count, F
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render

from ccnt.ops.pagecache import cached_page
from ccnt.ops.ratelimit import is_search, rate_limited
from ccnt.reports.models import Report
from ccnt.search.hybrid import meaning_vary

from . import benchmarks, insights
from . import matrix as matrix_data
from .models import Category, Document, Jurisdiction, Policy, PolicyRelation, Sector, Target, Topic
from .originals import content_type as original_content_type
from .reading import document_html, passage_range
from .region_table import comparison_rows
from .serializers import (
    current_targets_by_policy,
    for_listing,
    for_rows,
    policy_dict,
    target_dict,
    with_related,
)

PAGE_SIZE = 30


# --- what each cached page depends on (ccnt.ops.pagecache; scopes of ccnt.search.index.touch) ----

def policy_scopes(request, pk: int) -> list[str]:
    """The policy itself (and what links to it), and its primary region's policies (the page lists
    the latest of them)."""
    from ccnt.search.index import POLICY_REGION

    return ["catalogue", f"policy:{pk}", f"{POLICY_REGION}{pk}"]  # its region's key, found in the same query


def region_scopes(request, adcode: str) -> list[str]:
    """The region and every unit below it, its province's own policies (a city's page shows the
    province's like targets), and the national policies (benchmarks, the 1+N columns). The
    national page counts every province: it depends on everything."""
    adcode = adcode[:6]
    if adcode == insights.NATIONAL_ADCODE or not adcode.isdigit() or len(adcode) != 6:
        return []
    if adcode.endswith("0000"):
        prefixes = {adcode[:2]}
    else:  # a city's units share its first four digits; a county-level unit is its own prefix
        prefixes = {adcode[:4], adcode if not adcode.endswith("00") else adcode[:4], adcode[:2] + "0000"}
    return ["catalogue", "region:10", *sorted(f"region:{p}" for p in prefixes)]


def wants_json(request) -> bool:
    return request.GET.get("format") == "json"


def json_response(data) -> JsonResponse:
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def jurisdiction_dict(j: Jurisdiction | None) -> dict | None:
    if j is None:
        return None
    return {"adcode": j.adcode, "name": j.name, "short_name": j.short_name, "name_en": j.name_en, "level": j.level}


def target_brief(t: Target | None) -> dict | None:
    if t is None:
        return None
    data = target_dict(t)
    data.update({
        "policy_id": t.policy_id, "policy_title": t.policy.title,
        "jurisdiction": jurisdiction_dict(t.policy.jurisdiction), "value": insights.number(t),
    })
    return data


def latest_report() -> Report | None:
    return Report.objects.filter(status=Report.Status.PUBLISHED).order_by("-month").first()


# --- home ---------------------------------------------------------------------------------

def public_index_rows():
    """The search index's rows of public policies (one per policy: date, year, level), the public
    gate read through the partial index of policies that are not public (search migration 0004).
    Region and home aggregates group these instead of walking policies and their regions in Python."""
    from ccnt.search.models import PolicyIndex
    from ccnt.search.query import not_public

    return PolicyIndex.objects.exclude(policy_id__in=not_public())


def public_terms(kind: str):
    """The index's facet terms (``j``: every adcode prefix of a policy's regions; ``province``) of
    public policies."""
    from ccnt.search.models import PolicyTerm
    from ccnt.search.query import not_public

    return PolicyTerm.objects.filter(kind=kind).exclude(policy_id__in=not_public())


def province_counts() -> dict[str, int]:
    """Published policies per province (a city's policy counts for its province), by adcode: one
    grouped query over the index's province terms (each policy holds a province's term once)."""
    return dict(public_terms("province").values_list("value").annotate(n=Count("policy_id")).order_by())


def latest_ids(rows, limit: int) -> list[int]:
    """The newest ``limit`` policies of index ``rows`` by the date they are known by (as
    ``insights.dated``: published, else signed; undated last; then higher id first)."""
    order = [F("date").desc(nulls_last=True), "-policy_id"]
    return list(rows.order_by(*order).values_list("policy_id", flat=True)[:limit])


def policies_in_order(ids: list[int], full: bool = True) -> list[Policy]:
    """The public policies of ``ids`` in that order: with all ``policy_dict`` reads (``full``, a
    page's JSON), else with what an HTML list row shows (``for_rows``)."""
    load = for_listing if full else for_rows
    by_id = {p.pk: p for p in load(Policy.objects.public().filter(pk__in=ids))}
    return [by_id[pk] for pk in ids if pk in by_id]


def map_series() -> list[dict]:
    """Provincial targets that can shade the map: one series per like-with-like key
    (``benchmarks.Measure.key``); the national value is drawn only where it is a yardstick
    for a province (never a national total)."""
    groups: dict[tuple, dict[str, Target]] = defaultdict(dict)
    for t in insights.with_shared(insights.comparable_targets().filter(policy__jurisdiction__level="province")):
        if insights.number(t) is None:
            continue
        key = benchmarks.measure(t).key()
        adcode = t.policy.jurisdiction.adcode
        current = groups[key].get(adcode)
        groups[key][adcode] = insights.prefer([t] + ([current] if current else []))
    index = benchmarks.national_index()
    series = []
    seen: set[str] = set()
    for by_place in groups.values():
        if len(by_place) < 2:
            continue
        any_t = next(iter(by_place.values()))
        year, kind, base, unit = any_t.target_year, any_t.metric_kind, any_t.base_year, any_t.unit_normalized
        bench, verdict = index.find(any_t)
        name = f"{any_t.indicator.code}:{year}:{kind}:{base or ''}"
        if name in seen:  # the same indicator and year counted another way (another unit, subject)
            name = f"{name}:{len(seen)}"
        seen.add(name)
        series.append({
            "key": name,
            "indicator": any_t.indicator.code, "indicator_name": any_t.name_zh,
            "indicator_name_en": any_t.name_en, "year": year, "metric_kind": kind,
            "base_year": base, "unit": unit,
            "national": insights.number(bench) if bench and verdict != benchmarks.NOT_COMPARABLE else None,
            "values": {adcode: insights.number(t) for adcode, t in sorted(by_place.items())},
        })
    series.sort(key=lambda s: (-len(s["values"]), s["indicator"], s["year"]))
    return series


def cached_map_series() -> list[dict]:
    """map_series walks every provincial target: computed once per state of the public data."""
    from ccnt.search.index import per_generation

    return per_generation("map_series", map_series)


def province_list() -> list[Jurisdiction]:
    return list(Jurisdiction.objects.current().filter(level="province").order_by("adcode"))


def home_summary() -> dict:
    """The home page's counts, per-province counts and latest policy ids: whole-table scans,
    so computed once per state of the public data."""
    policies = Policy.objects.public()
    by_level = dict(policies.order_by().values_list("level").annotate(n=Count("id")))
    total = sum(by_level.values())
    return {
        "counts": {
            "policies": total,
            "national": by_level.get("national", 0),
            "local": total - by_level.get("national", 0),
            "with_full_text": policies.exclude(published_version=None).exclude(published_version__text="").count(),
            "targets": insights.public_targets().count(),
        },
        "by_province": province_counts(),
        "latest": latest_ids(public_index_rows(), 30),
    }


@cached_page()
def home(request):
    from ccnt.search.index import per_generation

    summary = per_generation("home_summary", home_summary)
    counts = summary["counts"]
    latest = policies_in_order(summary["latest"], full=wants_json(request))
    timeline: list[dict] = []
    for p in latest:
        month = p.date.strftime("%Y-%m") if p.date else ""
        if not timeline or timeline[-1]["month"] != month:
            timeline.append({"month": month, "policies": []})
        timeline[-1]["policies"].append(p)
    by_province = summary["by_province"]
    provinces = [
        {**jurisdiction_dict(j), "count": by_province.get(j.adcode, 0)} for j in province_list()
    ]
    map_data = {"provinces": provinces, "series": cached_map_series()}
    report = latest_report()
    if wants_json(request):
        return json_response({
            "counts": counts, "latest": [policy_dict(p) for p in latest],
            "map": map_data,
            "latest_report": f"/reports/{report.month:%Y-%m}/" if report else None,
        })
    return render(request, "tracker/home.html", {
        "latest": latest, "timeline": timeline, "counts": counts, "map_data": map_data,
        "latest_report": report, "provinces": provinces,
    })


# --- policy list ----------------------------------------------------------------------------

@rate_limited("search", applies=is_search)
@cached_page(vary=meaning_vary)
def policy_list(request):
    from ccnt.search.hybrid import search
    from ccnt.search.query import parse_filters, undated_params
    from ccnt.search.views import bad_request, page_of, result_json

    try:
        result = search(parse_filters(request.GET), page_size=PAGE_SIZE, full=wants_json(request))
    except ValueError as error:
        return bad_request(request, error)
    if wants_json(request):
        return json_response(result_json(result))
    return render(request, "tracker/policy_list.html", {
        "page": page_of(result), "search": result, "categories": Category.objects.all(),
        "category": request.GET.get("category", ""), "level": request.GET.get("level", ""),
        "params": result.params, "names": term_names(), "provinces": province_list(),
        "query_string": result.params.urlencode(page=None),
        "filters_active": sum(1 for name in result.params.as_query() if name not in ("q", "page", "sort")),
        "undated_query": undated_params(result.params).urlencode(page=None),
    })


def term_names() -> dict[str, dict[str, str]]:
    """Facet codes → names in the reader's language (English where a translation exists)."""
    from .templatetags.ccnt_tags import loc

    names = {
        "category": {c.code: loc(c) for c in Category.objects.all()},
        "sector": {s.code: loc(s) for s in Sector.objects.all()},
        "topic": {t.code: loc(t) for t in Topic.objects.all()},
        "province": {j.adcode: loc(j) for j in province_list()},
    }
    return names


# --- policy page ----------------------------------------------------------------------------

def related_policies(policy: Policy) -> dict[str, list]:
    public = Policy.objects.public()
    implements, implemented_by, other = [], [], []
    for rel in PolicyRelation.objects.filter(source=policy, target__in=public).select_related("target"):
        (implements if rel.kind == "implements" else other).append((rel.kind, rel.target))
    for rel in PolicyRelation.objects.filter(target=policy, source__in=public).select_related("source"):
        (implemented_by if rel.kind == "implements" else other).append((rel.kind, rel.source))
    same_place = []
    if policy.jurisdiction_id:
        same_place = list(for_rows(insights.dated(  # rows only: the JSON lists their ids
            public.filter(jurisdiction_id=policy.jurisdiction_id).exclude(pk=policy.pk)
        ))[:10])
    return {
        "implements": [p for _k, p in implements],
        "implemented_by": [p for _k, p in implemented_by],
        "other": other,
        "same_jurisdiction": same_place,
    }


def archived_documents(policy: Policy) -> list[Document]:
    """The policy's public originals, the published version's first: its own documents and its
    versions' files listed first (two indexed lookups), then ``public_originals`` asked about
    those alone, without their extracted text. Rejected: filtering the rule's answer by an OR
    across the version join (the database listed every public policy's file first, and
    read every original's text: most of a cold policy page)."""
    from .models import PolicyVersion
    from .originals import public_originals

    mine = set(Document.objects.filter(policy=policy).values_list("pk", flat=True))
    mine.update(PolicyVersion.objects.filter(policy=policy, document__isnull=False).values_list("document_id", flat=True))
    if not mine:
        return []
    docs = public_originals(among=mine).exclude(archive_path="").defer("text")
    shown = policy.published_version.document_id if policy.published_version else None
    return sorted(docs, key=lambda d: (d.pk != shown, d.pk))


@cached_page(policy_scopes)
def policy_detail(request, pk: int):
    policy = with_related(Policy.objects.public()).filter(pk=pk).first()
    if policy is None:
        raise Http404("No such published policy")
    targets = current_targets_by_policy([policy])[policy.pk]
    related = related_policies(policy)
    documents = archived_documents(policy)
    version = policy.published_version
    text = version.text if version is not None else ""
    if wants_json(request):
        data = policy_dict(policy)
        data["targets"] = [target_dict(t) for t in targets]
        data["related"] = {
            "implements": [p.pk for p in related["implements"]],
            "implemented_by": [p.pk for p in related["implemented_by"]],
            "other": [{"kind": k, "policy_id": p.pk} for k, p in related["other"]],
            "same_jurisdiction": [p.pk for p in related["same_jurisdiction"]],
        }
        data["archived"] = [f"/documents/{d.sha256}/" for d in documents]
        return json_response(data)
    return render(request, "tracker/policy_detail.html", {
        "policy": policy, "targets": targets, "related": related, "documents": documents,
        "text": document_html(text, targets, passage_range(request.GET.get("passage", ""), text)) if text else "",
    })


def archived_document(request, sha256: str):
    """The archived original of a published policy, as fetched."""
    from .originals import public_originals

    doc = public_originals().filter(sha256=sha256).first()
    if doc is None or not doc.archive_path:
        raise Http404("No such document")
    root = Path(getattr(settings, "ARCHIVE_DIR", settings.VAR_DIR / "archive")).resolve()
    path = (root / doc.archive_path).resolve()
    if root not in path.parents or not path.is_file():
        raise Http404("The archived file is missing")
    media_type = original_content_type(doc.media_type, doc.encoding)  # text: the charset detected at ingest
    # An archived government page is foreign HTML: never let it run on our origin. PDFs and
    # plain text open in the browser; everything else downloads, and all are sandboxed.
    inline = media_type.split(";")[0].strip() in ("application/pdf", "text/plain")
    response = FileResponse(path.open("rb"), content_type=media_type, as_attachment=not inline,
                            filename=doc.filename or path.name)
    response["Content-Security-Policy"] = "sandbox"
    return response


# --- region page ----------------------------------------------------------------------------

def region_policies(region: Jurisdiction):
    public = Policy.objects.public()
    if region.adcode == insights.NATIONAL_ADCODE:
        return public.filter(level="national")
    return public.in_jurisdiction(region)


def region_rows(region: Jurisdiction):
    """The index rows of ``region_policies(region)``: national-level policies for the national
    page, else the policies of the region and every unit below it (the ``j`` term of its prefix)."""
    rows = public_index_rows()
    if region.adcode == insights.NATIONAL_ADCODE:
        return rows.filter(level="national")
    prefix = region.descendant_codes_prefix()
    return rows.filter(policy_id__in=public_terms("j").filter(value=prefix).values("policy_id")) if prefix else rows


def child_counts(children: list[Jurisdiction]) -> dict[str, int]:
    """Public policies issued for each of ``children`` itself (tagged with its adcode), one query."""
    adcodes = [c.adcode for c in children]
    return dict(public_terms("j").filter(value__in=adcodes).values_list("value").annotate(n=Count("policy_id"))
                .order_by())


@cached_page(region_scopes)
def region_detail(request, adcode: str):
    region = Jurisdiction.objects.by_adcode(adcode)
    if region is None:
        raise Http404("No such region")
    rows = region_rows(region)
    per_year = Counter(dict(rows.order_by().values_list("year").annotate(n=Count("policy_id"))))
    policy_count = sum(per_year.values())
    years = sorted(y for y in per_year if y is not None)
    timeline = [{"year": y, "count": per_year[y]} for y in years]
    undated = per_year.get(None, 0)
    latest = policies_in_order(latest_ids(rows, 40), full=wants_json(request))

    province = region.province() if region.level in ("city", "county") else None
    own = sorted(
        insights.with_shared(insights.public_targets().filter(policy__jurisdiction=region)),
        key=lambda t: (t.indicator.code, t.target_year or 0, t.policy_id, t.order),
    )
    comparisons = []
    national = benchmarks.national_index()
    # a city's or county's page shows its province's like target beside its own, unranked
    province_index = benchmarks.Index(insights.with_shared(
        insights.comparable_targets().filter(policy__jurisdiction=province, indicator_id__in={t.indicator_id for t in own})
    )) if province and own else None
    for t in own:
        bench, verdict = benchmarks.compare(t, national)
        mine = insights.prefer(province_index.like(t)) if province_index and t.verified else None
        comparisons.append({"target": t, "province": mine, "national": bench, "ambition": verdict})

    status = None
    if region.level in ("province", "city", "county"):
        columns = matrix_data.matrix_columns()
        status = matrix_data.matrix_rows([region], columns)[0]
    children = list(Jurisdiction.objects.current().filter(parent=region, kind="division").order_by("adcode")
                    ) if region.level in ("national", "province") else []
    counts = child_counts(children)
    for child in children:
        child.n = counts.get(child.adcode, 0)

    if wants_json(request):
        return json_response({
            "region": jurisdiction_dict(region),
            "parent": jurisdiction_dict(region.parent) if region.parent_id else None,
            "policy_count": policy_count,
            "policies_per_year": timeline, "undated": undated,
            "latest": [policy_dict(p) for p in latest],
            "targets": [{
                **target_brief(c["target"]), "province": target_brief(c["province"]),
                "national": target_brief(c["national"]), "ambition": c["ambition"],
            } for c in comparisons],
            "one_plus_n": None if status is None else {
                cell["column"].key: [{"policy_id": p.pk, "title": p.title, "basis": basis}
                                     for p, basis in cell["policies"]]
                for cell in status["cells"]
            },
            "children": [{**jurisdiction_dict(c), "policy_count": c.n} for c in children],
        })
    return render(request, "tracker/region_detail.html", {
        "region": region, "policies": latest, "policy_count": policy_count,
        "timeline": timeline, "undated": undated, "comparisons": comparisons, "status": status,
        "comparison_rows": comparison_rows(comparisons, province is not None, region.level != "national"),
        "children": children, "province": province, "compare_national": region.level != "national",
        "chart_data": {"years": [r["year"] for r in timeline], "counts": [r["count"] for r in timeline]},
    })


# --- 1+N matrix -----------------------------------------------------------------------------

@cached_page()
def matrix(request):
    columns = matrix_data.matrix_columns()
    rows_for = matrix_data.matrix_provinces()
    province = None
    code = request.GET.get("province", "")
    if code:
        province = Jurisdiction.objects.by_adcode(code)
        if province is None or province.level != "province":
            raise Http404("No such province")
        cities = list(Jurisdiction.objects.current().filter(parent=province, level="city", kind="division")
                      .order_by("adcode"))
        rows_for = [province] + cities
    rows = matrix_data.matrix_rows(rows_for, columns)
    as_of = matrix_data.as_of()
    if wants_json(request):
        return json_response({
            "province": province.adcode if province else None,
            "as_of": as_of.isoformat() if as_of else None,
            "columns": [{
                "key": c.key, "sector": c.sector.code if c.sector else None,
                "name": c.sector.name_zh if c.sector else "总体方案", "name_en": c.sector.name_en if c.sector else "Overall plan",
                "national": [{"policy_id": p.pk, "title": p.title} for p in c.national],
            } for c in columns],
            "rows": [{
                "jurisdiction": jurisdiction_dict(r["jurisdiction"]),
                "cells": {cell["column"].key: [{"policy_id": p.pk, "title": p.title, "basis": basis,
                                                "year": p.date.year if p.date else None}
                                              for p, basis in cell["policies"]] for cell in r["cells"]},
                "issued": r["issued"],
            } for r in rows],
        })
    return render(request, "tracker/matrix.html", {
        "columns": columns, "rows": rows, "province": province, "provinces": matrix_data.matrix_provinces(),
        "as_of": as_of,
    })
