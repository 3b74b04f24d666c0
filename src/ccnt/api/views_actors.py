"""``/api/v1/actors/``, ``/api/v1/actors/<id>/`` and ``/api/v1/commitments/``: non-state actors
and their commitments (published only), with the pages' filters (``kind``, ``sector``,
``headquarters`` — an adcode, including the units below it — and ``q``)."""

from __future__ import annotations

from django.http import Http404

from ccnt.actors.data import (
    BadFilter,
    actor_dict,
    actor_queryset,
    actor_years,
    commitment_dict,
    comparison,
    parse_actor_filters,
    public_commitments,
)
from ccnt.actors.models import Actor, CommitmentKind

from .errors import bad_request
from .pagination import number_page
from .renderers import JSONRenderer
from .views import DataView, int_param, list_param

ACTOR_FIELDS = ["actor_id", "name", "short_name", "name_en", "kind", "kind_name", "aliases", "credit_code",
                "stock_code", "headquarters", "sectors", "parent", "commitment_count", "peak_year", "neutrality_year",
                "url"]
COMMITMENT_FIELDS = ["commitment_id", "actor", "title", "date", "kind", "kind_name", "statement", "source_title",
                     "publisher", "source_url", "document_sha256", "targets"]


def _filters(request):
    try:
        return parse_actor_filters(request.query_params)
    except BadFilter as error:
        raise bad_request(str(error), error.param) from error


class ActorListView(DataView):
    """Published actors; ``q``, ``kind``, ``sector``, ``headquarters``, ``has_commitments``."""

    allowed_params = ("q", "kind", "sector", "headquarters", "has_commitments", "page", "page_size")
    csv_columns = ACTOR_FIELDS

    def build(self, request):
        queryset = actor_queryset(_filters(request))
        page_size = self.page_size(request)
        page = number_page(request, queryset, int_param(request, "page", 1, 1_000_000, 1), page_size)
        years = actor_years([a.pk for a in page.items])
        results = [{**actor_dict(a), "peak_year": years.get(a.pk, {}).get("co2_peak"),
                    "neutrality_year": years.get(a.pk, {}).get("carbon_neutrality"),
                    "url": request.build_absolute_uri(f"/actors/{a.pk}/")} for a in page.items]
        return self.listing(request, page, results, page_size)


class ActorDetailView(DataView):
    """One published actor with its commitments, subsidiaries and the peak / neutrality comparison.
    JSON only, as its schema says (nested commitments make no table)."""

    renderer_classes = [JSONRenderer]

    def build(self, request, pk: int):
        actor = actor_queryset().filter(pk=pk).first()
        if actor is None:
            raise Http404(f"No public actor {pk}.")
        return {
            **actor_dict(actor),
            "commitments": [commitment_dict(c, with_actor=False)
                            for c in public_commitments().filter(actor=actor).order_by("-date", "-id")],
            "subsidiaries": [actor_dict(s, brief=True) for s in Actor.objects.public().filter(parent=actor)],
            "comparison": comparison(actor),
        }


class CommitmentListView(DataView):
    """Published commitments of published actors, each with its targets and verbatim statement;
    ``actor`` (id), ``kind``, ``year`` (a target year), and the actors' ``actor_kind``, ``sector``,
    ``headquarters``."""

    allowed_params = ("actor", "kind", "year", "actor_kind", "sector", "headquarters", "page", "page_size")
    csv_columns = [c for c in COMMITMENT_FIELDS if c not in ("actor", "targets")] + ["actor_id", "actor_name"]

    def build(self, request):
        queryset = public_commitments()
        actor_id = int_param(request, "actor", 1, 2**62)
        if actor_id is not None:
            queryset = queryset.filter(actor_id=actor_id)
        kinds = list_param(request, "kind", list(CommitmentKind.values))
        if kinds:
            queryset = queryset.filter(kind__in=kinds)
        year = int_param(request, "year", 1900, 2200)
        if year is not None:
            queryset = queryset.filter(targets__target_year=year)
        params = request.query_params.copy()
        if "actor_kind" in params:
            params.setlist("kind", params.getlist("actor_kind"))
        else:
            params.pop("kind", None)
        try:
            actor_filters = parse_actor_filters(params)
        except BadFilter as error:
            param = "actor_kind" if error.param == "kind" else error.param
            raise bad_request(str(error), param) from error
        if actor_filters["kind"] or actor_filters["sector"] or actor_filters["headquarters"]:
            queryset = queryset.filter(actor__in=actor_queryset(actor_filters).values("pk"))
        page_size = self.page_size(request)
        page = number_page(request, queryset.distinct().order_by("id"), int_param(request, "page", 1, 1_000_000, 1),
                           page_size)
        return self.listing(request, page, [commitment_dict(c) for c in page.items], page_size)

    def csv_table(self, results):
        columns = self.csv_columns
        rows = ([*(row.get(c) for c in columns[:-2]), row["actor"]["actor_id"], row["actor"]["name"]]
                for row in results)
        return columns, rows


def register() -> None:
    """The OpenAPI documentation of these endpoints (called by ``ccnt.api.urls``)."""
    from drf_spectacular.types import OpenApiTypes

    from .openapi import FORMAT, PAGE, PAGE_SIZE, document, q

    actor_filters = [
        q("q", description="part of the name, short name or an alias"),
        q("kind", description="actor kind(s), comma-separated: " + ", ".join(ActorKind_values())),
        q("sector", description="sector code(s)"),
        q("headquarters", description="adcode; includes the units below it (350000 = 福建省 and its cities)"),
    ]
    document(ActorListView, summary="Non-state actors", description="Published actors (SOEs, companies, "
             "financial institutions, associations) with their earliest peak and neutrality years.",
             path="/api/v1/actors/?kind=central_soe&sector=energy", response=OpenApiTypes.OBJECT, tags=["actors"],
             parameters=[*actor_filters, q("has_commitments", description="1 or 0", enum=["1", "0"]), PAGE,
                         PAGE_SIZE, FORMAT])
    document(ActorDetailView, summary="One actor with its commitments", description="A published actor, its "
             "commitments (verbatim statements, sources, targets), subsidiaries and the comparison of its peak and "
             "neutrality years with its sectors' actors, its headquarters province's and the nation's targets.",
             path="/api/v1/actors/1/", response=OpenApiTypes.OBJECT, tags=["actors"], csv=False)
    document(CommitmentListView, summary="Commitments of non-state actors", description="Published commitments "
             "of published actors, each with its targets.", path="/api/v1/commitments/?year=2030",
             response=OpenApiTypes.OBJECT, tags=["actors"],
             parameters=[q("actor", int, "actor id"), q("kind", description="commitment kind(s): "
                                                        + ", ".join(CommitmentKind.values)),
                         q("year", int, "a target year"), q("actor_kind", description="the actor's kind(s)"),
                         q("sector", description="the actor's sector(s)"),
                         q("headquarters", description="adcode of the actor's headquarters (includes units below)"),
                         PAGE, PAGE_SIZE, FORMAT])


def ActorKind_values() -> list[str]:  # noqa: N802 - reads as the enum's values
    from ccnt.actors.models import ActorKind

    return list(ActorKind.values)
