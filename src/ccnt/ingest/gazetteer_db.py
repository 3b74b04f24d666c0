"""The analysis gazetteer built from the database: jurisdictions with their aliases (curators'
edits included), authorities with theirs, and the generic authority suffixes from the data file."""

from __future__ import annotations

import csv

from django.db.models import F

from ccnt.analysis.gazetteer import Gazetteer
from ccnt.paths import DATA_DIR


def gazetteer_from_db() -> Gazetteer:
    from ccnt.tracker.models import Authority, Jurisdiction, JurisdictionAlias

    jurisdictions = [
        {
            "adcode": j.adcode, "name": j.name, "short_name": j.short_name, "level": j.level,
            "parent_adcode": j.parent.adcode if j.parent_id else "", "kind": j.kind,
            "valid_from": j.valid_from.isoformat() if j.valid_from else "",
            "valid_to": j.valid_to.isoformat() if j.valid_to else "",
            "successor_adcode": j.successor.adcode if j.successor_id else "",
        }
        # the current holder of a code comes last and wins
        for j in Jurisdiction.objects.select_related("parent", "successor").order_by(
            "adcode", F("valid_to").asc(nulls_last=True)
        )
    ]
    aliases = [
        {"adcode": a.jurisdiction.adcode, "alias": a.alias, "never_alone": a.never_alone}
        for a in JurisdictionAlias.objects.select_related("jurisdiction")
    ]
    authorities = [
        {"name": a.name, "aliases": "|".join(a.aliases or []), "kind": a.kind, "name_en": a.name_en,
         "adcode": a.jurisdiction.adcode if a.jurisdiction_id else "100000"}
        for a in Authority.objects.select_related("jurisdiction")
    ]
    suffixes = []
    path = DATA_DIR / "authority_suffixes.csv"
    if path.exists():
        with path.open(encoding="utf-8-sig", newline="") as handle:
            suffixes = [dict(row) for row in csv.DictReader(handle)]
    if not jurisdictions:  # an empty database (reference data not loaded): the data files
        return Gazetteer.from_data_files()
    return Gazetteer(jurisdictions=jurisdictions, aliases=aliases, authorities=authorities,
                     authority_suffixes=suffixes, actors=actor_rows())


def actor_rows() -> list[dict]:
    """The actor registry for the analysis (names, short names, aliases; curators' edits
    included). Rejected actors are left out."""
    from ccnt.actors.models import Actor

    return [
        {"name": a.name, "short_name": a.short_name, "aliases": list(a.aliases or []), "kind": a.kind,
         "key": str(a.pk), "parent": a.parent.name if a.parent_id else "", "name_en": a.name_en}
        for a in Actor.objects.exclude(review_state="rejected").select_related("parent")
    ]
