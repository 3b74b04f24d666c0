"""The 1+N matrix: regions × the national overall plan and the sectoral carbon-peaking plans.

A cell lists the region's published plans for its column, each with how we know it belongs there
(``basis``), strongest first:

- ``relation``: a curator confirmed that the plan implements the column's national plan (已确认);
- ``cites``: the plan's own text cites the column's national plan (引用国家方案);
- ``classified``: the plan's category and sectors put it there (按分类归入, inferred).

A plan several regions issued together (成渝地区双城经济圈…联合行动方案) is ``joint``: shown, but not
counted as either region's own plan. One document listed twice (黑龙江关于… and 关于…, the same
rolling plan) is shown once. An empty cell is a gap in what ccnt holds, not proof that nothing was
issued — the page says so, with the date the data was last changed.

Rejected: ticking a cell for any plan classified under the column, which showed the joint 成渝 plan
as Chongqing's overall plan and counted one rolling plan twice.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import Max, Q

from ccnt.editorial import editorial

from .insights import NATIONAL_ADCODE
from .models import Jurisdiction, Policy, PolicyRelation, Sector

# Hong Kong, Macau and Taiwan are on the map but outside the mainland 1+N system.
NOT_IN_MATRIX = {"710000", "810000", "820000"}
# the plan types, the sector columns and the core columns: data/editorial.toml, [matrix]
PLAN_TYPES = editorial().plan_types
OVERALL_SECTORS = {"economy", "cross_sector"}
# The matrix's columns: the overall plan, then the sectors of the national "N" plans.
MATRIX_SECTORS = list(editorial().matrix_sectors)
# always shown, even while empty: the gaps are the point
CORE_SECTORS = editorial().core_sectors
BASIS_ORDER = {"relation": 0, "cites": 1, "classified": 2, "joint": 3}
SAME_DOCUMENT_RATIO = 0.9  # titles this alike, in one region and one cell, are one document listed twice


@dataclass
class Column:
    key: str
    sector: Sector | None
    national: list[Policy]


def _sector_codes(policy: Policy) -> set[str]:
    return {s.code for s in policy.sectors.all()}


def fits(policy: Policy, column_key: str, codes: set[str] | None = None) -> bool:
    """Whether ``policy`` belongs in the column; ``codes``: its sector codes, when already read
    (``matrix_rows`` asks of each plan once per column: reading them through the related manager
    each time built a manager per question, a fifth of a cold matrix page)."""
    codes = _sector_codes(policy) if codes is None else codes
    if column_key == "overall":
        return bool(codes) and codes <= OVERALL_SECTORS and "economy" in codes
    return column_key in codes


def one_plus_n():
    """Published 1+N plans (the plan types only: a notice in the 1+N category is not a plan)."""
    return Policy.objects.public().filter(category__code="one_plus_n", policy_type__in=PLAN_TYPES).select_related(
        "jurisdiction", "category"
    ).prefetch_related("sectors", "jurisdictions")


def matrix_columns() -> list[Column]:
    """The matrix's columns with their national plans; the same for every page until the public
    data changes."""
    from ccnt.search.index import per_generation

    return per_generation("matrix_columns", _matrix_columns)


def _matrix_columns() -> list[Column]:
    national = list(one_plus_n().filter(jurisdiction__adcode=NATIONAL_ADCODE))
    sectors = {s.code: s for s in Sector.objects.filter(code__in=MATRIX_SECTORS)}
    columns = [Column("overall", None, [p for p in national if fits(p, "overall")])]
    # which sectors some local plan is classified under: asked of the database, since local plans
    # run to tens of thousands at scale and loading them took seconds per region page
    local_sectors = set(
        Sector.objects.filter(policy__in=one_plus_n().exclude(jurisdiction__adcode=NATIONAL_ADCODE)
                              .order_by().values("pk")).values_list("code", flat=True).distinct()
    )
    for code in MATRIX_SECTORS:
        if code not in sectors:
            continue
        column = Column(code, sectors[code], [p for p in national if fits(p, code)])
        if code in CORE_SECTORS or column.national or code in local_sectors:
            columns.append(column)
    return columns


def _is_joint(policy: Policy, region: Jurisdiction, levels: dict[int, list[str]] | None = None) -> bool:
    """Issued for several regions of the row's level together (a joint plan of two provinces);
    ``levels``: each plan's regions' levels by its pk, where already read."""
    found = levels.get(policy.pk) if levels is not None else None
    if found is None:
        found = [j.level for j in policy.jurisdictions.all()]
    return sum(1 for level in found if level == region.level) > 1


def _title_key(policy: Policy, region: Jurisdiction) -> str:
    """The title without punctuation and without the region's name in front: 黑龙江关于X = 关于X."""
    title = re.sub(r"[\W_]", "", unicodedata.normalize("NFKC", policy.title or ""))
    for name in sorted({region.name, re.sub(r"(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$", "",
                                            region.name)}, key=len, reverse=True):
        if name and title.startswith(name):
            return title[len(name):]
    return title


def _once(found: list[tuple[Policy, str]], region: Jurisdiction) -> list[tuple[Policy, str]]:
    """Each document once: of two entries whose titles are nearly the same, the one with a
    document number (else the older entry) stays."""
    kept: list[tuple[Policy, str]] = []
    ranked = sorted(found, key=lambda pair: (BASIS_ORDER[pair[1]], not pair[0].doc_number, pair[0].pk))
    for policy, basis in ranked:
        key = _title_key(policy, region)
        if any(SequenceMatcher(None, key, _title_key(other, region)).ratio() >= SAME_DOCUMENT_RATIO
               for other, _ in kept):
            continue
        kept.append((policy, basis))
    return kept


def _newest_first(found: list[tuple[Policy, str]]) -> list[tuple[Policy, str]]:
    return sorted(found, key=lambda pair: (BASIS_ORDER[pair[1]] == BASIS_ORDER["joint"],
                                           -(pair[0].date.toordinal() if pair[0].date else 0)))


def matrix_rows(jurisdictions: list[Jurisdiction], columns: list[Column]) -> list[dict]:
    """For each jurisdiction, each column's plans with their basis (see the module's docstring);
    ``issued`` counts the columns holding a plan of the region's own."""
    ids = [j.pk for j in jurisdictions]
    plans = list(one_plus_n().filter(jurisdiction_id__in=ids))
    by_place: dict[int, list[Policy]] = defaultdict(list)
    for p in plans:
        by_place[p.jurisdiction_id].append(p)
    national_ids = {p.pk: c.key for c in columns for p in c.national}
    linked: dict[tuple[int, str], dict[int, tuple[Policy, str]]] = defaultdict(dict)
    plans_by_pk = {p.pk: p for p in plans}  # sectors and jurisdictions prefetched once
    codes = {p.pk: _sector_codes(p) for p in plans}  # and read once per plan, not once per column
    levels = {p.pk: [j.level for j in p.jurisdictions.all()] for p in plans}
    relations = PolicyRelation.objects.filter(
        Q(kind="implements", confirmed=True) | Q(kind="cites"), target_id__in=national_ids.keys(),
        source__in=Policy.objects.public(), source__jurisdiction_id__in=ids,
    ).select_related("source", "source__jurisdiction").prefetch_related("source__jurisdictions")
    for rel in relations:
        basis = "relation" if rel.kind == "implements" else "cites"
        source = plans_by_pk.get(rel.source_id, rel.source)
        if rel.kind == "cites" and (rel.source_id not in plans_by_pk
                                    or not fits(source, national_ids[rel.target_id], codes[rel.source_id])):
            continue  # only a 1+N plan of the column's own sector that cites it, not any notice
        cell = linked[(source.jurisdiction_id, national_ids[rel.target_id])]
        if source.pk not in cell or BASIS_ORDER[basis] < BASIS_ORDER[cell[source.pk][1]]:
            cell[source.pk] = (source, basis)
    rows = []
    for j in jurisdictions:
        cells = []
        for c in columns:
            found = list(linked.get((j.pk, c.key), {}).values())
            seen = {p.pk for p, _ in found}
            found += [(p, "classified") for p in by_place.get(j.pk, []) if fits(p, c.key, codes[p.pk]) and p.pk not in seen]
            found = [(p, "joint" if _is_joint(p, j, levels) else basis) for p, basis in found]
            cells.append({"column": c, "policies": _newest_first(_once(found, j))})
        rows.append({"jurisdiction": j, "cells": cells,
                     "issued": sum(1 for cell in cells if any(b != "joint" for _, b in cell["policies"]))})
    return rows


def matrix_provinces() -> list[Jurisdiction]:
    return list(
        Jurisdiction.objects.current().filter(level="province", kind="division")
        .exclude(adcode__in=NOT_IN_MATRIX).order_by("adcode")
    )


def as_of() -> datetime.date | None:
    """When the public data was last changed: the date the matrix is true as of."""
    latest = Policy.objects.public().aggregate(latest=Max("updated_at"))["latest"]
    return latest.date() if latest else None
