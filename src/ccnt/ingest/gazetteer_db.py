"""The analysis gazetteer built from the database: jurisdictions with their aliases (curators'
edits included), authorities with theirs, and the generic authority suffixes from the data file."""

from __future__ import annotations

import csv

from django.db.models import F

from ccnt.analysis.gazetteer import Gazetteer
from ccnt.paths import DATA_DIR


def gazetteer_from_db() -> Gazetteer:
    """Invariant: the same rows as the tables hold, each jurisdiction's parent and successor as
    adcodes. Read as plain values (``values``), not model instances: the 3 357 divisions
    with their parents and successors were 10 000 instances for each ingest, crawl and corpus
    load (and for each test that ingests), more than half the build's CPU. Rejected: a gazetteer
    kept between calls, which would need to know when a curator edits a name or an alias."""
    from ccnt.tracker.models import Authority, Jurisdiction, JurisdictionAlias

    jurisdictions = list(
        # the current holder of a code comes last and wins
        Jurisdiction.objects.order_by("adcode", F("valid_to").asc(nulls_last=True)).values(
            "adcode", "name", "short_name", "level", "kind", "valid_from", "valid_to",
            parent_adcode=F("parent__adcode"), successor_adcode=F("successor__adcode"))
    )
    for row in jurisdictions:
        row.update(parent_adcode=row["parent_adcode"] or "", successor_adcode=row["successor_adcode"] or "",
                   valid_from=_iso(row["valid_from"]), valid_to=_iso(row["valid_to"]))
    aliases = list(JurisdictionAlias.objects.values("alias", "never_alone", adcode=F("jurisdiction__adcode")))
    authorities = [
        {"name": name, "aliases": "|".join(names or []), "kind": kind, "name_en": name_en, "adcode": adcode or "100000"}
        for name, names, kind, name_en, adcode in Authority.objects.values_list(
            "name", "aliases", "kind", "name_en", "jurisdiction__adcode")
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


def _iso(day) -> str:
    return day.isoformat() if day else ""


def actor_rows() -> list[dict]:
    """The actor registry for the analysis (names, short names, aliases; curators' edits
    included). Rejected actors are left out."""
    from ccnt.actors.models import Actor

    return [
        {"name": a.name, "short_name": a.short_name, "aliases": list(a.aliases or []), "kind": a.kind,
         "key": str(a.pk), "parent": a.parent.name if a.parent_id else "", "name_en": a.name_en}
        for a in Actor.objects.exclude(review_state="rejected").select_related("parent")
    ]
