"""Public pages of non-state actors: the list with filters and facets, one actor's page (its
commitments with their source sentences, its group, the policies naming it, and its peak and
neutrality years beside its sector's and its province's). ``?format=json`` everywhere; every
query starts from ``Actor.objects.public()`` / ``Commitment.objects.public()``."""

from __future__ import annotations

from collections import Counter

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render

from ccnt.ops.ratelimit import rate_limited
from ccnt.tracker.models import Policy, Sector
from ccnt.tracker.views import json_response, wants_json

from .data import (
    BadFilter,
    actor_dict,
    actor_queryset,
    actor_years,
    commitment_dict,
    comparison,
    parse_actor_filters,
    public_commitments,
)
from .models import Actor, ActorKind

PAGE_SIZE = 50


def _bad(param: str, message: str) -> JsonResponse:
    return JsonResponse({"status": 400, "detail": message, "param": param}, status=400,
                        json_dumps_params={"ensure_ascii": False})


def actor_list(request):
    try:
        filters = parse_actor_filters(request.GET)
    except BadFilter as error:
        return _bad(error.param, str(error))
    qs = actor_queryset(filters)
    actors = list(qs)
    years = actor_years([a.pk for a in actors])
    kind_counts = Counter(a.kind for a in actor_queryset({**filters, "kind": []}))
    sector_counts = Counter(s.code for a in actor_queryset({**filters, "sector": []}) for s in a.sectors.all())
    try:
        page_number = max(1, int(request.GET.get("page") or 1))
    except ValueError:
        return _bad("page", "'page' must be a positive integer")
    page = Paginator(actors, PAGE_SIZE).get_page(page_number)
    rows = [{**actor_dict(a), "peak_year": years.get(a.pk, {}).get("co2_peak"),
             "neutrality_year": years.get(a.pk, {}).get("carbon_neutrality")} for a in page.object_list]
    sectors = {s.code: s for s in Sector.objects.all()}
    facets = {
        "kind": [{"value": k, "label": label, "count": kind_counts.get(k, 0)} for k, label in ActorKind.choices],
        "sector": [{"value": c, "label": sectors[c].name_zh, "count": n} for c, n in sorted(sector_counts.items())
                   if c in sectors],
    }
    if wants_json(request):
        return json_response({
            "count": len(actors), "page": page.number, "num_pages": page.paginator.num_pages,
            "filters": {"q": filters["q"], "kind": filters["kind"], "sector": filters["sector"],
                        "headquarters": [j.adcode for j in filters["headquarters"]],
                        "has_commitments": filters["has_commitments"]},
            "facets": facets, "results": rows,
        })
    return render(request, "actors/actor_list.html", {
        "rows": rows, "count": len(actors), "page": page, "facets": facets, "filters": filters,
        "kinds": ActorKind.choices, "sectors": Sector.objects.all(),
        "hq": ",".join(j.adcode for j in filters["headquarters"]),
    })


def actor_detail(request, pk: int):
    actor = Actor.objects.public().select_related("headquarters", "parent").filter(pk=pk).first()
    if actor is None:
        raise Http404("No such actor")
    commitments = list(public_commitments().filter(actor=actor).order_by("-date", "-id"))
    subsidiaries = list(Actor.objects.public().filter(parent=actor).order_by("name"))
    parent = actor.parent if actor.parent_id and actor.parent.review_state == "published" else None
    policies = list(Policy.objects.public().filter(actors=actor).order_by("-published_date", "-id")[:50])
    rows = comparison(actor)
    if wants_json(request):
        return json_response({
            "actor": actor_dict(actor),
            "commitments": [commitment_dict(c, with_actor=False) for c in commitments],
            "subsidiaries": [actor_dict(s, brief=True) for s in subsidiaries],
            "policies": [{"policy_id": p.pk, "title": p.title, "url": f"/policies/{p.pk}/"} for p in policies],
            "comparison": rows,
        })
    return render(request, "actors/actor_detail.html", {
        "actor": actor, "commitments": commitments, "subsidiaries": subsidiaries, "parent": parent,
        "policies": policies, "comparison": rows,
    })


@rate_limited("export")
def commitments_export(request, fmt: str):
    """``/actors/export.csv|xlsx|json``: published commitments, one row per target."""
    import io

    from django.http import HttpResponse

    from ccnt.actors.export import commitment_queryset, iter_commitments, write_commitments

    if fmt not in ("csv", "xlsx", "json"):
        raise Http404("No such format")
    rows = iter_commitments(commitment_queryset())
    if fmt == "xlsx":
        buffer = io.BytesIO()
        write_commitments(rows, fmt, buffer)
        response = HttpResponse(buffer.getvalue(), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    else:
        buffer = io.StringIO()
        write_commitments(rows, fmt, buffer)
        response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type=(
            "text/csv; charset=utf-8" if fmt == "csv" else "application/json"))
    response["Content-Disposition"] = f'attachment; filename="ccnt-commitments.{fmt}"'
    return response
