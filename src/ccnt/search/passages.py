"""Passages of the public policies and their embeddings, kept in step with the keyword index.

``rebuild_passages(ids)`` is called wherever a policy's keyword index row is (re)built or removed
(``index.reindex_ids``, ``index.remove``, ``index.rebuild``): a public policy gets the passages of
its published version's text (``ccnt.analysis.passages.split_passages``; tables of figures left out,
``worth_embedding``), or "meta" passages from its title, issuers, summary and target sentences when
it has no text; anything else loses its passages. A policy whose passages did not change is not
written. Nothing happens when embeddings are off (``CCNT_EMBEDDINGS=0``).

``embed_pending()`` embeds the passage strings that have no vector for the current model yet, each
distinct string once (``PassageVector`` is keyed by model and text hash: a rebuild that keeps a
text keeps its vector). Workers run it (``ccnt.embed_passages``, one thread); the web process never
does. With a broker, a rebuild that leaves strings unembedded queues that task (outbox, after the
commit); without one (``make run``) the scheduler's periodic entry, ``ccnt reindex --embeddings``
or ``ccnt demo`` embed them — never the web request that published the policy.

Rejected: embedding inside ``rebuild_passages`` (a publish in the admin would wait seconds per
policy for the model), and a vector column on ``Passage`` (a rebuild would drop the vectors of
unchanged texts, and two policies quoting one paragraph would embed it twice).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable

import numpy as np
from django.db import transaction

from ccnt.analysis.passages import MAX_CHARS, split_passages, worth_embedding
from ccnt.tracker.models import Policy, Target

from .embedder import current_model_id, enabled, get_embedder
from .models import Passage, PassageKind, PassageVector
from .vectors import bump

BATCH = 200  # policies per rebuild batch
EMBED_TASK = "ccnt.embed_passages"
BUMP_EVERY = 20  # embedding batches between two new index versions (a long run shows its progress)
_FIELDS = ("ordinal", "start", "end", "kind", "heading", "text", "text_hash")


def model_text(heading: str, text: str) -> str:
    """The string given to the model for a passage: its text, after its heading when the text does
    not already show it (a long section's later pieces)."""
    if not heading or heading in re.sub(r"\s+", "", text[: len(heading) + 80]):
        return text
    return f"{heading}\n{text}"


def text_hash(string: str) -> str:
    return hashlib.sha256(string.encode("utf-8")).hexdigest()


def _make(policy_id: int, ordinal: int, kind: str, heading: str, text: str,
          start: int | None = None, end: int | None = None) -> Passage:
    heading = heading[:200]  # as stored: embed_pending gives the model model_text(stored heading, text)
    return Passage(policy_id=policy_id, ordinal=ordinal, start=start, end=end, kind=kind, heading=heading,
                   text=text, text_hash=text_hash(model_text(heading, text)))


def _meta_document(policy: Policy, targets: list[str]) -> str:
    """What a policy without text is embedded from: its title (and English title), issuers, places,
    sectors and topics, summaries and target sentences. Rejected: the title alone (232 of the demo's
    373 such policies had nothing else to say): a title-only passage is so short that its embedding
    is generic, and it came near the top for unrelated questions."""
    def names(items) -> str:
        return "、".join(dict.fromkeys(item for item in items if item))

    labelled = [("发文机关", names(link.authority.name for link in policy.issuer_links.all())),
                ("地区", names(j.name for j in policy.jurisdictions.all())),
                ("领域", names(s.name_zh for s in policy.sectors.all())),
                ("主题", names(t.name_zh for t in policy.topics.all()))]
    lines = [policy.title, policy.title_en, *(f"{label}：{value}" for label, value in labelled if value),
             policy.summary_zh, policy.summary_en]
    return "\n".join([line.strip() for line in lines if line and line.strip()] + targets)


def passages_of(policy: Policy, targets: list[str]) -> list[Passage]:
    """The passages a public policy should have (unsaved). ``targets``: its target sentences."""
    version = policy.published_version if policy.published_version_id else None
    text = version.text if version else ""
    out: list[Passage] = []
    for p in split_passages(text or ""):
        span = text[p.start : p.end]
        if worth_embedding(span):
            out.append(_make(policy.pk, len(out), PassageKind.TEXT, p.heading, span, p.start, p.end))
    # the title, issuers and summary are a passage of their own, with text or without: a question
    # is often answered by what the document is (节能宣传周的通知) more than by any paragraph of it
    document = _meta_document(policy, [] if out else targets)
    for p in split_passages(document):
        span = document[p.start : p.end]
        if span.strip():
            out.append(_make(policy.pk, len(out), PassageKind.META, p.heading or policy.title, span[:MAX_CHARS]))
    return out


def _target_sentences(policies: list[Policy]) -> dict[int, list[str]]:
    """Each policy's target sentences of its current version (as the keyword index reads them)."""
    versions = {p.pk: p.published_version_id for p in policies}
    found: dict[int, dict[str, None]] = {}
    rows = Target.objects.filter(policy_id__in=list(versions)).exclude(text="").order_by("policy_id", "order", "id")
    for pid, vid, text in rows.values_list("policy_id", "version_id", "text"):
        if versions[pid] is None or vid in (None, versions[pid]):
            found.setdefault(pid, {})[text.strip()] = None
    return {pid: list(texts) for pid, texts in found.items()}


def _fetch(ids: list[int]) -> list[Policy]:
    return list(Policy.objects.public().filter(pk__in=ids).select_related("published_version")
                .prefetch_related("issuer_links__authority", "jurisdictions", "sectors", "topics").order_by("pk"))


def rebuild_passages(policy_ids: Iterable[int]) -> int:
    """Bring these policies' passages in step (see the module's docstring); returns passages written.
    Queues the embedding of what is new when a broker is configured."""
    if not enabled():
        return 0
    ids = sorted({pk for pk in policy_ids if pk})
    written = 0
    changed = False
    for offset in range(0, len(ids), BATCH):
        chunk = ids[offset : offset + BATCH]
        policies = _fetch(chunk)
        targets = _target_sentences(policies)
        wanted = {p.pk: passages_of(p, targets.get(p.pk, [])) for p in policies}
        existing: dict[int, list[tuple]] = {}
        for row in Passage.objects.filter(policy_id__in=chunk).order_by("policy_id", "ordinal").values_list(
                "policy_id", *_FIELDS):
            existing.setdefault(row[0], []).append(tuple(row[1:]))
        stale = [pk for pk in chunk if pk in existing and pk not in wanted]
        stale += [pk for pk, rows in wanted.items()
                  if existing.get(pk, []) != [tuple(getattr(r, f) for f in _FIELDS) for r in rows]]
        if not stale:
            continue
        with transaction.atomic():
            Passage.objects.filter(policy_id__in=stale).delete()
            new = [row for pk in stale for row in wanted.get(pk, [])]
            Passage.objects.bulk_create(new, batch_size=1000)
        written += len(new)
        changed = True
    if changed:
        bump()
        _queue_embedding()
    return written


def remove_passages(policy_ids: Iterable[int]) -> int:
    """Drop the passages of these policies (no longer public); returns rows deleted."""
    if not enabled():
        return 0  # none were made (a database embedded before it was turned off keeps them)
    deleted, _ = Passage.objects.filter(policy_id__in=list(policy_ids)).delete()
    if deleted:
        bump()
    return deleted


def _queue_embedding() -> None:
    """With a broker, a worker embeds what is pending, after this transaction commits; without one
    (eager jobs run in the caller's process, maybe a web request) nothing is queued here. One row
    waiting to be published covers every rebuild until then (the task lists the pending passages
    when it runs)."""
    from ccnt.jobs.celery_app import is_eager
    from ccnt.jobs.models import Outbox
    from ccnt.jobs.outbox import enqueue, get_app

    if is_eager(get_app()):
        return
    # a row not yet published will run after this commit and list what is pending then: one is enough
    if not Outbox.objects.filter(task=EMBED_TASK, sent_at__isnull=True).exists():
        enqueue(EMBED_TASK)


def pending_count() -> int:
    """Distinct passage strings still to embed for the current model."""
    pending = Passage.objects.exclude(
        text_hash__in=PassageVector.objects.filter(model=current_model_id()).values("text_hash"))
    return pending.values("text_hash").distinct().count()


def embed_pending(batch: int = 32, progress: Callable[[int], None] | None = None, limit: int | None = None) -> int:
    """Embed the passage strings that have no vector for the current model, ``batch`` at a time,
    each distinct string once; ``progress(n)`` after each batch of n; at most ``limit`` strings.
    Lists the pending passages again when done, until none is left (passages a publish added
    meanwhile are embedded by this run). Returns the number embedded. Safe beside another run: a
    vector written twice is ignored."""
    if not enabled():
        return 0
    embedder = get_embedder()
    model_id = embedder.model_id
    embedded = batches = 0
    while limit is None or embedded < limit:
        done_hashes = PassageVector.objects.filter(model=model_id).values("text_hash")
        ids = list(Passage.objects.exclude(text_hash__in=done_hashes)
                   .order_by("policy_id", "ordinal").values_list("pk", flat=True)[:2000])
        if not ids:
            break
        todo: dict[str, str] = {}
        for digest, heading, text in Passage.objects.filter(pk__in=ids).order_by("policy_id", "ordinal").values_list(
                "text_hash", "heading", "text"):
            todo.setdefault(digest, model_text(heading, text))
        items = list(todo.items())[: None if limit is None else limit - embedded]
        for start in range(0, len(items), batch):
            part = items[start : start + batch]
            vectors = embedder.passages([string for _, string in part])
            store(model_id, [digest for digest, _ in part], vectors)
            embedded += len(part)
            batches += 1
            if progress:
                progress(len(part))
            if batches % BUMP_EVERY == 0:
                bump()
        if not items:
            break
    if embedded:
        bump()
    return embedded


def store(model_id: str, hashes: list[str], vectors: np.ndarray) -> None:
    """Write vectors (float32 rows) for these text hashes; ones already there are kept."""
    matrix = np.ascontiguousarray(vectors, dtype=np.float32)
    PassageVector.objects.bulk_create(
        [PassageVector(model=model_id, text_hash=h, vector=matrix[i].tobytes()) for i, h in enumerate(hashes)],
        ignore_conflicts=True, batch_size=500)


def prune_vectors() -> int:
    """Delete vectors no passage uses any more, and those of other models; returns rows deleted."""
    unused = PassageVector.objects.exclude(text_hash__in=Passage.objects.values("text_hash"))
    other = PassageVector.objects.exclude(model=current_model_id())
    deleted = unused.delete()[0] + other.delete()[0]
    return deleted


def rebuild_all() -> int:
    """Passages for every public policy, none for anything else; returns passages written."""
    if not enabled():
        return 0
    remove_passages(Passage.objects.exclude(policy_id__in=Policy.objects.public().values("pk"))
                    .values_list("policy_id", flat=True).distinct())
    return rebuild_passages(Policy.objects.public().values_list("pk", flat=True))


def embed_all(stream=None, threads: int | None = None, progress: bool | None = None) -> int:
    """``embed_pending`` with a progress bar on ``stream`` (stderr; shown on a terminal, or when
    ``progress``), the model loaded with ``threads`` (default: every core; the in-process path of
    ``ccnt reindex --embeddings`` and ``ccnt demo``). Returns the number embedded."""
    import os
    import sys

    from tqdm import tqdm

    stream = stream or sys.stderr
    total = pending_count()
    if not total:
        return 0
    get_embedder(threads=threads or os.cpu_count() or 1)
    show = stream.isatty() if progress is None else progress
    with tqdm(total=total, file=stream, disable=not show, unit="passage", desc="embedding passages",
              mininterval=1.0 if stream.isatty() else 30.0, dynamic_ncols=True) as bar:
        return embed_pending(progress=bar.update)


def summary() -> str:
    """One line: passages, vectors of the current model, strings still to embed."""
    model_id = current_model_id()
    vectors = PassageVector.objects.filter(model=model_id).count()
    return (f"meaning search: {Passage.objects.count()} passages of {Passage.objects.values('policy').distinct().count()}"
            f" policies, {vectors} vectors ({model_id}), {pending_count()} pending")
