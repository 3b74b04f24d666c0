"""The demo's documents: every original of ../shared/corpus/dual-carbon that a demo policy
names, run through the real ingest pipeline (archive, parse, analyse, store, publish).

A demo policy first comes in as metadata (``demo.DemoLoader``); its PDF then becomes its
published version with the full text, the machine-extracted targets (``source`` extracted,
not verified) and a downloadable original. The ingest is told which policy the document is
(``overrides["policy_id"]``), so a title the parser reads differently never makes a twin.
Facts the document states of itself (its number, its dates) replace the data set's; title,
issuers and regions stay as curated in the data set (``ingest.store.DOCUMENT_FACTS``).

Parses are cached (``ingest.parse_cache``) and a policy whose published version already
comes from this exact file is skipped, so a second ``ccnt demo`` is quick. Nothing from
../shared is copied into the project: the archive lives in ``var/``.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from ccnt.paths import corpus_dir

from ..models import Policy

log = logging.getLogger(__name__)


def dual_carbon_dir() -> Path:
    return corpus_dir() / "dual-carbon"


@dataclass
class CorpusReport:
    ingested: int = 0
    unchanged: int = 0
    attached: int = 0
    failed: list[str] = field(default_factory=list)
    missing: int = 0

    @property
    def available(self) -> bool:
        return dual_carbon_dir().is_dir()


class CorpusIngest:
    """Ingest the originals named by demo items (``pdf_file``) into their policies."""

    def __init__(self, items: list[dict], progress: bool | None = None) -> None:
        self.items = [item for item in items if item.get("pdf_file")]
        self.progress = progress
        self.report = CorpusReport()

    def run(self) -> CorpusReport:
        if not self.report.available:
            return self.report
        from ccnt.ingest.items import Outcome
        from ccnt.ingest.pipeline import Progress
        from ccnt.ingest.store import Ingestor

        ingestor = Ingestor(publish=True)
        policies = {p.import_key: p for p in Policy.objects.filter(import_key__in=[i["key"] for i in self.items])}
        progress = Progress(len(self.items), enabled=self.progress)
        for item in self.items:
            policy = policies.get(item["key"])
            path = dual_carbon_dir() / "pdf" / item["pdf_file"]
            if policy is None or not path.is_file():
                self.report.missing += 1
                progress.step(Outcome("failed", item["pdf_file"]))
                continue
            status = self.ingest_one(ingestor, policy, item, path)
            progress.step(Outcome(status, item["pdf_file"]))
        return self.report

    def ingest_one(self, ingestor, policy: Policy, item: dict, path: Path) -> str:
        from ccnt.ingest.items import Item, Resource
        from ccnt.ingest.parse_cache import cached_parse
        from ccnt.ingest.pipeline import ingest_item
        from ccnt.ingest.types import ParseError

        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        if item.get("corpus_file") and policy.published_version_id and policy.published_version.text:
            # the corpus text with its hand-made gold is the version; the PDF is its original
            return self.attach_original(ingestor, policy, path, data, sha)
        published = policy.published_version
        if published is not None and published.document_id and published.document.sha256 == sha:
            self.report.unchanged += 1
            return "duplicate"
        resource = Resource(data=data, filename=path.name)
        try:
            resource.parsed = cached_parse(data, name=path.name)
        except (ParseError, ValueError) as error:
            resource.error = str(error)
        outcome = ingest_item(ingestor, Item(main=resource, overrides={"policy_id": policy.pk}, label=path.name))
        if outcome.status in ("failed", "blocked"):
            self.report.failed.append(f"{path}: {outcome.reason}")
        else:
            self.report.ingested += 1
        return outcome.status

    def attach_original(self, ingestor, policy: Policy, path: Path, data: bytes, sha: str) -> str:
        from ccnt.ingest.items import Resource

        version = policy.published_version
        if version.document_id and version.document.sha256 == sha:
            self.report.unchanged += 1
            return "duplicate"
        with transaction.atomic():
            document = ingestor.save_document(Resource(data=data, filename=path.name), role="main", policy=policy)
            if document.policy_id == policy.pk:
                version.document = document
                version.save(update_fields=["document"])
        self.report.attached += 1
        return "updated"


def with_full_text() -> int:
    """Public policies whose published version has a text."""
    return Policy.objects.public().exclude(published_version__text="").exclude(published_version__isnull=True).count()


