"""What pages, exports, the API and the report show of non-state actors: filters, plain dicts
and the comparison of an actor's peak and neutrality years with its sector's and its
headquarters province's. Every query starts from ``Actor.objects.public()`` /
``Commitment.objects.public()``: a draft appears nowhere."""

from __future__ import annotations

from statistics import median
from typing import Any

from django.db.models import Count, Prefetch, Q

from ccnt.tracker import insights
from ccnt.tracker.models import Jurisdiction, Sector, Target
from ccnt.tracker.serializers import target_dict

from .models import Actor, ActorKind, Commitment

YEAR_INDICATORS = ("co2_peak", "carbon_neutrality")
ACTOR_FILTERS = ("q", "kind", "sector", "headquarters", "has_commitments", "page")


class BadFilter(ValueError):
    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param


def _values(params, name: str) -> list[str]:
    raw = params.getlist(name) if hasattr(params, "getlist") else [params.get(name) or ""]
    return [v.strip() for item in raw for v in str(item).split(",") if v.strip()]


def parse_actor_filters(params) -> dict[str, Any]:
    """The actors list's filters from a query string; a bad value raises ``BadFilter``."""
    filters: dict[str, Any] = {"q": (params.get("q") or "").strip()}
    kinds = _values(params, "kind")
    bad = [k for k in kinds if k not in ActorKind.values]
    if bad:
        raise BadFilter("kind", f"unknown kind {bad[0]!r}; one of {', '.join(ActorKind.values)}")
    filters["kind"] = kinds
    sectors = _values(params, "sector")
    known = set(Sector.objects.values_list("code", flat=True))
    bad = [s for s in sectors if s not in known]
    if bad:
        raise BadFilter("sector", f"unknown sector {bad[0]!r}")
    filters["sector"] = sectors
    hq = []
    for code in _values(params, "headquarters"):
        place = Jurisdiction.objects.by_adcode(code) if code.isdigit() and len(code) == 6 else None
        if place is None:
            raise BadFilter("headquarters", f"'headquarters' must be an adcode of a division, got {code!r}")
        hq.append(place)
    filters["headquarters"] = hq
    has = (params.get("has_commitments") or "").strip()
    if has not in ("", "0", "1"):
        raise BadFilter("has_commitments", "'has_commitments' must be 1 or 0")
    filters["has_commitments"] = has
    return filters


def actor_queryset(filters: dict[str, Any] | None = None):
    filters = filters or {}
    qs = Actor.objects.public().select_related("headquarters", "parent").prefetch_related("sectors")
    if filters.get("q"):
        q = filters["q"]
        qs = qs.filter(Q(name__icontains=q) | Q(short_name__icontains=q) | Q(name_en__icontains=q)
                       | Q(aliases__icontains=q))
    if filters.get("kind"):
        qs = qs.filter(kind__in=filters["kind"])
    if filters.get("sector"):
        qs = qs.filter(sectors__code__in=filters["sector"])
    if filters.get("headquarters"):
        cond = Q()
        for place in filters["headquarters"]:
            prefix = place.descendant_codes_prefix()
            cond |= Q(headquarters__adcode__startswith=prefix) if prefix else Q(headquarters__isnull=False)
        qs = qs.filter(cond)
    n_public = Count("commitments", filter=Q(commitments__review_state="published"), distinct=True)
    qs = qs.annotate(n_commitments=n_public)
    if filters.get("has_commitments") == "1":
        qs = qs.filter(n_commitments__gt=0)
    elif filters.get("has_commitments") == "0":
        qs = qs.filter(n_commitments=0)
    return qs.distinct().order_by("name")


def public_commitments():
    return Commitment.objects.public().select_related("actor", "actor__headquarters").prefetch_related(
        Prefetch("targets", queryset=Target.objects.select_related("indicator").order_by("order", "id")))


def jurisdiction_brief(j) -> dict | None:
    return None if j is None else {"adcode": j.adcode, "name": j.name, "level": j.level}


def actor_dict(actor: Actor, brief: bool = False) -> dict[str, Any]:
    data = {
        "actor_id": actor.pk, "name": actor.name, "short_name": actor.short_name, "name_en": actor.name_en,
        "kind": actor.kind, "kind_name": actor.get_kind_display(),
        "headquarters": jurisdiction_brief(actor.headquarters),
        "sectors": [s.code for s in actor.sectors.all()],
        "url": f"/actors/{actor.pk}/",
    }
    if brief:
        return data
    data.update({
        "aliases": list(actor.aliases or []), "credit_code": actor.credit_code, "stock_code": actor.stock_code,
        "parent": ({"actor_id": actor.parent.pk, "name": actor.parent.name}
                   if actor.parent_id and actor.parent.review_state == "published" else None),
        "review_state": actor.review_state,
    })
    if hasattr(actor, "n_commitments"):
        data["commitment_count"] = actor.n_commitments
    return data


def commitment_dict(c: Commitment, with_actor: bool = True) -> dict[str, Any]:
    data = {
        "commitment_id": c.pk, "title": c.title, "date": c.date.isoformat() if c.date else None, "kind": c.kind,
        "kind_name": c.get_kind_display(), "statement": c.statement, "source_title": c.source_title,
        "publisher": c.publisher, "source_url": c.source_url, "review_state": c.review_state,
        "document_sha256": c.document.sha256 if c.document_id else None,
        "targets": [{**target_dict(t), "text": t.text} for t in c.targets.all()],
    }
    if with_actor:
        data["actor"] = actor_dict(c.actor, brief=True)
    return data


def actor_years(actor_ids=None) -> dict[int, dict[str, int]]:
    """{actor id: {indicator: earliest target year}} for peak and neutrality, public only."""
    qs = Target.objects.filter(commitment__in=Commitment.objects.public(), indicator__code__in=YEAR_INDICATORS,
                               target_year__isnull=False)
    if actor_ids is not None:
        qs = qs.filter(commitment__actor_id__in=list(actor_ids))
    out: dict[int, dict[str, int]] = {}
    for actor_id, code, year in qs.values_list("commitment__actor_id", "indicator__code", "target_year"):
        years = out.setdefault(actor_id, {})
        years[code] = min(year, years.get(code, year))
    return out


def _policy_year(code: str, jurisdiction=None, national: bool = False) -> dict | None:
    qs = insights.comparable_targets().filter(indicator__code=code, target_year__isnull=False)
    qs = qs.filter(policy__level="national") if national else qs.filter(policy__jurisdiction=jurisdiction)
    best = min(qs, key=lambda t: (t.target_year, t.policy_id), default=None)
    if best is None:
        return None
    return {"year": best.target_year, "year_comparator": best.year_comparator, "text": best.text,
            "policy_id": best.policy_id, "policy_title": best.policy.title,
            "jurisdiction": jurisdiction_brief(best.policy.jurisdiction)}


def comparison(actor: Actor) -> list[dict[str, Any]]:
    """The actor's peak and neutrality years beside its sectors' actors and its headquarters
    province's (and the nation's) policy targets."""
    own = actor_years([actor.pk]).get(actor.pk, {})
    sectors = list(actor.sectors.all())
    peers = list(Actor.objects.public().filter(sectors__in=sectors).exclude(pk=actor.pk).distinct())
    peer_years = actor_years([p.pk for p in peers])
    province = actor.headquarters.province() if actor.headquarters_id else None
    if province is not None and province.level != "province":
        province = None
    rows = []
    for code in YEAR_INDICATORS:
        sector_rows = []
        for sector in sectors:
            members = [(p, peer_years.get(p.pk, {}).get(code)) for p in peers if sector in p.sectors.all()]
            years = [y for _p, y in members if y is not None]
            sector_rows.append({
                "sector": sector.code, "sector_name": sector.name_zh,
                "actors": [{"actor_id": p.pk, "name": p.display_name, "year": y} for p, y in members if y is not None],
                "earliest": min(years) if years else None, "median": median(years) if years else None,
            })
        rows.append({
            "indicator": code, "actor_year": own.get(code),
            "sectors": sector_rows,
            "province": _policy_year(code, province) if province else None,
            "province_region": jurisdiction_brief(province),
            "national": _policy_year(code, national=True),
        })
    return rows
