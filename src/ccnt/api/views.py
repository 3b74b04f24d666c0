"""The read-only REST API (``/api/v1/``).

Every list starts from ``Policy.objects.public()`` (through ``ccnt.search.query`` for the search
filters, so the API and the pages agree). Lists answer ``{"meta": {…}, "results": [...]}`` in
JSON, or CSV with ``?format=csv`` / ``Accept: text/csv``. Unknown parameters, bad values and
huge pages are 400s with a message; every answer carries ``ETag`` / ``Last-Modified`` and the
data licence.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import DateField, F, Q, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from rest_framework.response import Response
from rest_framework.views import APIView

from ccnt.search.hybrid import meaning_vary
from ccnt.search.index import per_generation
from ccnt.tracker.models import Document, Indicator, Jurisdiction, Policy, PolicyVersion, Target
from ccnt.tracker.models.geo import JurisdictionKind, Level
from ccnt.tracker.models.policy import Comparator, MetricKind
from ccnt.tracker.serializers import POLICY_COLUMNS, TARGET_COLUMNS, current_targets_by_policy, with_related

from . import filters, licence, rows
from .conditional import data_stamp, etag_for
from .errors import bad_request
from .fields import (
    DOCUMENT_FIELDS,
    INDICATOR_FIELDS,
    JURISDICTION_FIELDS,
    POLICY_FIELDS,
    REPORT_FIELDS,
    TARGET_ROW_FIELDS,
)
from .pagination import NO_DATE_ASC, NO_DATE_DESC, Page, keyset_page, number_page, page_url
from .renderers import JSONRenderer

COMMON_PARAMS = ("format",)
LIST_PARAMS = ("page", "page_size", "cursor")
SORTS = ("relevance", "-date", "date", "-id", "id")
COMPARATOR_ALIASES = {"eq": "=", "ge": ">=", "gte": ">=", "le": "<=", "lte": "<=", "gt": ">", "lt": "<",
                      "approx": "~", "≥": ">=", "≤": "<=", "≈": "~"}


# -- parameters -------------------------------------------------------------------------------

def one(request, name: str) -> str | None:
    values = request.query_params.getlist(name)
    if not values:
        return None
    if len(values) > 1:
        raise bad_request(f"'{name}' was given {len(values)} times; give it once.", name)
    return values[0]


def int_param(request, name: str, low: int, high: int, default: int | None = None) -> int | None:
    raw = one(request, name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise bad_request(f"'{name}' must be a whole number, got {raw[:40]!r}.", name) from None
    if not low <= value <= high:
        raise bad_request(f"'{name}' must be between {low} and {high}, got {value}.", name)
    return value


def choice_param(request, name: str, choices, aliases: dict[str, str] | None = None) -> str | None:
    raw = one(request, name)
    if raw is None or raw == "":
        return None
    value = (aliases or {}).get(raw, raw)
    if value not in choices:
        raise bad_request(f"'{name}' must be one of {', '.join(choices)}; got {raw[:40]!r}.", name)
    return value


def list_param(request, name: str, allowed: list[str]) -> list[str] | None:
    raw = one(request, name)
    if raw is None:
        return None
    names = [n.strip() for n in raw.split(",") if n.strip()]
    unknown = [n for n in names if n not in allowed]
    if unknown:
        raise bad_request(
            f"Unknown {name} {', '.join(repr(n[:40]) for n in unknown[:5])}; choose from: {', '.join(allowed)}.", name
        )
    if not names:
        raise bad_request(f"'{name}' is empty; choose from: {', '.join(allowed)}.", name)
    return list(dict.fromkeys(names))


def base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# -- the base view ----------------------------------------------------------------------------

class DataView(APIView):
    """GET-only, parameters checked by name, conditional GET, licence in ``meta``."""

    http_method_names = ["get", "head", "options"]
    allowed_params: tuple[str, ...] = ()
    max_page_size = settings.CCNT_API_MAX_PAGE_SIZE
    default_page_size = 50

    def get_allowed_params(self) -> tuple[str, ...]:
        return self.allowed_params + COMMON_PARAMS

    def dispatch(self, request, *args, **kwargs):
        # one language for the API's messages, whatever the site's locale
        from ccnt.tracker.templatetags.ccnt_tags import one_language

        with translation.override("en"), one_language():  # one_language: the switch is seen inside
            return super().dispatch(request, *args, **kwargs)

    def handle_exception(self, exc):
        # errors are JSON whatever format was asked for: a clear message a program can read
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)

    def check_params(self, request) -> None:
        allowed = self.get_allowed_params()
        unknown = [name for name in request.query_params if name not in allowed]
        if unknown:
            raise bad_request(
                f"Unknown parameter {unknown[0][:40]!r}. Parameters here: {', '.join(sorted(allowed))}.", unknown[0][:40]
            )

    def get(self, request, *args, **kwargs):
        self.check_params(request)
        fingerprint, modified = data_stamp()
        self.fingerprint = fingerprint
        etag = etag_for(request, fingerprint, getattr(request.accepted_renderer, "format", "json"))
        last_modified = int(modified.timestamp()) if modified else None
        unchanged = get_conditional_response(request._request, etag=etag, last_modified=last_modified)
        if unchanged is not None:
            return unchanged
        data = self.cached_build(request, *args, **kwargs)
        response = Response(data)
        response["ETag"] = etag
        if last_modified:
            response["Last-Modified"] = http_date(last_modified)
        response["Cache-Control"] = "public, max-age=60"
        return response

    def build(self, request, *args, **kwargs) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    # Views whose answer is drawn from public policies and targets only (every change to them makes
    # a new generation) keep it in the cache per generation, with what ``build`` set for the
    # renderers; documents, reports and actors change without one and are built each time.
    cache_results = False
    BUILD_STATE = ("fields", "with_targets", "csv_columns")

    def cached_build(self, request, *args, **kwargs) -> Any:
        if not self.cache_results:
            return self.build(request, *args, **kwargs)
        # the answer holds absolute links (host) and a citation dated today
        parts = [request.get_host(), request.path, request.META.get("QUERY_STRING", ""),
                 getattr(request.accepted_renderer, "format", "json"), date.today().isoformat()]
        key = "api.result:" + hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()

        def compute():
            data = self.build(request, *args, **kwargs)
            return data, {name: self.__dict__[name] for name in self.BUILD_STATE if name in self.__dict__}

        data, state = per_generation(key, compute, timeout=300)
        self.__dict__.update(state)
        return data

    def page_size(self, request) -> int:
        return int_param(request, "page_size", 1, self.max_page_size, self.default_page_size)

    def listing(self, request, page: Page, results: list[dict], page_size: int, **meta) -> dict:
        return {
            "meta": {**licence.meta(request), "count": page.count, "page_size": page_size, "next": page.next,
                     "previous": page.previous, **page.extra, **meta},
            "results": results,
        }

    # CSV: (columns, rows); views override to expand or pick columns
    csv_columns: list[str] | None = None

    def csv_table(self, results: list[dict]):
        columns = self.csv_columns or (list(results[0].keys()) if results else [])
        return columns, ([row.get(c) for c in columns] for row in results)


# -- whole answers cached for anonymous clients --------------------------------------------------

def answer_vary(request) -> list[str]:
    """What an answer depends on besides its path, query string (``?format=``) and the public
    data's generation: its absolute links (the host), the format chosen by ``Accept`` and the
    citation dated today; a search with ``q``, the vector index's version (``hybrid.meaning_vary``)."""
    return [request.get_host(), request.META.get("HTTP_ACCEPT", ""), date.today().isoformat(), *meaning_vary(request)]


def anonymous_allowed(request) -> bool:
    """The anonymous limit (``CCNT_API_ANON_RATE``), counted on a cached answer as on a built one."""
    from .throttles import AnonThrottle

    return AnonThrottle().allow_request(request, None)


def cached_answer(view_class: type[APIView]):
    """``view_class.as_view()`` with its anonymous GET answers cached whole, as the pages are
    (``ccnt.ops.pagecache``: per query string, ``Accept``, host and day, under the generation of
    the public data, answered by the early middleware with ``ETag`` / 304), and each hit counted
    against the anonymous limit. Only for views drawn from public policies and targets alone
    (``cache_results``): every change to them makes a new generation. Requests with an
    ``Authorization`` header (tokens, whatever their validity) or a session cookie are always built.
    Rejected: caching the built data only (``cached_build``, kept for the token clients): content
    negotiation, throttles and the JSON rendering cost 15–20 times ``/livez`` on every request."""
    from ccnt.ops.pagecache import cached_page, everything

    assert getattr(view_class, "cache_results", False), view_class
    return cached_page(everything, vary=answer_vary, allow=anonymous_allowed)(view_class.as_view())


def pick(row: dict, fields: list[str] | None) -> dict:
    return row if fields is None else {name: row.get(name) for name in fields}


# -- index ------------------------------------------------------------------------------------

ENDPOINTS = {
    "policies": "/api/v1/policies/",
    "targets": "/api/v1/targets/",
    "jurisdictions": "/api/v1/jurisdictions/",
    "indicators": "/api/v1/indicators/",
    "reports": "/api/v1/reports/",
    "documents": "/api/v1/documents/",
    "actors": "/api/v1/actors/",
    "commitments": "/api/v1/commitments/",
    "schema": "/api/schema/",
    "docs": "/api/docs/",
    "downloads": "/downloads/",
    "feed": "/policies/feed/",
}


class IndexView(DataView):
    """The API's entry point: its endpoints, the licence and how to cite the data."""

    renderer_classes = [JSONRenderer]

    def build(self, request):
        return {"meta": licence.meta(request), "endpoints": {k: base_url(request) + v for k, v in ENDPOINTS.items()}}


# -- policies ---------------------------------------------------------------------------------

POLICY_OUTPUT = POLICY_FIELDS + ["targets"]


class PolicyFieldsMixin:
    def parse_fields(self, request) -> tuple[list[str] | None, bool]:
        fields = list_param(request, "fields", POLICY_OUTPUT)
        include = list_param(request, "include", ["targets"])
        with_targets = bool(include) or (fields is not None and "targets" in fields)
        if fields is not None and with_targets and "targets" not in fields:
            fields.append("targets")
        return fields, with_targets

    def policy_results(self, request, policies: list[Policy], fields, with_targets: bool) -> list[dict]:
        base = base_url(request)
        targets = current_targets_by_policy(policies) if with_targets else {}
        results = []
        for policy in policies:
            row = rows.policy_row(policy, base)
            if with_targets:
                row["targets"] = [rows.target_row(t) for t in targets[policy.pk]]
            results.append(pick(row, fields))
        return results

    def csv_table(self, results: list[dict]):
        fields, with_targets = self.fields, self.with_targets
        head = [c for c in (fields or POLICY_COLUMNS) if c != "targets"]
        if not with_targets:
            return head, ([row.get(c) for c in head] for row in results)

        def expand():
            for row in results:
                start = [row.get(c) for c in head]
                if not row["targets"]:
                    yield start + [None] * len(TARGET_COLUMNS)
                for target in row["targets"]:
                    yield start + [target.get(c) for c in TARGET_COLUMNS]

        return head + TARGET_COLUMNS, expand()


class PolicyListView(PolicyFieldsMixin, DataView):
    """Public policies, filtered as on the search page."""

    def get_allowed_params(self):
        return filters.filter_names() + ("sort", "fields", "include") + LIST_PARAMS + COMMON_PARAMS

    cache_results = True
    def build(self, request):
        self.fields, self.with_targets = self.parse_fields(request)
        page_size = self.page_size(request)
        sort = choice_param(request, "sort", SORTS)
        has_q = bool((one(request, "q") or "").strip())
        if sort is None:
            sort = "relevance" if has_q else "-date"
        if sort == "relevance" and not has_q:
            sort = "-date"
        page_number = int_param(request, "page", 1, 1_000_000)
        cursor = one(request, "cursor")
        if cursor is not None and page_number is not None:
            raise bad_request("Give either 'page' or 'cursor', not both.", "cursor")
        if sort == "relevance" and cursor is not None:
            raise bad_request("Relevance order is paged with 'page'; 'cursor' is for date or id order.", "cursor")
        params = filters.parse(request.query_params, sort="relevance" if sort == "relevance" else "-date",
                               page=str(page_number or 1))
        if sort == "relevance":
            page = self.relevance_page(request, params, page_number or 1, page_size)
        else:
            key = "sort_date" if sort in ("-date", "date") else None
            descending = sort.startswith("-")
            sentinel = NO_DATE_DESC if descending else NO_DATE_ASC

            def listed(queryset):
                # the version's text is not shown: leave it in the database
                queryset = with_related(queryset.order_by()).defer("published_version__text",
                                                                   "published_version__extracted")
                if key:
                    queryset = queryset.annotate(sort_date=Coalesce("published_date", "signed_date",
                                                                    Value(sentinel, output_field=DateField())))
                return queryset

            # In date order the count, numbered pages and the first cursor page come from the
            # search's cached count and order (the same order: date, else signing date, undated
            # last, then id); sorting 100 000 policies on every request took 100 ms and more.
            # a hybrid search lists its meaning matches in date order too (as the search page does)
            params = filters.with_meaning(params)
            count = filters.count(params)
            cached_page = bool(key) and (page_number is not None or not cursor)
            if cached_page:
                # one more row on a cursor page tells keyset_page whether a next page exists
                ids = filters.page_ids(params, page_number or 1, page_size if page_number else page_size + 1, sort)
                queryset = listed(Policy.objects.public().filter(pk__in=ids))
            else:
                queryset = listed(filters.queryset(params))
            if page_number is not None:
                order = ([f"-{key}" if descending else key] if key else []) + ["-id" if descending else "id"]
                page = number_page(request, queryset.order_by(*order), page_number, page_size, count=count,
                                   sliced=cached_page)
            else:
                page = keyset_page(request, queryset, key=key, descending=descending, page_size=page_size,
                                   cursor=cursor, count=count)
        results = self.policy_results(request, page.items, self.fields, self.with_targets)
        return self.listing(request, page, results, page_size, sort=sort)

    def relevance_page(self, request, params, page_number: int, page_size: int) -> Page:
        result = filters.search(params, page_size)
        if page_number > result.num_pages:
            raise bad_request(f"Page {page_number} is past the last page ({result.num_pages}).", "page")
        return Page(
            items=result.policies, count=result.total,
            next=page_url(request, page=str(page_number + 1)) if page_number < result.num_pages else None,
            previous=page_url(request, page=str(page_number - 1)) if page_number > 1 else None,
            extra={"page": page_number, "num_pages": result.num_pages, "mode": result.mode,
                   # hybrid search: the listed policies found by meaning alone, and each listed
                   # policy's best passages (offsets into its text, a link that opens the passage)
                   "matched_by_meaning": [p.pk for p in result.policies if p.pk in result.meaning_only],
                   "passages": {str(pk): [{"start": m.start, "end": m.end, "heading": m.heading, "url": m.url,
                                           "score": round(m.score, 4)} for m in matches]
                                for pk, matches in result.passages.items()}},
        )


class PolicyDetailView(PolicyFieldsMixin, DataView):
    """One public policy with its targets."""

    allowed_params = ("fields",)

    cache_results = True
    def build(self, request, pk: int):
        fields = list_param(request, "fields", POLICY_OUTPUT)
        self.fields, self.with_targets = fields, fields is None or "targets" in fields
        policy = with_related(Policy.objects.public()).filter(pk=pk).first()
        if policy is None:
            raise Http404(f"No published policy with id {pk}.")
        return self.policy_results(request, [policy], fields, self.with_targets)[0]


# -- targets ----------------------------------------------------------------------------------

class TargetListView(DataView):
    """Targets of public policies (their current versions), with the policy's key columns."""

    allowed_params = ("indicator", "year", "jurisdiction", "level", "category", "comparator", "metric_kind",
                      "base_year", "policy", "fields") + LIST_PARAMS
    csv_columns = TARGET_ROW_FIELDS

    cache_results = True
    def build(self, request):
        fields = list_param(request, "fields", TARGET_ROW_FIELDS)
        if fields:
            self.csv_columns = fields
        page_size = self.page_size(request)
        queryset = rows.public_targets()
        indicator = one(request, "indicator")
        if indicator:
            codes = [c.strip() for c in indicator.split(",") if c.strip()]
            known = set(Indicator.objects.filter(code__in=codes).values_list("code", flat=True))
            missing = [c for c in codes if c not in known]
            if missing:
                raise bad_request(f"Unknown indicator {missing[0][:40]!r}: see /api/v1/indicators/ for the codes.",
                                  "indicator")
            queryset = queryset.filter(indicator__code__in=codes)
        year = int_param(request, "year", 1900, 2200)
        if year is not None:
            queryset = queryset.filter(target_year=year)
        base_year = int_param(request, "base_year", 1900, 2200)
        if base_year is not None:
            queryset = queryset.filter(base_year=base_year)
        comparator = choice_param(request, "comparator", Comparator.values, COMPARATOR_ALIASES)
        if comparator is not None:
            queryset = queryset.filter(comparator=comparator)
        metric_kind = choice_param(request, "metric_kind", MetricKind.values)
        if metric_kind is not None:
            queryset = queryset.filter(metric_kind=metric_kind)
        policy_id = int_param(request, "policy", 1, 2**62)
        if policy_id is not None:
            queryset = queryset.filter(policy_id=policy_id)
        policy_filters = [n for n in ("jurisdiction", "level", "category") if one(request, n)]
        if policy_filters:
            params = filters.parse(request.query_params, tuple(policy_filters))
            queryset = queryset.filter(policy_id__in=filters.queryset(params).order_by().values("id"))
        page_number = int_param(request, "page", 1, 1_000_000)
        cursor = one(request, "cursor")
        if cursor is not None and page_number is not None:
            raise bad_request("Give either 'page' or 'cursor', not both.", "cursor")

        def page_of_ids() -> Page:
            # only ids: the planner misjudges the current-version condition and sorts every
            # matching target, so a page is found once per state of the data, then cached
            ids = queryset.values_list("id", flat=True)
            if page_number is not None:
                page = number_page(request, ids.order_by("id"), page_number, page_size)
            else:
                page = keyset_page(request, queryset.only("id"), key=None, descending=False, page_size=page_size,
                                   cursor=cursor, count=ids.count())
                page.items = [t.pk for t in page.items]
            return page

        query = sorted((k, v) for k, v in request.query_params.lists() if k not in ("fields", "format"))
        digest = hashlib.sha1(repr((request.get_host(), page_size, query)).encode()).hexdigest()
        page = per_generation(f"api.targets:{digest}", page_of_ids, timeout=300)
        found = rows.target_queryset_for_rows(Target.objects.filter(pk__in=page.items)).in_bulk()
        page = replace(page, items=[found[pk] for pk in page.items if pk in found])
        results = [pick(r, fields) for r in rows.target_rows(page.items)]
        return self.listing(request, page, results, page_size)


class TargetDetailView(DataView):
    allowed_params = ()
    csv_columns = TARGET_ROW_FIELDS

    cache_results = True
    def build(self, request, pk: int):
        target = rows.target_queryset_for_rows(rows.public_targets().filter(pk=pk)).first()
        if target is None:
            raise Http404(f"No public target with id {pk}.")
        return rows.target_rows([target])[0]


# -- jurisdictions ----------------------------------------------------------------------------

def boolean_param(request, name: str) -> bool | None:
    raw = one(request, name)
    if raw is None or raw == "":
        return None
    if raw.lower() in ("1", "true", "yes"):
        return True
    if raw.lower() in ("0", "false", "no"):
        return False
    raise bad_request(f"'{name}' must be true or false, got {raw[:40]!r}.", name)


def adcode_param(request, name: str) -> Jurisdiction | None:
    raw = one(request, name)
    if raw is None or raw == "":
        return None
    if not (len(raw) == 6 and raw.isdigit()):
        raise bad_request(f"'{name}' must be a six-digit adcode (e.g. 320000), got {raw[:40]!r}.", name)
    found = Jurisdiction.objects.by_adcode(raw)
    if found is None:
        raise bad_request(f"No jurisdiction with adcode {raw}.", name)
    return found


class JurisdictionListView(DataView):
    """Administrative divisions with parent links and public policy counts (inclusive of the units
    below): the tree, a level or one node's children at a time."""

    allowed_params = ("level", "parent", "kind", "has_policies", "current", "page", "page_size")
    max_page_size = 1000
    default_page_size = 100
    csv_columns = JURISDICTION_FIELDS

    def build(self, request):
        page_size = self.page_size(request)
        queryset = rows.jurisdiction_queryset()
        level = choice_param(request, "level", Level.values)
        if level:
            queryset = queryset.filter(level=level)
        kind = choice_param(request, "kind", JurisdictionKind.values)
        if kind:
            queryset = queryset.filter(kind=kind)
        parent = adcode_param(request, "parent")
        if parent is not None:
            queryset = queryset.filter(parent=parent)
        current = boolean_param(request, "current")
        if current is not False:
            queryset = queryset.filter(valid_to__isnull=True)
        counts = rows.policy_counts(self.fingerprint)
        has_policies = boolean_param(request, "has_policies")
        if has_policies is not None:
            with_policies = {p for p in counts if p and counts[p] > 0}
            codes = [c for c in queryset.values_list("adcode", "level")]
            keep = [adcode for adcode, lvl in codes if
                    (lvl == "national" and counts.get("", 0) > 0)
                    or (adcode[:2] if lvl == "province" else adcode[:4] if lvl == "city" else adcode) in with_policies]
            queryset = queryset.filter(adcode__in=keep) if has_policies else queryset.exclude(adcode__in=keep)
        page = number_page(request, queryset.order_by("adcode", "id"), int_param(request, "page", 1, 1_000_000, 1),
                           page_size)
        return self.listing(request, page, [rows.jurisdiction_row(j, counts) for j in page.items], page_size)


class JurisdictionDetailView(DataView):
    """One division with its ancestors and children (each with its policy count)."""

    csv_columns = JURISDICTION_FIELDS

    def build(self, request, adcode: str):
        node = (rows.jurisdiction_queryset().filter(adcode=adcode)
                .order_by(F("valid_to").desc(nulls_first=True)).first())
        if node is None:
            raise Http404(f"No jurisdiction with adcode {adcode}.")
        counts = rows.policy_counts(self.fingerprint)
        data = rows.jurisdiction_row(node, counts)
        ancestors, cursor = [], node.parent
        while cursor is not None and len(ancestors) < 5:
            ancestors.append(rows.jurisdiction_row(cursor, counts))
            cursor = cursor.parent
        data["ancestors"] = list(reversed(ancestors))
        children = rows.jurisdiction_queryset().filter(parent=node, valid_to__isnull=True).order_by("adcode")
        data["children"] = [rows.jurisdiction_row(c, counts) for c in children]
        return data


# -- indicators -------------------------------------------------------------------------------

class IndicatorListView(DataView):
    """The indicator catalogue, each with its national benchmarks: links to the targets of
    published national policies (by year, metric kind and base year), never typed numbers."""

    allowed_params = ("sector",)
    csv_columns = INDICATOR_FIELDS

    cache_results = True
    def build(self, request):
        queryset = rows.indicator_queryset()
        sector = one(request, "sector")
        if sector:
            queryset = queryset.filter(sector__code=sector)
        results = rows.indicator_rows(list(queryset))
        page = Page(items=results, count=len(results), next=None, previous=None, extra={})
        return self.listing(request, page, results, max(1, len(results)))


class IndicatorDetailView(DataView):
    csv_columns = INDICATOR_FIELDS

    cache_results = True
    def build(self, request, code: str):
        indicator = rows.indicator_queryset().filter(code=code).first()
        if indicator is None:
            raise Http404(f"No indicator {code!r}: see /api/v1/indicators/.")
        return rows.indicator_rows([indicator])[0]


# -- reports ----------------------------------------------------------------------------------

class ReportListView(DataView):
    """Published monthly reports (drafts are never listed)."""

    allowed_params = ("year", "page", "page_size")
    csv_columns = REPORT_FIELDS

    def build(self, request):
        queryset = rows.public_reports()
        year = int_param(request, "year", 1900, 2200)
        if year is not None:
            queryset = queryset.filter(month__year=year)
        page_size = self.page_size(request)
        page = number_page(request, queryset.order_by("-month"), int_param(request, "page", 1, 1_000_000, 1),
                           page_size)
        base = base_url(request)
        return self.listing(request, page, [rows.report_row(r, base) for r in page.items], page_size)


# -- documents --------------------------------------------------------------------------------

class DocumentListView(DataView):
    """Metadata of the archived originals of public policies (no text, no archive path)."""

    allowed_params = ("policy", "media_type", "page", "page_size")
    csv_columns = DOCUMENT_FIELDS

    def build(self, request):
        queryset = rows.public_documents()
        policy_id = int_param(request, "policy", 1, 2**62)
        if policy_id is not None:
            condition = Q(id__in=PolicyVersion.objects.filter(policy_id=policy_id).values("document_id"))
            if rows.has_field(Document, "policy"):
                condition |= Q(policy_id=policy_id)
            queryset = queryset.filter(condition)
        media_type = one(request, "media_type")
        if media_type:
            queryset = queryset.filter(media_type=media_type[:128])
        page_size = self.page_size(request)
        page = number_page(request, queryset.order_by("id"), int_param(request, "page", 1, 1_000_000, 1), page_size)
        policy_ids = rows.document_policy_ids(page.items)
        base = base_url(request)
        return self.listing(request, page, [rows.document_row(d, policy_ids[d.pk], base) for d in page.items],
                            page_size)


class DocumentDetailView(DataView):
    csv_columns = DOCUMENT_FIELDS

    def build(self, request, sha256: str):
        document = rows.public_documents().filter(sha256=sha256.lower()).first()
        if document is None:
            raise Http404(f"No public document with sha256 {sha256[:64]}.")
        return rows.document_row(document, rows.document_policy_ids([document])[document.pk], base_url(request))


# -- fall-backs -------------------------------------------------------------------------------

class NotFoundView(DataView):
    """Any other path under /api/: a JSON 404 instead of the site's HTML page."""

    schema = None

    def get(self, request, *args, **kwargs):
        raise Http404(f"No API endpoint at {request.path[:200]}. See /api/docs/.")


def api_root_redirect(request):
    return redirect("/api/v1/")

