"""The OpenAPI description of the API (drf-spectacular): response shapes, parameters and one
example request per endpoint. The serializers here only describe; the rows come from ``rows``
(the exports' serializers), and a test checks every field of every row is described."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers as s

from ccnt.tracker.models.geo import JurisdictionKind, Level
from ccnt.tracker.models.policy import Comparator, MetricKind

from . import views
from .fields import POLICY_FIELDS, TARGET_ROW_FIELDS
from .views import SORTS


def opt(field):
    field.required = False
    return field


@extend_schema_field({"oneOf": [{"type": "number"}, {"type": "array", "items": {"type": "number"}}],
                      "nullable": True, "description": "a number, or [low, high] for a range, in unit_normalized"})
class NumberOrRange(s.Field):
    pass


def text(**kw):
    return s.CharField(required=False, **kw)


def ntext(**kw):
    return s.CharField(required=False, allow_null=True, **kw)


def nint(**kw):
    return s.IntegerField(required=False, allow_null=True, **kw)


def ndate(**kw):
    return s.DateField(required=False, allow_null=True, **kw)


def strings(**kw):
    return s.ListField(child=s.CharField(), required=False, **kw)


class Meta(s.Serializer):
    license = text(help_text="licence of the tracker's own data (setting CCNT_DATA_LICENSE)")
    license_url = text()
    sources = text(help_text="third-party sources and their licences")
    citation = text(help_text="how to cite the data")
    notice = text()


class ListMeta(Meta):
    count = s.IntegerField(required=False, help_text="rows matching the filters")
    page_size = s.IntegerField(required=False)
    next = ntext(help_text="URL of the next page (cursor or page number)")
    previous = ntext()
    page = s.IntegerField(required=False, help_text="page-number paging only")
    num_pages = s.IntegerField(required=False, help_text="page-number paging only")
    sort = text()
    mode = text(help_text="policies, sort=relevance: hybrid (keyword and passage results fused) or keyword")
    matched_by_meaning = s.ListField(child=s.IntegerField(), required=False,
                                     help_text="policies of this page found by meaning alone (no keyword match)")
    passages = s.JSONField(required=False, help_text="policy id → its best passages found by meaning: "
                           "start, end (offsets into its text; null for title and summary), heading, url, score")


class Error(s.Serializer):
    status = s.IntegerField()
    detail = s.CharField()
    param = text(help_text="the parameter at fault")
    errors = s.JSONField(required=False)


class TargetFields(s.Serializer):
    target_id = s.IntegerField(required=False)
    indicator = text(help_text="indicator code (see /api/v1/indicators/)")
    indicator_name = text(help_text="the catalogue's name, or for an 'other' target the subject as written")
    indicator_name_en = text(allow_blank=True, help_text="English name; for an 'other' target the subject as written")
    target_year = nint()
    value_low = s.FloatField(required=False, allow_null=True, help_text="as written, in unit")
    value_high = s.FloatField(required=False, allow_null=True)
    unit = text(allow_blank=True)
    value_normalized = NumberOrRange(required=False)
    unit_normalized = text(allow_blank=True)
    comparator = ntext(help_text="=, >=, <=, >, <, ~")
    metric_kind = text(help_text="level / change / cumulative / annual_rate")
    base_year = nint()
    firmness = text(help_text="plain / ensure (确保) / stretch (力争)")
    binding = text(allow_blank=True, help_text="binding (约束性) / indicative (预期性) / empty")
    target_text = text(allow_blank=True, help_text="the sentence the target was read from")
    direction = text(help_text="increase / decrease / level: a change's value is a magnitude in this direction")
    value_text = text(allow_blank=True, help_text="the value as a reader quotes it: 下降14%（较2020年）, ≥ 8%, 约 20%")
    subject = text(allow_blank=True, help_text="what the target counts, as written")
    quantity = text(allow_blank=True, help_text="share / intensity / absolute / count / year (empty: unknown)")
    confidence = s.FloatField(required=False, allow_null=True, help_text="0–1, for a machine-extracted target")
    year_comparator = text()
    start = nint(help_text="character offsets in the policy text: text[start:end] == target_text")
    end = nint()
    verified = s.BooleanField(required=False)


class PolicyFields(s.Serializer):
    policy_id = s.IntegerField(required=False)
    title = text()
    title_en = text(allow_blank=True)
    doc_number = text(allow_blank=True, help_text="发文字号")
    issuers = strings(help_text="issuing bodies, lead issuer first")
    jurisdiction_adcode = ntext()
    jurisdiction_name = ntext()
    level = text(allow_blank=True, help_text="national / province / city / county")
    policy_type = text(allow_blank=True)
    legal_force = text(allow_blank=True)
    category = ntext(help_text="report category code")
    sectors = strings()
    topics = strings()
    signed_date = ndate(help_text="成文日期")
    published_date = ndate(help_text="发布日期")
    status = text(help_text="in_force / expired / superseded / unknown")
    review_state = text(help_text="always 'published' in the public API")
    source_url = text(allow_blank=True)
    jurisdictions = strings(help_text="adcodes of every jurisdiction (joint issuance)")
    category_name = ntext()
    effective_date = ndate()
    expiry_date = ndate()
    summary = text(allow_blank=True)
    summary_en = text(allow_blank=True)
    url = text(help_text="the policy's page")
    targets = TargetFields(many=True, required=False, help_text="with include=targets (always on the detail)")


class PolicyList(s.Serializer):
    meta = ListMeta()
    results = PolicyFields(many=True)


class TargetRow(TargetFields):
    policy_id = s.IntegerField(required=False)
    title = text()
    doc_number = text(allow_blank=True)
    jurisdiction_adcode = ntext()
    jurisdiction_name = ntext()
    level = text(allow_blank=True)
    category = ntext()
    signed_date = ndate()
    published_date = ndate()
    national_benchmark_target_id = nint(
        help_text="the national published policy's target it is compared with (same indicator and year; "
                  "like with like when ambition is above / below / equal)"
    )
    ambition = ntext(help_text="above / below / equal the national target in ambition; not_comparable (another "
                               "kind of quantity, unit or base year, or a local total against the national "
                               "total); null when not compared (a national or unverified target)")


class TargetList(s.Serializer):
    meta = ListMeta()
    results = TargetRow(many=True)


class JurisdictionRow(s.Serializer):
    adcode = s.CharField()
    name = s.CharField()
    short_name = s.CharField(allow_blank=True)
    name_en = s.CharField(allow_blank=True)
    level = s.CharField()
    kind = s.CharField()
    parent_adcode = s.CharField(allow_null=True)
    valid_from = s.DateField(allow_null=True)
    valid_to = s.DateField(allow_null=True)
    successor_adcode = s.CharField(allow_null=True)
    policy_count = s.IntegerField(help_text="public policies of this unit and the units below it")


class JurisdictionDetail(JurisdictionRow):
    ancestors = JurisdictionRow(many=True)
    children = JurisdictionRow(many=True)


class JurisdictionList(s.Serializer):
    meta = ListMeta()
    results = JurisdictionRow(many=True)


class Benchmark(s.Serializer):
    target_id = s.IntegerField()
    policy_id = s.IntegerField()
    title = s.CharField(help_text="the national policy's title")
    target_year = s.IntegerField(allow_null=True)
    metric_kind = s.CharField()
    base_year = s.IntegerField(allow_null=True)
    comparator = s.CharField(allow_null=True)
    value_low = s.FloatField(allow_null=True)
    value_high = s.FloatField(allow_null=True)
    unit = s.CharField(allow_blank=True)
    value_normalized = NumberOrRange()
    unit_normalized = s.CharField(allow_blank=True)
    firmness = s.CharField()


class IndicatorRow(s.Serializer):
    code = s.CharField()
    name_zh = s.CharField()
    name_en = s.CharField()
    unit_family = s.CharField(allow_blank=True)
    better = s.CharField(allow_blank=True)
    sector = s.CharField(allow_null=True)
    aliases = s.ListField(child=s.CharField())
    national_benchmarks = Benchmark(many=True)


class IndicatorList(s.Serializer):
    meta = ListMeta()
    results = IndicatorRow(many=True)


class ReportLinks(s.Serializer):
    html = s.CharField()
    json = s.CharField()


class ReportRow(s.Serializer):
    month = s.CharField(help_text="YYYY-MM")
    status = s.CharField()
    published_at = s.DateTimeField(allow_null=True)
    links = ReportLinks()


class ReportList(s.Serializer):
    meta = ListMeta()
    results = ReportRow(many=True)


class DocumentRow(s.Serializer):
    sha256 = s.CharField()
    url = s.CharField(allow_blank=True)
    media_type = s.CharField(allow_blank=True)
    size = s.IntegerField()
    fetched_at = s.DateTimeField(allow_null=True)
    filename = s.CharField(allow_blank=True)
    policy_ids = s.ListField(child=s.IntegerField())
    download_url = s.CharField(allow_null=True)
    final_url = text(allow_blank=True)
    title = text(allow_blank=True)
    encoding = text(allow_blank=True)
    parse_status = text(allow_blank=True)
    role = text(allow_blank=True)
    http_status = nint()


class DocumentList(s.Serializer):
    meta = ListMeta()
    results = DocumentRow(many=True)


class Index(s.Serializer):
    meta = Meta()
    endpoints = s.DictField(child=s.CharField())


# -- parameters -------------------------------------------------------------------------------

def q(name, type_=str, description="", enum=None, examples=None, **kw):
    return OpenApiParameter(name, type_, OpenApiParameter.QUERY, description=description, enum=enum,
                            examples=examples or [], **kw)


FORMAT = q("format", description="json (default) or csv; or send Accept: text/csv", enum=["json", "csv"])
PAGE = q("page", {"type": "integer", "minimum": 1}, "page number (from 1)")
PAGE_SIZE = q("page_size", {"type": "integer", "minimum": 1, "maximum": 200}, "rows per page, 1–200 (default 50)")
CURSOR = q("cursor", description="opaque position: follow meta.next / meta.previous")
POLICY_FILTERS = [
    q("q", description="full-text search (Chinese words of two characters find longer ones: 储能, 氢能)"),
    q("jurisdiction", description="adcode; includes the units below it (320000 = 江苏省 and its cities)"),
    q("level", enum=Level.values),
    q("category", description="report category code, e.g. energy"),
    q("sector", description="sector code"),
    q("topic", description="topic code"),
    q("type", description="policy type (方案, 意见, 通知 …)"),
    q("legal_force", description="legal force code"),
    q("year", int, "year of the policy's date (published, else signed)"),
    q("date_from", OpenApiTypes.DATE, "from this date (YYYY-MM-DD)"),
    q("date_to", OpenApiTypes.DATE, "up to this date"),
    q("has_targets", bool, "only policies with (or without) quantitative targets"),
]
FIELDS_POLICY = q("fields", description="comma-separated columns to return: " + ", ".join(POLICY_FIELDS + ["targets"]))
ERRORS = {
    (400, "application/json"): OpenApiResponse(Error, description="bad parameter: the message names it"),
    (401, "application/json"): OpenApiResponse(Error, description="invalid or revoked token"),
    (404, "application/json"): OpenApiResponse(Error, description="no such object or page"),
    (406, "application/json"): OpenApiResponse(Error, description="unsupported format or Accept header"),
    (429, "application/json"): OpenApiResponse(Error, description="rate limit: see Retry-After"),
}
LIST_RESPONSE_HEADERS = ("Responses carry ETag and Last-Modified (send If-None-Match / If-Modified-Since for a 304), "
                         "X-Data-License and a Link rel=license header.")


def example(path: str, summary: str = "example request") -> str:
    return f"\n\nExample request:\n\n    curl 'http://127.0.0.1:8000{path}'\n\n{LIST_RESPONSE_HEADERS}"


def document(view, *, summary, description, path, response, parameters=(), tags, examples=(), csv=True):
    responses = {(200, "application/json"): response, **ERRORS}
    if csv:
        responses[(200, "text/csv")] = OpenApiResponse(OpenApiTypes.STR, description="CSV, UTF-8 with BOM")
    extend_schema_view(get=extend_schema(
        operation_id=view.__name__.removesuffix("View").lower(), summary=summary,
        description=description + example(path), parameters=list(parameters), responses=responses, tags=tags,
        examples=list(examples),
    ))(view)


def register() -> None:
    document(views.IndexView, summary="API index", description="The endpoints, the licence and how to cite.",
             path="/api/v1/", response=Index, tags=["index"], csv=False)
    document(
        views.PolicyListView, summary="List and search policies",
        description="Public policies, filtered with the search page's parameters. Sort `relevance` (default with "
        "`q`) is paged by `page`; `-date` (default), `date`, `-id`, `id` by `cursor` (or `page`). "
        "`include=targets` embeds each policy's targets; CSV then has one row per target, as `ccnt export`.",
        path="/api/v1/policies/?q=储能&jurisdiction=320000&page_size=5",
        response=PolicyList, tags=["policies"],
        parameters=POLICY_FILTERS + [
            q("sort", enum=list(SORTS)), PAGE, PAGE_SIZE, CURSOR, FIELDS_POLICY,
            q("include", description="targets: embed the targets", enum=["targets"]), FORMAT,
        ],
        examples=[OpenApiExample("a page", response_only=True, value={
            "meta": {"license": "CC BY 4.0", "count": 1, "page_size": 5, "next": None, "previous": None,
                     "sort": "-date"},
            "results": [{"policy_id": 1, "title": "2030年前碳达峰行动方案", "issuers": ["国务院"],
                         "jurisdiction_adcode": "100000", "level": "national", "category": "one_plus_n"}],
        })],
    )
    document(views.PolicyDetailView, summary="One policy with its targets", description="A published policy.",
             path="/api/v1/policies/1/", response=PolicyFields, tags=["policies"], parameters=[FIELDS_POLICY, FORMAT])
    document(
        views.TargetListView, summary="Targets", description="Quantitative targets of public policies' current "
        "versions, each with its policy's key columns and the national benchmark it compares with.",
        path="/api/v1/targets/?indicator=non_fossil_share&year=2025", response=TargetList, tags=["targets"],
        parameters=[
            q("indicator", description="indicator code(s), comma-separated"), q("year", int, "target year"),
            q("jurisdiction", description="adcode of the policy's jurisdiction (includes units below)"),
            q("level", enum=Level.values), q("category"),
            q("comparator", enum=Comparator.values + ["eq", "ge", "le", "gt", "lt", "approx"]),
            q("metric_kind", enum=MetricKind.values), q("base_year", int), q("policy", int, "policy id"),
            q("fields", description="comma-separated columns: " + ", ".join(TARGET_ROW_FIELDS)),
            PAGE, PAGE_SIZE, CURSOR, FORMAT,
        ],
    )
    document(views.TargetDetailView, summary="One target", description="A public target.",
             path="/api/v1/targets/1/", response=TargetRow, tags=["targets"], parameters=[FORMAT])
    document(
        views.JurisdictionListView, summary="Jurisdictions (the tree, with counts)",
        description="Divisions with their parent's adcode and the number of public policies of each unit and "
        "the units below it. `parent=` lists one node's children; `level=province` the provinces.",
        path="/api/v1/jurisdictions/?level=province", response=JurisdictionList, tags=["jurisdictions"],
        parameters=[q("level", enum=Level.values), q("parent", description="adcode"), q("kind", enum=JurisdictionKind.values),
                    q("has_policies", bool), q("current", bool, "false: include abolished divisions"),
                    PAGE, q("page_size", {"type": "integer", "minimum": 1, "maximum": 1000}, "1–1000 (default 100)"), FORMAT],
    )
    document(views.JurisdictionDetailView, summary="One jurisdiction with ancestors and children",
             description="A division by adcode.", path="/api/v1/jurisdictions/320000/", response=JurisdictionDetail,
             tags=["jurisdictions"], parameters=[FORMAT])
    document(views.IndicatorListView, summary="Indicator catalogue with national benchmarks",
             description="Each benchmark is a link to a published national policy's target.",
             path="/api/v1/indicators/", response=IndicatorList, tags=["indicators"],
             parameters=[q("sector", description="sector code"), FORMAT])
    document(views.IndicatorDetailView, summary="One indicator", description="An indicator by code.",
             path="/api/v1/indicators/non_fossil_share/", response=IndicatorRow, tags=["indicators"],
             parameters=[FORMAT])
    document(views.ReportListView, summary="Published monthly reports", description="Month, status, links.",
             path="/api/v1/reports/", response=ReportList, tags=["reports"],
             parameters=[q("year", int), PAGE, PAGE_SIZE, FORMAT])
    document(views.DocumentListView, summary="Archived documents (metadata)",
             description="Originals attached to public policies: checksum, size, media type, where fetched.",
             path="/api/v1/documents/?policy=1", response=DocumentList, tags=["documents"],
             parameters=[q("policy", int, "policy id"), q("media_type"), PAGE, PAGE_SIZE, FORMAT])
    document(views.DocumentDetailView, summary="One archived document (metadata)", description="By sha256.",
             path="/api/v1/documents/<sha256>/", response=DocumentRow, tags=["documents"], parameters=[FORMAT])
