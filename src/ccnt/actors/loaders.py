"""Load the demo's non-state actors and their commitments from ``src/ccnt/data/actors.json``.

Every commitment carries the verbatim sentence that states it, the source's title, publisher and
address; its targets are hand-curated (each target's ``text`` is a substring of the sentence, and
``start``/``end`` are its offsets in it). Idempotent: rows are matched on ``import_key``; a field a
curator changed is never overwritten; targets are rewritten only when the file's differ. Actors
named in the demo policies' texts are linked to those policies (``Actor.policies``).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction

from ccnt.paths import DATA_DIR
from ccnt.tracker.loaders.demo import normalise_value
from ccnt.tracker.loaders.reference import DataFileError
from ccnt.tracker.models import Indicator, Jurisdiction, Sector, Target
from ccnt.tracker.models.review import FieldSource, ReviewState

from .models import Actor, Commitment

log = logging.getLogger(__name__)
ACTORS_FILE = DATA_DIR / "actors.json"
IMPORT = "import:demo"

ACTOR_FIELDS = ("short_name", "name_en", "kind", "credit_code", "stock_code")
COMMITMENT_FIELDS = ("title", "kind", "statement", "source_title", "publisher", "source_url", "date")
TARGET_FIELDS = ("indicator_id", "target_year", "year_comparator", "value_low", "value_high", "unit",
                 "value_normalized_low", "value_normalized_high", "unit_normalized", "comparator", "metric_kind",
                 "base_year", "period_start", "direction", "firmness", "text", "start", "end")


@dataclass
class ActorLoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    commitments: int = 0
    targets: int = 0
    linked_policies: int = 0
    problems: list[str] = field(default_factory=list)


def read_actors(path: Path = ACTORS_FILE) -> list[dict]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["actors"]
    except (OSError, json.JSONDecodeError, KeyError) as error:
        raise DataFileError(f"{path}: {error}") from error


class ActorLoader:
    def __init__(self, path: Path = ACTORS_FILE) -> None:
        self.rows = read_actors(path)
        self.sectors = {s.code: s for s in Sector.objects.all()}
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.report = ActorLoadReport()

    def run(self, link_policies: bool = True) -> ActorLoadReport:
        actors: dict[str, Actor] = {}
        for row in self.rows:
            with transaction.atomic():
                actors[row["name"]] = self.load_actor(row)
        for row in self.rows:  # parents once every actor exists
            actor, parent = actors[row["name"]], actors.get(row.get("parent") or "")
            if actor.parent_id != (parent.pk if parent else None) and actor.set_field("parent", parent, IMPORT):
                actor.save(update_fields=["parent", "field_sources", "updated_at"])
        for row in self.rows:
            for number, item in enumerate(row.get("commitments") or [], start=1):
                with transaction.atomic():
                    self.load_commitment(actors[row["name"]], number, item)
        if link_policies:
            self.report.linked_policies = link_policy_mentions()
        return self.report

    # ------------------------------------------------------------------ actors
    def load_actor(self, row: dict) -> Actor:
        key = f"demo:actor:{row['name']}"
        actor = Actor.objects.filter(import_key=key).first() or Actor.objects.filter(name=row["name"]).first()
        created = actor is None
        if created:
            actor = Actor(name=row["name"], import_key=key, review_state=ReviewState.PUBLISHED)
        changed = False
        for name in ACTOR_FIELDS:
            value = row.get(name) or ""
            if getattr(actor, name) != value and actor.set_field(name, value, IMPORT):
                changed = True
        aliases = list(row.get("aliases") or [])
        if list(actor.aliases or []) != aliases and actor.set_field("aliases", aliases, IMPORT):
            changed = True
        hq = Jurisdiction.objects.by_adcode(row["headquarters_adcode"]) if row.get("headquarters_adcode") else None
        if actor.headquarters_id != (hq.pk if hq else None) and actor.set_field("headquarters", hq, IMPORT):
            changed = True
        if created or changed:
            actor.save()
        sectors = [self.sectors[c] for c in row.get("sectors") or [] if c in self.sectors]
        if actor.field_sources.get("sectors") != FieldSource.CURATOR and {s.pk for s in actor.sectors.all()} != {
                s.pk for s in sectors}:
            actor.sectors.set(sectors)
            changed = True
        if created:
            self.report.created += 1
        elif changed:
            self.report.updated += 1
        else:
            self.report.unchanged += 1
        return actor

    # ------------------------------------------------------------------ commitments
    def load_commitment(self, actor: Actor, number: int, item: dict) -> Commitment:
        key = f"demo:commitment:{actor.name}:{number}"
        commitment = Commitment.objects.filter(import_key=key).first()
        if commitment is None:
            commitment = Commitment(actor=actor, import_key=key, review_state=ReviewState.PUBLISHED)
        values = {
            "title": item["title"], "kind": item.get("kind") or "other", "statement": item["statement"],
            "source_title": item.get("source_title") or "", "publisher": item.get("publisher") or "",
            "source_url": item.get("url") or "", "date": date.fromisoformat(item["date"]) if item.get("date") else None,
        }
        changed = commitment.pk is None
        for name in COMMITMENT_FIELDS:
            if getattr(commitment, name) != values[name] and commitment.set_field(name, values[name], IMPORT):
                changed = True
        provenance = {"source": {"title": values["source_title"], "publisher": values["publisher"],
                                 "url": values["source_url"], "via": item.get("via")}}
        if commitment.extracted != provenance:
            commitment.extracted = provenance
            changed = True
        if changed:
            commitment.save()
        self.report.commitments += 1
        self.load_targets(commitment, item.get("targets") or [])
        return commitment

    def load_targets(self, commitment: Commitment, rows: list[dict]) -> None:
        statement = commitment.statement
        wanted = []
        for order, row in enumerate(rows):
            indicator = self.indicators.get(row["indicator"]) or self.indicators.get("other")
            start = statement.find(row["text"])
            if indicator is None or start < 0:
                self.report.problems.append(f"{commitment}: target text not in the statement: {row['text']}")
                continue
            low, high, unit = row.get("value_low"), row.get("value_high"), row.get("unit") or ""
            norm_low, norm_high, unit_normalized = normalise_value(low, high, unit) if low is not None else (None, None, "")
            wanted.append({
                "order": order, "indicator_id": indicator.pk, "target_year": row.get("target_year"),
                "year_comparator": row.get("year_comparator") or "=", "value_low": low, "value_high": high, "unit": unit,
                "value_normalized_low": norm_low, "value_normalized_high": norm_high,
                "unit_normalized": unit_normalized or "", "comparator": row.get("comparator") or "",
                "metric_kind": row.get("metric_kind") or "level", "base_year": row.get("base_year"),
                "period_start": row.get("period_start"), "direction": row.get("direction") or "level",
                "firmness": row.get("firmness") or "plain", "text": row["text"], "start": start,
                "end": start + len(row["text"]),
            })
        current = list(commitment.targets.order_by("order", "id"))
        if any(t.source == FieldSource.CURATOR or t.verified for t in current):
            self.report.targets += len(current)
            return  # a curator owns these targets now
        same = len(current) == len(wanted) and all(
            all(getattr(t, k) == w[k] for k in TARGET_FIELDS) for t, w in zip(current, wanted, strict=True))
        if not same:
            commitment.targets.all().delete()
            Target.objects.bulk_create([Target(commitment=commitment, source=IMPORT, **w) for w in wanted])
        self.report.targets += len(wanted)


def link_policy_mentions(policies=None) -> int:
    """Link each policy to the actors its current text names (the recognition of
    ``ccnt.analysis.actors`` with the registry from the database). Returns new links."""
    from ccnt.analysis.gazetteer import Gazetteer
    from ccnt.ingest.gazetteer_db import actor_rows
    from ccnt.tracker.models import Policy

    rows = actor_rows()
    if not rows:
        return 0
    gazetteer = Gazetteer(actors=rows, builtin_fallback=True)
    by_key = {str(a.pk): a for a in Actor.objects.all()}
    added = 0
    qs = policies if policies is not None else Policy.objects.all()
    for policy in qs.prefetch_related("versions"):
        version = policy.published_version or max(policy.versions.all(), key=lambda v: v.number, default=None)
        text = f"{policy.title}\n{version.text if version else ''}"
        keys = {m.key for m in gazetteer.actor_registry.find(text)}
        if not keys:
            continue
        have = set(policy.actors.values_list("pk", flat=True))
        new = [by_key[k] for k in keys if k in by_key and by_key[k].pk not in have]
        if new:
            policy.actors.add(*new)
            added += len(new)
    return added
