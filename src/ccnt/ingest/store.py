"""From parsed originals to policy drafts: documents, versions, fields, targets, duplicates.

One item (a page with its attachments, or one file) is written in one transaction: a crash or
kill leaves either the whole policy or nothing (the archived files are content-addressed and
harmless). Re-running a batch finds what is already there:

* the same URL seen before → the same policy; a changed main text → a new version;
* the same bytes (sha256), or a file that is already another policy's attachment → the same
  policy (page plus attachment reached separately become one policy);
* the same normalised main text under another URL → the same policy (a "duplicate");
* the same document number (and issuer), or the same normalised title in the same
  jurisdiction → a new version of that policy, awaiting review (``--publish`` publishes it) —
  never a twin, and never a silent change of what readers see;
* the same title where the jurisdiction cannot be told → a new draft flagged
  ``possible_duplicate_of`` for a curator, who compares and merges (``tracker.merging``);
* a 转发 (forwarding notice) whose original is known → linked to the original, not a new policy.

A machine never overwrites a field a curator owns (``Policy.set_field``, ``field_sources``).
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ccnt.analysis.pipeline import LIMIT_WARNINGS, analyse
from ccnt.ingest.models import FetchedUrl
from ccnt.tracker import publishing
from ccnt.tracker.models import (
    Category,
    Document,
    Indicator,
    Jurisdiction,
    Policy,
    PolicyIssuer,
    PolicyRelation,
    PolicyVersion,
    Sector,
    Target,
    Topic,
)
from ccnt.tracker.models.review import FieldSource, ReviewState
from ccnt.tracker.resolve import AuthorityResolver, text_hash

from .archive import Archive, default_archive
from .commitments import ingest_commitment
from .gazetteer_db import gazetteer_from_db
from .items import META_DATES, Item, Outcome, Resource, as_date
from .types import ParsedDocument

log = logging.getLogger(__name__)

CLI = "import:cli"
DATE_FIELDS = {"signed": "signed_date", "published": "published_date", "effective": "effective_date",
               "expires": "expiry_date"}
# facts the document states of itself (its number, its dates): read from the document, they
# beat an imported data set's (DESIGN: "where it disagrees with the document's own text, the
# text wins"); a curator's value still beats both
DOCUMENT_FACTS = {"doc_number", "signed_date", "published_date"}


def normalise_title(title: str) -> str:
    title = unicodedata.normalize("NFKC", title or "")
    return re.sub(r"[\s《》〈〉“”‘’\"'「」『』()（）【】\[\]·、，,。:：;；!！?？—\-_]", "", title)


def normalise_doc_number(number: str) -> str:
    number = unicodedata.normalize("NFKC", number or "")
    return re.sub(r"[\s〔〕\[\]［］()（）【】﹝﹞]", "", number)


def shingles(text: str, size: int = 4, limit: int = 30000) -> set[int]:
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text[:limit]))
    return {hash(text[i : i + size]) for i in range(max(len(text) - size + 1, 0))}


def similarity(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def url_hash(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def rank(source: str) -> int:
    if source == FieldSource.CURATOR:
        return 4
    if source.startswith("import"):
        return 3
    return {FieldSource.PAGE: 2, FieldSource.EXTRACTED: 1}.get(source, 0)


class Ingestor:
    """Writes items to the database. Build once per batch (it caches the gazetteer, the
    vocabularies and a title index)."""

    def __init__(self, *, publish: bool = False, archive: Archive | None = None, gazetteer=None) -> None:
        self.publish = publish
        self.archive = archive or default_archive()
        self.gazetteer = gazetteer or gazetteer_from_db()
        self.authorities = AuthorityResolver()
        self.jurisdictions = {j.adcode: j for j in Jurisdiction.objects.current()}
        self.categories = {c.code: c for c in Category.objects.all()}
        self.sectors = {s.code: s for s in Sector.objects.all()}
        self.topics = {t.code: t for t in Topic.objects.all()}
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self._titles: dict[str, list[int]] | None = None

    # ------------------------------------------------------------------ entry point
    def ingest(self, item: Item) -> Outcome:
        label = item.label or item.main.url or item.main.filename
        parsed = item.main.parsed
        if parsed is None:
            return Outcome("failed", label, reason=item.main.error or "not parsed")
        # archive every original before the transaction: content-addressed files are idempotent
        for resource in [item.main, *item.attachments]:
            if resource.data:
                self.archive.put(resource.data)
        text = self.compose_text(item)
        if not text.strip():
            with transaction.atomic():
                self.save_document(item.main, role="", source=item.source)
            if parsed.status == "needs_ocr":
                return Outcome("failed", label, reason="no text layer: flagged for OCR (install tesseract-ocr-chi-sim)")
            return Outcome("failed", label, reason="no text found")
        if item.overrides.get("actor"):  # a non-state actor's press release or report → a commitment draft
            outcome = ingest_commitment(self, item, text, label)
            outcome.warnings = item.warnings + [w for r in [item.main, *item.attachments] if r.parsed
                                                for w in r.parsed.warnings] + outcome.warnings
            return outcome
        meta = dict(parsed.metadata)
        title_hint = item.overrides.get("title") or meta.get("标题") or item.hints.get("title") or parsed.title
        issuer_hint = item.overrides.get("issuer") or meta.get("发文机关") or ""
        analysis = analyse(text, title=title_hint, issuer=issuer_hint or None, gazetteer=self.gazetteer,
                           max_chars=settings.CCNT_MAX_TEXT_CHARS, max_targets=settings.CCNT_MAX_TARGETS)
        if len(analysis.text) < len(text):  # too_long: what is stored, indexed and shown is what was analysed
            text = analysis.text
        with transaction.atomic():
            outcome = self._store(item, text, analysis, label)
            if outcome.policy_id and analysis.actors:  # the actors the policy names (actor registry)
                actor_ids = {int(m.key) for m in analysis.actors if str(m.key).isdigit()}
                Policy.objects.get(pk=outcome.policy_id).actors.add(*actor_ids)
        outcome.warnings = item.warnings + [w for r in [item.main, *item.attachments] if r.parsed
                                            for w in r.parsed.warnings] + outcome.warnings
        outcome.warnings += [w for w in analysis.warnings if w.startswith(LIMIT_WARNINGS)]
        return outcome

    def compose_text(self, item: Item) -> str:
        """The page's main text followed by the text of each attachment that was read."""
        parts = [item.main.parsed.text.strip()] if item.main.parsed else []
        for attachment in item.attachments:
            if attachment.parsed and attachment.parsed.text.strip():
                parts.append(attachment.parsed.text.strip())
        return "\n\n".join(p for p in parts if p)

    # ------------------------------------------------------------------ documents
    def save_document(self, resource: Resource, *, role: str, source=None, parent: Document | None = None,
                      policy: Policy | None = None) -> Document:
        sha, relpath = self.archive.put(resource.data)
        now = timezone.now()
        parsed = resource.parsed
        document = Document.objects.select_for_update().filter(sha256=sha).first()
        if document is None:
            document = Document(sha256=sha, fetched_at=resource.fetched_at or now, size=len(resource.data),
                                archive_path=relpath)
        url = resource.url
        document.url = document.url or url
        document.final_url = document.final_url or resource.final_url
        if url and url not in document.urls:
            document.urls = [*document.urls, url]
        document.last_fetched_at = resource.fetched_at or now
        document.media_type = (parsed.media_type if parsed else "") or resource.media_type or document.media_type
        document.http_status = resource.http_status or document.http_status
        document.filename = document.filename or resource.filename
        document.source = document.source or source
        if parsed is not None:
            document.text = parsed.text
            document.title = parsed.title[:400]
            document.encoding = parsed.encoding
            document.page_metadata = parsed.metadata
            document.parse_status = parsed.status
            document.parse_error = ""
        elif resource.error:
            document.parse_status = "failed"
            document.parse_error = resource.error
        if parent is not None and document.parent_id is None and document.pk != parent.pk:
            document.parent = parent
        if policy is not None and document.policy_id is None:
            document.policy = policy
            document.role = role
        elif not document.role and role:
            document.role = role if policy is not None or role != "main" else ""
        document.save()
        return document

    def remember_url(self, resource: Resource, document: Document, policy: Policy | None, source=None) -> None:
        if not resource.url:
            return
        now = timezone.now()
        row, _ = FetchedUrl.objects.get_or_create(url_hash=url_hash(resource.url), defaults={
            "url": resource.url[:1000], "first_fetched_at": resource.fetched_at or now})
        row.document = document
        row.policy = policy or row.policy
        row.source = source or row.source
        row.http_status = resource.http_status
        row.etag = resource.headers.get("etag", "")[:200]
        row.last_modified = resource.headers.get("last-modified", "")[:64]
        row.fetched_at = resource.fetched_at or now
        row.save()

    # ------------------------------------------------------------------ finding the policy
    def existing_policy(self, item: Item, digest: str, pa=None) -> tuple[Policy | None, str]:
        known = item.overrides.get("policy_id")
        if known:  # the caller knows which policy this document is (ccnt ingest --policy, the demo)
            policy = Policy.objects.filter(pk=known).first()
            if policy is not None:
                return policy, "policy"
        main = Document.objects.filter(sha256=item.main.sha256, policy__isnull=False).select_related("policy").first()
        if main is not None and main.role in ("main", "attachment", "copy"):
            return main.policy, "same file"  # nothing new: this exact file already belongs to the policy
        urls = [u for u in (item.overrides.get("url"), item.main.url) if u]
        for url in urls:
            known = FetchedUrl.objects.filter(url_hash=url_hash(url), policy__isnull=False).select_related("policy").first()
            if known:
                return known.policy, "url"
        shas = [a.sha256 for a in item.attachments if a.data]
        for doc in Document.objects.filter(sha256__in=shas, policy__isnull=False).select_related("policy"):
            if doc.role in ("main", "attachment", "copy"):
                return doc.policy, "attachment"
        version = PolicyVersion.objects.filter(text_hash=digest).select_related("policy").order_by("id").first()
        if version is not None:
            return version.policy, "text"
        if pa is not None:
            meta = item.main.parsed.metadata if item.main.parsed else {}
            return self.same_document(pa, meta.get("发文字号", ""))
        return None, ""

    def same_document(self, pa, number: str = "") -> tuple[Policy | None, str]:
        """The policy this analysed text is another copy or revision of: the same document
        number (``number``, as ``_apply_fields`` would store it: the page's 发文字号, else the
        text's) with a shared issuer when both name one, else the same normalised title in the
        same jurisdiction. A same-titled policy of another jurisdiction never matches
        (上海市工业领域碳达峰实施方案 is not 工业领域碳达峰实施方案, and twenty provinces issue
        a 关于加快建立健全绿色低碳循环发展经济体系的实施意见)."""
        candidates = Policy.objects.exclude(review_state=ReviewState.REJECTED)
        issuers = {self.authorities(name).pk for name in pa.issuers}
        other = self._same_number(candidates, number or pa.doc_number or "", issuers)
        if other is not None:
            return other, "document number"
        jurisdiction = self.jurisdictions.get(pa.jurisdiction.adcode) if pa.jurisdiction else None
        if jurisdiction is None or not pa.title:
            return None, ""
        ids = self.title_index().get(normalise_title(pa.title), [])
        other = candidates.filter(pk__in=ids, jurisdiction=jurisdiction).order_by("pk").first()
        return (other, "title and jurisdiction") if other is not None else (None, "")

    @staticmethod
    def _same_number(candidates, doc_number: str, issuers: set[int]) -> Policy | None:
        number = normalise_doc_number(doc_number)
        if not number:
            return None
        tail = re.search(r"\d+(?=\s*号?\s*$)", unicodedata.normalize("NFKC", doc_number))
        for other in candidates.filter(doc_number__icontains=tail.group(0) if tail else number).prefetch_related(
            "issuer_links"
        ).order_by("pk"):
            theirs = {link.authority_id for link in other.issuer_links.all()}
            if normalise_doc_number(other.doc_number) == number and (not issuers or not theirs or issuers & theirs):
                return other
        return None

    def title_index(self) -> dict[str, list[int]]:
        if self._titles is None:
            self._titles = {}
            for pk, title in Policy.objects.values_list("pk", "title"):
                self._titles.setdefault(normalise_title(title), []).append(pk)
        return self._titles

    def find_possible_duplicate(self, policy: Policy, text: str) -> tuple[Policy | None, str]:
        """A same-titled policy that ``same_document`` could not match because a jurisdiction
        is unknown: flagged for a curator, never merged."""
        others = Policy.objects.exclude(pk=policy.pk).exclude(review_state=ReviewState.REJECTED)
        candidates = [pk for pk in self.title_index().get(normalise_title(policy.title), []) if pk != policy.pk]
        for other in others.filter(pk__in=candidates):
            if policy.jurisdiction_id and other.jurisdiction_id and policy.jurisdiction_id != other.jurisdiction_id:
                continue
            other_version = other.current_version()
            other_text = other_version.text if other_version else ""
            if not other_text:
                return other, "same title (the other has no text to compare)"
            score = similarity(text, other_text)
            if score >= 0.5:
                return other, f"same title, text {score:.0%} similar"
            return other, f"same title, different text ({score:.0%} similar): a revision?"
        return None, ""

    # ------------------------------------------------------------------ writing
    def _store(self, item: Item, text: str, pa, label: str) -> Outcome:
        digest = text_hash(text)
        parsed = item.main.parsed
        policy, found_by = self.existing_policy(item, digest, pa)

        # a 转发 by another government: link to the original when it is known
        if policy is None and pa.wrapper == "转发" and pa.wrapped_title:
            original = self._by_title(pa.wrapped_title)
            if original is not None:
                document = self.save_document(item.main, role="forward", source=item.source, policy=original)
                self.remember_url(item.main, document, original, item.source)
                return Outcome("linked", label, original.pk,
                               reason=f"转发 of 《{original.title}》 by {'、'.join(pa.notice_issuers) or '?'}")

        created = policy is None
        if created:
            policy = Policy(review_state=ReviewState.NEEDS_REVIEW)  # --publish goes through publishing.publish
        if found_by == "same file":
            version = policy.current_version()
        else:
            version = None if created else policy.versions.filter(text_hash=digest).first()
        new_version = version is None
        changed = self._apply_fields(policy, item, pa, parsed, update=found_by != "same file" and (
            created or self.publish or policy.review_state != ReviewState.PUBLISHED))
        policy.save()
        if self._titles is not None and created:
            self._titles.setdefault(normalise_title(policy.title), []).append(policy.pk)

        main_doc = self.save_document(item.main, role="main" if created or found_by not in ("text", "same file") else "copy",
                                      source=item.source, policy=policy)
        for attachment in item.attachments:
            if attachment.data:
                doc = self.save_document(attachment, role="attachment", source=item.source, parent=main_doc,
                                         policy=policy)
                self.remember_url(attachment, doc, policy, item.source)
        self.remember_url(item.main, main_doc, policy, item.source)
        if item.overrides.get("url") and item.overrides["url"] != item.main.url:
            self.remember_url(Resource(b"", url=item.overrides["url"]), main_doc, policy, item.source)

        if new_version:
            number = (policy.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
            version = PolicyVersion.objects.create(policy=policy, number=number, document=main_doc, text=text,
                                                   text_hash=digest, extracted=self._extracted(pa, parsed, item))
            self.save_targets(pa, parsed, policy=policy, version=version)
        if created or policy.review_state != ReviewState.PUBLISHED:
            changed |= self._apply_relations(policy, pa)
        if self.publish and (created or new_version or policy.published_version_id != version.pk):
            publishing.publish(policy, version=version, note="ccnt ingest --publish")
        else:
            publishing.ensure_primary_region(policy)

        warnings = []
        if created:
            other, reason = self.find_possible_duplicate(policy, text)
            if other is not None:
                policy.possible_duplicate_of = other
                policy.duplicate_reason = reason[:200]
                policy.save(update_fields=["possible_duplicate_of", "duplicate_reason"])
                warnings.append(f"possible duplicate of #{other.pk} 《{other.title}》: {reason}")
            return Outcome("new", label, policy.pk, warnings=warnings)
        if new_version:
            note = " (published policy: the new version awaits review)" if policy.review_state == ReviewState.PUBLISHED else ""
            how = f", matched by {found_by}" if found_by in ("policy", "document number", "title and jurisdiction") else ""
            return Outcome("updated", label, policy.pk, reason=f"new version {version.number}{how}{note}")
        if changed:
            return Outcome("updated", label, policy.pk, reason="metadata")
        return Outcome("duplicate", label, policy.pk, reason=f"same {found_by} as #{policy.pk} 《{policy.title}》")

    def _by_title(self, title: str) -> Policy | None:
        ids = self.title_index().get(normalise_title(title), [])
        return Policy.objects.filter(pk__in=ids).exclude(review_state=ReviewState.REJECTED).order_by("id").first()

    def _extracted(self, pa, parsed: ParsedDocument, item: Item) -> dict:
        data = pa.to_json()
        data.pop("targets", None)
        data["page_metadata"] = parsed.metadata if parsed else {}
        data["attachments"] = [a.url or a.filename for a in item.attachments]
        data["ingest_warnings"] = item.warnings
        return data

    def _apply_fields(self, policy: Policy, item: Item, pa, parsed: ParsedDocument, update: bool) -> bool:
        """Set the machine's values; CLI overrides beat page metadata beat extraction.
        Returns whether anything changed."""
        if not update:
            return False
        meta = parsed.metadata if parsed else {}
        over = item.overrides
        values: dict[str, tuple[object, str]] = {}

        def offer(name: str, value, source: str) -> None:
            if value not in (None, "") and name not in values:
                values[name] = (value, source)

        if over.get("title"):
            offer("title", pa.title if pa.wrapper else over["title"], CLI)
        offer("title", pa.title or meta.get("标题") or item.hints.get("title") or parsed.title, FieldSource.EXTRACTED)
        offer("doc_number", meta.get("发文字号"), FieldSource.PAGE)
        offer("doc_number", pa.doc_number, FieldSource.EXTRACTED)
        offer("published_date", as_date(over.get("published_date")), CLI)
        for label, name in META_DATES.items():
            offer(name, as_date(meta.get(label)), FieldSource.PAGE)
        offer("published_date", as_date(item.hints.get("date")), FieldSource.PAGE)
        for fact in pa.dates:
            if fact.kind in DATE_FIELDS:
                offer(DATE_FIELDS[fact.kind], as_date(fact.date), FieldSource.EXTRACTED)
        if over.get("url") or not policy.source_url:
            offer("source_url", over.get("url") or item.main.url, CLI if over.get("url") else FieldSource.PAGE)
        offer("policy_type", pa.policy_type, FieldSource.EXTRACTED)
        offer("summary_zh", pa.summary, FieldSource.EXTRACTED)
        jurisdiction = self.jurisdictions.get(pa.jurisdiction.adcode) if pa.jurisdiction else None
        offer("jurisdiction", jurisdiction, FieldSource.EXTRACTED)
        offer("level", jurisdiction.level if jurisdiction else "", FieldSource.EXTRACTED)
        offer("category", self.categories.get(pa.category), FieldSource.EXTRACTED)

        changed = False
        for name, (value, source) in values.items():
            if name == "title":
                value = str(value)[:400]
            owner = policy.field_sources.get(name, "")
            text_wins = name in DOCUMENT_FACTS and owner.startswith("import") and source != CLI
            if policy.pk and owner and rank(source) < rank(owner) and not text_wins:
                continue  # page metadata beats extraction; an import or a curator beats both
            if getattr(policy, name) != value:
                changed |= policy.set_field(name, value, source)
        if policy.pk is None:
            policy.save()
        changed |= self._apply_m2m(policy, item, pa, jurisdiction)
        return changed

    def _apply_m2m(self, policy: Policy, item: Item, pa, jurisdiction) -> bool:
        changed = False
        sources = policy.field_sources
        names = list(pa.issuers)
        if item.overrides.get("issuer") and not names:
            names = [n for n in re.split(r"[、,，;；\s]+", item.overrides["issuer"]) if n]
        if names and rank(sources.get("issuers", "")) <= rank(FieldSource.EXTRACTED):
            wanted = list(dict.fromkeys(self.authorities(name) for name in names))
            current = [link.authority_id for link in policy.issuer_links.order_by("order")]
            if current != [a.pk for a in wanted]:
                policy.issuer_links.all().delete()
                for order, authority in enumerate(wanted):
                    PolicyIssuer.objects.create(policy=policy, authority=authority, order=order)
                sources["issuers"] = FieldSource.EXTRACTED
                changed = True
        places = [self.jurisdictions[j.adcode] for j in pa.jurisdictions if j.adcode in self.jurisdictions]
        if not places and jurisdiction is not None:
            places = [jurisdiction]
        for name, objs in (
            ("jurisdictions", places),
            ("sectors", [self.sectors[c] for c in pa.sectors if c in self.sectors]),
            ("topics", [self.topics[c] for c in pa.topics if c in self.topics]),
        ):
            if not objs or rank(sources.get(name, "")) > rank(FieldSource.EXTRACTED):
                continue  # a curator's, an import's or the page's own list is kept
            if {o.pk for o in getattr(policy, name).all()} != {o.pk for o in objs}:
                getattr(policy, name).set(objs)
                sources[name] = FieldSource.EXTRACTED
                changed = True
        if changed:
            policy.save(update_fields=["field_sources", "updated_at"])
        return changed

    def _apply_relations(self, policy: Policy, pa) -> bool:
        existing = set(policy.relations_out.values_list("target_title", flat=True))
        added = False
        for title in dict.fromkeys(pa.cited_titles):
            if not title or title in existing or normalise_title(title) == normalise_title(policy.title):
                continue
            PolicyRelation.objects.create(source=policy, target=self._by_title(title), target_title=title[:400],
                                          kind="cites", confirmed=False)
            added = True
        return added

    def save_targets(self, pa, parsed: ParsedDocument | None, **owner) -> None:
        """The analysis's targets as Target rows of ``owner`` (``policy=…, version=…`` or
        ``commitment=…``), with the page each one's offset falls on."""
        starts = parsed.page_starts if parsed and len(parsed.page_starts) > 1 else []
        rows = []
        for order, t in enumerate(pa.targets):
            indicator = self.indicators.get(t.indicator) or self.indicators.get("other")
            if indicator is None:
                continue
            norm = t.value_normalized
            low, high = (norm[0], norm[-1]) if isinstance(norm, list | tuple) else (norm, norm)
            page = None
            if starts and t.start is not None and t.start < len(parsed.text):
                page = sum(1 for s in starts if s <= t.start) or None
            rows.append(Target(
                **owner, order=order, indicator=indicator, target_year=t.target_year,
                year_comparator=t.year_comparator or "=", value_low=t.value_low, value_high=t.value_high,
                unit=(t.unit or "")[:32], value_normalized_low=low, value_normalized_high=high,
                unit_normalized=(t.unit_normalized or "")[:16], comparator=t.comparator or "",
                metric_kind=t.metric_kind or "level", base_year=t.base_year, period_start=t.period_start,
                direction=t.direction or "level", firmness=t.firmness or "plain", binding=t.binding or "",
                subject=(t.subject or "")[:200], confidence=t.confidence,
                text=t.text, start=t.start, end=t.end, page=page, source=FieldSource.EXTRACTED,
            ))
        Target.objects.bulk_create(rows)
