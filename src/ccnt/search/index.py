"""Keeping the search index in step with the policies.

Only public policies (``Policy.objects.public()``) have index rows; anything else is removed
from the index when it changes, and every query joins back to the gate as well, so a draft is
never returned or counted even if the index were stale.

``index_policy`` / ``remove`` / ``reindex_all`` / ``reindex_ids`` are the entry points; the
signals in ``signals.py`` call ``schedule`` which indexes at once, or at the end of a
``deferred()`` block (bulk loads: ``ccnt demo``, ``ccnt synth``) in one batch.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.core.cache import cache
from django.db import connection, transaction

from ccnt.tracker.models import Policy, Target

from .models import IndexState, PolicyIndex, PolicyTerm
from .tokenize import tokenize

BATCH = 500
T = TypeVar("T")
_state = threading.local()


def bump() -> None:
    """Mark the index as changed: a new random generation, so cached counts of any earlier
    state are never used — even one whose transaction was rolled back."""
    value = secrets.randbits(62)
    if not IndexState.objects.filter(pk=1).update(generation=value):
        IndexState.objects.update_or_create(pk=1, defaults={"generation": value})


def generation() -> int:
    return IndexState.objects.filter(pk=1).values_list("generation", flat=True).first() or 0


def per_generation(name: str, compute: Callable[[], T], timeout: int = 24 * 3600) -> T:
    """``compute()``, cached until the public data next changes.

    Every publish, edit or target change writes the index and so makes a new generation: a
    value computed from public policies under one generation is never served under another."""
    return cache.get_or_set(generation_key(name), compute, timeout)


def generation_key(name: str) -> str:
    """A cache key for ``name`` under the current state of the public data."""
    return f"ccnt.{name}:{connection.alias}:{generation()}"


def _document(policy: Policy, has_targets: bool) -> tuple[PolicyIndex, list[PolicyTerm]]:
    """The index row and facet terms of one public policy (fetched with ``_fetch``)."""
    issuers = " ".join(link.authority.name for link in policy.issuer_links.all())
    jurisdictions = list(policy.jurisdictions.all())
    places = " ".join(j.name for j in jurisdictions)
    body = policy.published_version.text if policy.published_version_id else ""
    date = policy.published_date or policy.signed_date
    row = PolicyIndex(
        policy_id=policy.pk,
        date=date,
        year=date.year if date else None,
        level=policy.level or "",
        category=policy.category.code if policy.category else "",
        policy_type=policy.policy_type or "",
        legal_force=policy.legal_force or "",
        has_targets=has_targets,
        title_tokens=tokenize(policy.title, policy.title_en),
        tokens=tokenize(policy.title, policy.title_en, policy.doc_number, issuers, places,
                        policy.summary_zh, policy.summary_en, body),
    )
    terms: set[tuple[str, str]] = set()
    terms.update(("sector", s.code) for s in policy.sectors.all())
    terms.update(("topic", t.code) for t in policy.topics.all())
    for j in jurisdictions:
        code = j.adcode
        terms.update(("j", code[:n]) for n in (2, 4, 6))
        if code != "100000":
            terms.add(("province", code[:2] + "0000"))
    return row, [PolicyTerm(policy_id=policy.pk, kind=k, value=v) for k, v in sorted(terms)]


def _fetch(ids: Iterable[int]):
    return (
        Policy.objects.public()
        .filter(pk__in=list(ids))
        .select_related("category", "published_version")
        .prefetch_related("issuer_links__authority", "jurisdictions", "sectors", "topics")
        .order_by("pk")
    )


def _with_targets(policies: list[Policy]) -> set[int]:
    """Policies with a target of their current version (as ``current_targets_by_policy``)."""
    versions = {p.pk: p.published_version_id for p in policies}
    rows = Target.objects.filter(policy_id__in=list(versions)).values_list("policy_id", "version_id").distinct()
    return {pid for pid, vid in rows if versions[pid] is None or vid in (None, versions[pid])}


def _same(old: PolicyIndex, new: PolicyIndex) -> bool:
    fields = ("date", "year", "level", "category", "policy_type", "legal_force", "has_targets",
              "title_tokens", "tokens")
    return all(getattr(old, f) == getattr(new, f) for f in fields)


def reindex_ids(ids: Iterable[int]) -> int:
    """(Re)index these policies in batches; non-public ones are removed. Returns rows written."""
    ids = sorted(set(ids))
    written = 0
    for offset in range(0, len(ids), BATCH):
        chunk = ids[offset : offset + BATCH]
        policies = list(_fetch(chunk))
        targets = _with_targets(policies)
        docs = [_document(p, p.pk in targets) for p in policies]
        existing = {row.policy_id: row for row in PolicyIndex.objects.filter(policy_id__in=chunk)}
        existing_terms: dict[int, set] = {}
        for pid, kind, value in PolicyTerm.objects.filter(policy_id__in=chunk).values_list("policy_id", "kind", "value"):
            existing_terms.setdefault(pid, set()).add((kind, value))
        public = {p.pk for p in policies}
        changed = [
            (row, terms) for row, terms in docs
            if row.policy_id not in existing or not _same(existing[row.policy_id], row)
            or existing_terms.get(row.policy_id, set()) != {(t.kind, t.value) for t in terms}
        ]
        gone = [pid for pid in chunk if pid not in public and pid in existing]
        if not changed and not gone:
            continue
        with transaction.atomic():
            stale = [row.policy_id for row, _ in changed] + gone
            PolicyTerm.objects.filter(policy_id__in=stale).delete()
            PolicyIndex.objects.filter(policy_id__in=stale).delete()
            PolicyIndex.objects.bulk_create([row for row, _ in changed], batch_size=BATCH)
            PolicyTerm.objects.bulk_create([t for _, terms in changed for t in terms], batch_size=2000)
            bump()
        written += len(changed)
    return written


def index_policy(policy: Policy | int) -> None:
    reindex_ids([policy if isinstance(policy, int) else policy.pk])


def remove(policy: Policy | int) -> None:
    pk = policy if isinstance(policy, int) else policy.pk
    with transaction.atomic():
        PolicyTerm.objects.filter(policy_id=pk).delete()
        PolicyIndex.objects.filter(policy_id=pk).delete()
        bump()


def _all_ids() -> Iterator[int]:
    yield from Policy.objects.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=5000)


def reindex_all(clear: bool = False) -> int:
    """Index every public policy and drop rows of anything else. ``clear`` rebuilds from zero."""
    if clear:
        with transaction.atomic():
            PolicyTerm.objects.all().delete()
            PolicyIndex.objects.all().delete()
            bump()
    public = set(Policy.objects.public().values_list("pk", flat=True))
    stale = list(PolicyIndex.objects.exclude(policy_id__in=Policy.objects.public()).values_list("policy_id", flat=True))
    for pk in stale:
        remove(pk)
    return reindex_ids(public)


# --- scheduling: at once, or batched at the end of a deferred() block -----------------------

def schedule(policy_id: int) -> None:
    pending = getattr(_state, "pending", None)
    if pending is not None:
        pending.add(policy_id)
    else:
        reindex_ids([policy_id])


@contextmanager
def deferred():
    """Collect index updates and run them in one batch at the end (bulk loads)."""
    outer = getattr(_state, "pending", None) is None
    if outer:
        _state.pending = set()
    try:
        yield
    finally:
        if outer:
            pending, _state.pending = _state.pending, None
            if pending:
                reindex_ids(pending)
