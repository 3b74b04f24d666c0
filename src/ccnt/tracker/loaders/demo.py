"""Load the demo: real policies from src/ccnt/data/demo/policies.json, their full texts from
the shared corpus (read in place, never copied into the project) and their targets from the
project's hand-made gold annotations (eval/gold); then (``corpus.CorpusIngest``) the original
PDFs of ../shared/corpus/dual-carbon through the real ingest pipeline.

Idempotent: policies are matched on ``import_key``; a field a curator changed, or one the
document itself gave (its number, its dates), is never overwritten by the data set; versions
are made only when the text's hash changes. New policies are published through
``publishing.publish``, like every other path.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction

from ccnt.analysis.classify import topics_of
from ccnt.paths import DATA_DIR, corpus_dir, gold_dir

from .. import publishing
from ..models import (
    Category,
    Indicator,
    Jurisdiction,
    Policy,
    PolicyIssuer,
    PolicyVersion,
    Sector,
    Target,
    Topic,
)
from ..models.review import ReviewState
from ..resolve import AuthorityResolver, text_hash
from .reference import DataFileError

log = logging.getLogger(__name__)
DEMO_FILE = DATA_DIR / "demo" / "policies.json"
DATE_FIELDS = {"signed": "signed_date", "published": "published_date", "effective": "effective_date",
               "expires": "expiry_date"}


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    targets: int = 0
    updated_titles: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def normalise_value(low, high, unit: str) -> tuple[float | None, float | None, str]:
    """Values in the normalised unit, through the analysis library's unit table."""
    from ccnt.analysis.units import normalize_value  # the analysis owns the unit table

    norm_low, unit_normalized = normalize_value(low, unit)
    norm_high, _ = normalize_value(high, unit)
    return norm_low, norm_high, unit_normalized


def read_gold(path: Path) -> tuple[dict, list[dict]]:
    policy, targets = {}, []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise DataFileError(f"{path}:{number}: {error}") from error
            if "indicator" in row:
                targets.append(row)
            else:
                policy = row
    return policy, targets


class DemoLoader:
    def __init__(self, demo_file: Path = DEMO_FILE) -> None:
        try:
            self.data = json.loads(demo_file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise DataFileError(f"{demo_file}: {error}") from error
        self.authorities = AuthorityResolver()
        self.jurisdictions = {j.adcode: j for j in Jurisdiction.objects.current()}
        self.categories = {c.code: c for c in Category.objects.all()}
        self.sectors = {s.code: s for s in Sector.objects.all()}
        self.topics = {t.code: t for t in Topic.objects.all()}
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.report = LoadReport()

    def run(self) -> LoadReport:
        for item in self.data["policies"]:
            try:
                with transaction.atomic():
                    self.load_policy(item)
            except (DataFileError, KeyError, ValueError) as error:
                self.report.problems.append(f"{item.get('title', '?')}: {error}")
        return self.report

    def _source_of(self, item: dict, name: str) -> str:
        return "import:" + item.get("provenance", {}).get(name, "demo")

    @staticmethod
    def _ours(policy: Policy, name: str) -> bool:
        """The data set may (re)set a field nobody else owns: not a curator's, not a fact the
        document stated of itself."""
        owner = policy.field_sources.get(name, "")
        return not owner or owner.startswith("import")

    def load_policy(self, item: dict) -> None:
        policy = Policy.objects.filter(import_key=item["key"]).first()
        created = policy is None
        if created:
            policy = Policy(import_key=item["key"], review_state=ReviewState.NEEDS_REVIEW)
        before = self._state(policy) if not created else None

        jurisdictions = [self.jurisdictions[c] for c in item.get("jurisdictions", []) if c in self.jurisdictions]
        values = {
            "title": item["title"],
            "doc_number": item.get("doc_number", ""),
            "policy_type": item.get("policy_type", ""),
            "level": item.get("level", ""),
            "source_url": item.get("source_url", ""),
            "jurisdiction": jurisdictions[0] if jurisdictions else None,
            "category": self.categories.get(item.get("category", "")),
        }
        values.update(dict.fromkeys(DATE_FIELDS.values()))
        for fact in item.get("dates", []):
            if fact.get("kind") in DATE_FIELDS and fact.get("date"):
                values[DATE_FIELDS[fact["kind"]]] = date.fromisoformat(fact["date"])
        provenance = {"jurisdiction": "jurisdictions", "signed_date": "dates", "published_date": "dates"}
        changed = created
        for name, value in values.items():
            if getattr(policy, name) != value and self._ours(policy, name):
                changed = policy.set_field(name, value, self._source_of(item, provenance.get(name, name))) or changed
        if changed:
            # a row the data set leaves as it is is not saved again: the save's signals would
            # reindex it and renew every cached page for nothing (most of a re-run's time)
            policy.save()

        if self._ours(policy, "issuers"):
            wanted = [self.authorities(name) for name in item.get("issuers", [])]
            current = [link.authority_id for link in policy.issuer_links.order_by("order")]
            if current != [a.pk for a in wanted]:
                policy.issuer_links.all().delete()
                for order, authority in enumerate(dict.fromkeys(wanted)):
                    PolicyIssuer.objects.create(policy=policy, authority=authority, order=order)
            policy.field_sources["issuers"] = self._source_of(item, "issuers")
        for name, lookup in (("jurisdictions", None), ("sectors", self.sectors), ("topics", self.topics)):
            if name not in item or not self._ours(policy, name):
                continue  # topics: the data set has none; the analysis of the text gives them
            objs = jurisdictions if lookup is None else [lookup[c] for c in item.get(name, []) if c in lookup]
            if {o.pk for o in getattr(policy, name).all()} != {o.pk for o in objs}:
                getattr(policy, name).set(objs)
            policy.field_sources[name] = self._source_of(item, name)
        if not policy.topics.exists() and "topics" not in policy.field_sources:
            # a policy known only by its title still gets the topics its title names
            policy.topics.set([self.topics[c] for c in topics_of(policy.title, "") if c in self.topics])
        Policy.objects.filter(pk=policy.pk).update(field_sources=policy.field_sources)

        version = self.load_text_and_targets(policy, item)
        if created:
            publishing.publish(policy, version=version, note="ccnt demo")
        elif policy.review_state == ReviewState.PUBLISHED and version and policy.published_version_id != version.pk:
            publishing.publish(policy, version=version, note="ccnt demo: new corpus text")
        else:
            publishing.ensure_primary_region(policy)
        after = self._state(policy)
        if created:
            self.report.created += 1
        elif before != after:
            self.report.updated += 1
            self.report.updated_titles.append(policy.title)
        else:
            self.report.unchanged += 1

    def _state(self, policy: Policy) -> tuple:
        policy.refresh_from_db() if policy.pk else None
        return (
            tuple((f.name, getattr(policy, f.attname)) for f in Policy._meta.concrete_fields if f.name != "updated_at"),
            tuple(policy.issuer_links.values_list("authority_id", "order")),
            tuple(sorted(policy.jurisdictions.values_list("pk", flat=True))),
            policy.versions.count(),
            policy.targets.count(),
        )

    def load_text_and_targets(self, policy: Policy, item: dict) -> PolicyVersion | None:
        """The version the data set gives: the corpus text with its gold targets, or (for a
        policy known by metadata alone) an empty first version — never one that would
        replace a text the ingest of its original has given it. Returns the version the
        data set wants published, or None to leave the published one as it is."""
        text = ""
        corpus_file = item.get("corpus_file")
        if corpus_file:
            path = corpus_dir() / corpus_file
            if path.exists():
                text = path.read_text(encoding="utf-8")
            else:
                self.report.problems.append(f"{path}: corpus text not found; loaded without full text")
        if not text:
            version = policy.versions.order_by("number").first()
            if version is None:
                version = PolicyVersion.objects.create(policy=policy, number=1, text="", text_hash="")
                return version
            return None
        digest = text_hash(text)
        version = policy.versions.filter(text_hash=digest).order_by("-number").first()
        if version is None:
            number = (policy.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
            version = PolicyVersion.objects.create(policy=policy, number=number, text=text, text_hash=digest)
        gold = gold_dir() / (Path(corpus_file).stem + ".gold.jsonl")
        if not gold.exists() or version.targets.exists():
            return version
        _, rows = read_gold(gold)
        for order, row in enumerate(rows):
            self.report.targets += 1
            Target.objects.create(policy=policy, version=version, order=order, **self.target_fields(row, text, gold))
        return version

    def target_fields(self, row: dict, text: str, gold: Path) -> dict:
        indicator = self.indicators.get(row["indicator"]) or self.indicators["other"]
        start, end = row.get("start"), row.get("end")
        if text and start is not None and text[start:end] != row.get("text"):
            raise DataFileError(f"{gold}: offsets {start}:{end} do not quote {row.get('text')!r}")
        low, high = row.get("value_low"), row.get("value_high")
        norm_low, norm_high, unit_norm = normalise_value(low, high, row.get("unit", ""))
        subject = (row.get("subject") or "")[:200]
        metric_kind = row.get("metric_kind") or "level"
        return {
            "indicator": indicator,
            "target_year": row.get("target_year"),
            "year_comparator": row.get("year_comparator") or "=",
            "value_low": low,
            "value_high": high,
            "unit": row.get("unit", ""),
            "value_normalized_low": norm_low,
            "value_normalized_high": norm_high,
            "unit_normalized": row.get("unit_normalized") or unit_norm,
            "comparator": row.get("comparator") or "",
            "metric_kind": metric_kind,
            "base_year": row.get("base_year"),
            "period_start": row.get("period_start"),
            "direction": row.get("direction") or "level",
            "subject": subject,
            "firmness": row.get("firmness") or "plain",
            "binding": row.get("binding") or "",
            "text": row.get("text", ""),
            "start": start,
            "end": end,
            "source": "import:gold",
            "verified": True,
        }
