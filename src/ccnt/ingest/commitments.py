"""``ccnt ingest … --actor NAME``: press releases and sustainability / ESG reports of a non-state
actor become commitment drafts in the review queue (*待审核承诺*).

The same path as a policy's — fetched or read, archived content-addressed, parsed (HTML, PDF with
its text layer or OCR, DOCX …) — then analysed as the actor's text (``analyse(…, actor=…)``): the
targets belong to the actor's commitment, never to a jurisdiction. A report PDF without a text
layer never becomes an empty commitment: it is refused before this point and flagged for OCR.

Re-running is safe: the same file or the same normalised text for the same actor is a duplicate.
"""

from __future__ import annotations

from django.db import transaction

from ccnt.actors.models import Actor, Commitment, CommitmentKind
from ccnt.tracker.models import Document
from ccnt.tracker.models.review import FieldSource, ReviewState
from ccnt.tracker.resolve import text_hash

from .items import META_DATES, Outcome, as_date

KIND_BY_INDICATOR = [
    ("carbon_neutrality", CommitmentKind.NEUTRALITY),
    ("co2_peak", CommitmentKind.PEAK),
]


def commitment_kind(pa) -> str:
    codes = [t.indicator for t in pa.targets]
    for code, kind in KIND_BY_INDICATOR:
        if code in codes:
            return kind
    if any("intensity" in c for c in codes):
        return CommitmentKind.INTENSITY
    if any(c.startswith(("renewable", "non_fossil")) for c in codes):
        return CommitmentKind.RENEWABLE
    if any(t.metric_kind == "change" and t.direction == "decrease" for t in pa.targets):
        return CommitmentKind.ABSOLUTE
    return CommitmentKind.OTHER


def _date(item, pa):
    value = as_date(item.overrides.get("published_date"))
    meta = item.main.parsed.metadata if item.main.parsed else {}
    for label in META_DATES:
        value = value or as_date(meta.get(label))
    value = value or as_date(item.hints.get("date"))
    for fact in pa.dates:
        value = value or as_date(fact.date)
    return value


def ingest_commitment(ingestor, item, text: str, label: str):
    """One item as a commitment of the actor ``item.overrides["actor"]`` (its primary key)."""
    from ccnt.analysis.actors import ActorEntry
    from ccnt.analysis.pipeline import analyse

    actor = Actor.objects.get(pk=item.overrides["actor"])
    parsed = item.main.parsed
    meta = dict(parsed.metadata)
    title = item.overrides.get("title") or meta.get("标题") or item.hints.get("title") or parsed.title
    entry = ActorEntry(name=actor.name, short_name=actor.short_name, aliases=tuple(actor.aliases or []),
                       kind=actor.kind, key=str(actor.pk))
    from django.conf import settings

    pa = analyse(text, title=title or None, gazetteer=ingestor.gazetteer, actor=entry,
                 max_chars=settings.CCNT_MAX_TEXT_CHARS, max_targets=settings.CCNT_MAX_TARGETS)
    digest = text_hash(text)
    with transaction.atomic():
        known = Document.objects.filter(sha256=item.main.sha256, commitments__actor=actor).first()
        same = known.commitments.filter(actor=actor).first() if known else None
        same = same or Commitment.objects.filter(actor=actor, text_hash=digest).first()
        if same is not None:
            return Outcome("duplicate", label, None, reason=f"same text as commitment #{same.pk} 《{same.title}》")
        document = ingestor.save_document(item.main, role="main", source=item.source)
        for attachment in item.attachments:
            if attachment.data:
                ingestor.save_document(attachment, role="attachment", source=item.source, parent=document)
        ingestor.remember_url(item.main, document, None, item.source)
        state = ReviewState.PUBLISHED if ingestor.publish else ReviewState.NEEDS_REVIEW
        commitment = Commitment.objects.create(
            actor=actor, title=(pa.title or title or actor.name)[:400], date=_date(item, pa), kind=commitment_kind(pa),
            statement=_statement(pa, text), source_title=(title or "")[:400],
            publisher=(meta.get("发文机关") or meta.get("来源") or "")[:200],
            source_url=item.overrides.get("url") or item.main.final_url or item.main.url or "",
            document=document, text=text, text_hash=digest, review_state=state,
            extracted={**{k: v for k, v in pa.to_json().items() if k != "targets"}, "page_metadata": meta},
            field_sources={"title": FieldSource.EXTRACTED, "kind": FieldSource.EXTRACTED},
        )
        ingestor.save_targets(pa, parsed, commitment=commitment)
    warnings = [] if pa.targets else ["no targets found: check the text in the review queue"]
    return Outcome("new", label, None, reason=f"commitment #{commitment.pk} of {actor.name}", warnings=warnings)


def _statement(pa, text: str) -> str:
    """The sentences that state the targets (the whole text when it is short)."""
    if len(text) <= 400 or not pa.targets:
        return text[:4000]
    sentences = list(dict.fromkeys((t.sentence or t.text).strip() for t in pa.targets))
    return "\n".join(sentences)[:4000]


def resolve_actor(name: str) -> Actor:
    """The actor named ``name`` (name, short name or alias); a clear error listing close matches."""
    from ccnt.analysis.actors import ActorRegistry

    from .gazetteer_db import actor_rows

    rows = actor_rows()
    registry = ActorRegistry(rows)
    entry = registry.lookup(name)
    if entry is not None:
        return Actor.objects.get(pk=int(entry.key))
    close = registry.suggestions(name)
    hint = f" Close matches: {'、'.join(close)}." if close else " No similar name is registered (see /admin/ → Actors)."
    raise LookupError(f"unknown actor {name!r}.{hint}")
