"""Keeping the search index in step with the policies.

Only public policies (``Policy.objects.public()``) have index rows; anything else is removed
from the index when it changes, and every query joins back to the gate as well, so a draft is
never returned or counted even if the index were stale.

``index_policy`` / ``remove`` / ``reindex_all`` / ``reindex_ids`` are the entry points; the
signals in ``signals.py`` call ``schedule`` which indexes at once, or at the end of a
``deferred()`` block (bulk loads: ``ccnt demo``, ``ccnt synth``) in one batch.

A full rebuild (``rebuild``, ``ccnt reindex --clear``) never empties the live index: it writes
every row beside it (``PolicyIndexBuild`` / ``PolicyTermBuild`` under one ``IndexBuild``) and
swaps them in with one transaction, so readers see the old index until the commit and the new
one after it, and a killed build leaves the live index as it was. Live writes made while a
build runs are recorded (``IndexTouch``) and win over the build's older copy. Rejected: deleting
everything and indexing again in batches (search answered 0 for the whole run, and for good
when killed); renaming shadow tables into place (the FTS5 external-content table and the
PostgreSQL GIN indexes and functions are bound to the live table's name).
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from typing import TypeVar

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from ccnt.tracker.models import Jurisdiction, Policy, PolicyRelation, Target

from .models import (
    CacheScope,
    IndexBuild,
    IndexState,
    IndexTouch,
    PolicyIndex,
    PolicyIndexBuild,
    PolicyTerm,
    PolicyTermBuild,
)
from .passages import rebuild_all as rebuild_all_passages
from .passages import rebuild_passages, remove_passages
from .tokenize import tokenize

BATCH = 500
BUILD_STALE = timedelta(minutes=10)  # a build without a heartbeat for this long was killed
FIELDS = ("date", "year", "level", "category", "policy_type", "legal_force", "has_targets",
          "facet_key", "title_tokens", "tokens")
FACET_KINDS = ("sector", "topic", "province")  # the terms PolicyIndex.facet_key holds
T = TypeVar("T")
_state = threading.local()
_GENERATION = "generation"
_request_memo: ContextVar[dict | None] = ContextVar("ccnt_request_memo", default=None)
_MISSING = object()


def bump() -> None:
    """Mark the index as changed: a new random generation, so cached counts of any earlier
    state are never used — even one whose transaction was rolled back. Inside a ``deferred()``
    bulk load, once at its end."""
    if getattr(_state, "pending", None) is not None:
        _state.pending_bump = True
        return
    value = secrets.randbits(62)
    if not IndexState.objects.filter(pk=1).update(generation=value):
        IndexState.objects.update_or_create(pk=1, defaults={"generation": value})
    memo = _request_memo.get()
    if memo is not None:  # this request's later reads see its own write
        memo.clear()
        memo[_GENERATION] = value


def read_generation() -> int:
    """One plain statement (the ORM's ``first()`` cost several times the query itself on every
    API request and every cold page)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT generation FROM {_table(IndexState)} WHERE id = 1")
        row = cursor.fetchone()
    return int(row[0] or 0) if row else 0


def generation() -> int:
    """The generation of the public data: read once per request (``request_scope``), so a page
    that looks up ten cached values pays one query, not ten; outside a request, read each time."""
    memo = _request_memo.get()
    if memo is None:
        return read_generation()
    if _GENERATION not in memo:
        memo[_GENERATION] = read_generation()
    return memo[_GENERATION]


def remember_generation(value: int) -> None:
    """Seed this request's generation (the page cache reads it with its other keys, one query)."""
    memo = _request_memo.get()
    if memo is not None:
        memo.setdefault(_GENERATION, value)


@contextmanager
def request_scope():
    """One request: the generation is read at most once, and a value ``per_generation`` got from
    the cache is unpickled at most once (a page asked for the national benchmarks per target).

    Rejected: a per-process memo across requests — another process's publish would not be seen,
    and clearing the cache would not make the page cold."""
    token = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(token)


def per_generation(name: str, compute: Callable[[], T], timeout: int = 24 * 3600) -> T:
    """``compute()``, cached until the public data next changes.

    Every publish, edit or target change writes the index and so makes a new generation: a
    value computed from public policies under one generation is never served under another.
    Callers must not change the value they get: within a request it is shared. A value computed
    here is stored and returned as computed; rejected: ``cache.get_or_set``, which reads back
    what it has just stored (a cold page unpickled each value it had just built, the national
    benchmarks' model objects among them), only to return an equal copy (any value stored under
    one generation is computed from the same data)."""
    key = generation_key(name)
    memo = _request_memo.get()
    if memo is not None and key in memo:
        return memo[key]
    value = cache.get(key, _MISSING)
    if value is _MISSING:  # computed here: stored, and the computed object itself used
        value = compute()
        cache.add(key, value, timeout)
    if memo is not None:
        memo[key] = value
    return value


def generation_key(name: str) -> str:
    """A cache key for ``name`` under the current state of the public data."""
    return f"ccnt.{name}:{connection.alias}:{generation()}"


# --- scopes of whole cached pages (ccnt.ops.pagecache) -------------------------------------

CATALOGUE = "catalogue"
REPORTS = "reports"
NATIONAL_PREFIX = "10"  # adcode 100000's: the national policies every region page compares with


def _new_values(keys: Iterable[str]) -> None:
    keys = sorted(set(keys))
    if keys:
        CacheScope.objects.bulk_create([CacheScope(key=k, value=secrets.randbits(62)) for k in keys],
                                       update_conflicts=True, unique_fields=["key"], update_fields=["value"],
                                       batch_size=500)


def touch(policy_ids: Iterable[int], prefixes: Iterable[str] = ()) -> None:
    """At once, or at the end of a ``deferred()`` block (with the other pending work)."""
    pending = getattr(_state, "pending_touch", None)
    if pending is not None:
        pending[0].update(policy_ids)
        pending[1].update(prefixes)
    else:
        touch_now(policy_ids, prefixes)


def touch_now(policy_ids: Iterable[int], prefixes: Iterable[str] = ()) -> None:
    """New generations for the pages these policies appear on: each policy's own page and the
    pages of the policies it is related to (their links list it while it is public), and the
    region pages of every unit it belongs to or lies below (``prefixes`` adds regions it has just
    left). Nothing else: a publish in Jiangsu leaves Gansu's pages and every other policy's page
    cached."""
    ids = {pk for pk in policy_ids if pk}
    if not ids:
        return
    keys = {f"policy:{pk}" for pk in ids}
    for source, target in PolicyRelation.objects.filter(Q(source_id__in=ids) | Q(target_id__in=ids)).values_list(
            "source_id", "target_id"):
        keys.update((f"policy:{source}", f"policy:{target}"))
    regions = set(prefixes)
    regions.update(PolicyTerm.objects.filter(policy_id__in=ids, kind="j").values_list("value", flat=True))
    for adcode, level in Policy.objects.filter(pk__in=ids).values_list("jurisdiction__adcode", "level"):
        if adcode:
            regions.update(adcode[:n] for n in (2, 4, 6))
        if level == "national":
            regions.add(NATIONAL_PREFIX)
    _new_values(keys | {f"region:{p}" for p in regions})


def touch_catalogue() -> None:
    """Names every page shows changed (a place, issuer, category, indicator) or a release: every
    scoped page gets a new generation, and so does everything keyed by the index generation."""
    _new_values([CATALOGUE])
    bump()


POLICY_REGION = "policy-region:"  # + a policy's pk: the scope of its primary region, found in the same query


def touch_reports() -> None:
    """A monthly report was saved or deleted: the report pages and their archive, which show
    frozen snapshots and nothing else that changes, get a new generation."""
    _new_values([REPORTS])


def scope_values(keys: list[str]) -> dict[str, int]:
    """The generations of ``keys`` and of the public data as a whole (under ``"*"``), one query;
    a key never touched reads 0. ``policy-region:<pk>`` stands for ``region:<adcode>`` of that
    policy's primary region (none when it has no region), looked up inside the same statement:
    a cached policy page pays one query, not a second one for its region first."""
    table, state, quote = _table(CacheScope), _table(IndexState), connection.ops.quote_name
    plain = [k for k in keys if not k.startswith(POLICY_REGION)]
    derived = [int(k[len(POLICY_REGION):]) for k in keys if k.startswith(POLICY_REGION)]
    parts, params = [], []
    if plain:
        parts.append(f"SELECT {quote('key')}, {quote('value')} FROM {table} "
                     f"WHERE {quote('key')} IN ({', '.join(['%s'] * len(plain))})")
        params += plain
    for pk in derived:
        region = f"'region:' || j.{quote('adcode')}"
        parts.append(f"SELECT {region}, COALESCE(s.{quote('value')}, 0) FROM {_table(Policy)} p "
                     f"JOIN {_table(Jurisdiction)} j ON j.{quote('id')} = p.{quote('jurisdiction_id')} "
                     f"LEFT JOIN {table} s ON s.{quote('key')} = {region} WHERE p.{quote('id')} = %s")
        params.append(pk)
    parts.append(f"SELECT '*', generation FROM {state} WHERE id = 1")
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        found = dict(cursor.fetchall())
    values = {k: int(found.get(k, 0)) for k in plain}
    values.update((k, int(v)) for k, v in found.items() if k.startswith("region:") and k not in values)
    values["*"] = int(found.get("*", 0))
    remember_generation(values["*"])
    return values


def _english_fields(policy: Policy, jurisdictions: list) -> str:
    """The English names around a policy — places, issuers, category, sectors and topics — so an
    English query finds Chinese documents until passage search covers both languages."""
    names = [j.name_en for j in jurisdictions]
    names += [link.authority.name_en for link in policy.issuer_links.all()]
    names += [policy.category.name_en if policy.category else ""]
    names += [s.name_en for s in policy.sectors.all()] + [t.name_en for t in policy.topics.all()]
    return " ".join(n for n in names if n)


def _document(policy: Policy, has_targets: bool, indicators: str = "") -> tuple[PolicyIndex, list[PolicyTerm]]:
    """The index row and facet terms of one public policy (fetched with ``_fetch``); ``indicators``
    are the names (Chinese and English) of the indicators its targets set."""
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
                        policy.summary_zh, policy.summary_en, body, _english_fields(policy, jurisdictions),
                        indicators),
    )
    terms: set[tuple[str, str]] = set()
    terms.update(("sector", s.code) for s in policy.sectors.all())
    terms.update(("topic", t.code) for t in policy.topics.all())
    for j in jurisdictions:
        code = j.adcode
        terms.update(("j", code[:n]) for n in (2, 4, 6))
        if code != "100000":
            terms.add(("province", code[:2] + "0000"))
    row.facet_key = facet_key(terms)
    return row, [PolicyTerm(policy_id=policy.pk, kind=k, value=v) for k, v in sorted(terms)]


def facet_key(terms: Iterable[tuple[str, str]]) -> str:
    """``PolicyIndex.facet_key`` of a policy's (kind, value) terms."""
    return " ".join(sorted(f"{kind}:{value}" for kind, value in set(terms) if kind in FACET_KINDS))


def _fetch(ids: Iterable[int]):
    return (
        Policy.objects.public()
        .filter(pk__in=list(ids))
        .select_related("category", "published_version")
        .prefetch_related("issuer_links__authority", "jurisdictions", "sectors", "topics")
        .order_by("pk")
    )


def _with_targets(policies: list[Policy]) -> dict[int, str]:
    """Policies with a target of their current version (as ``current_targets_by_policy``), each
    with the names of the indicators those targets set (Chinese and English), for the index."""
    versions = {p.pk: p.published_version_id for p in policies}
    rows = Target.objects.filter(policy_id__in=list(versions)).values_list(
        "policy_id", "version_id", "indicator__name_zh", "indicator__name_en").distinct()
    names: dict[int, dict[str, None]] = {}
    for pid, vid, name_zh, name_en in rows:
        if versions[pid] is None or vid in (None, versions[pid]):
            names.setdefault(pid, {}).update(dict.fromkeys(n for n in (name_zh, name_en) if n))
    return {pid: " ".join(found) for pid, found in names.items()}


def _same(old: PolicyIndex, new: PolicyIndex) -> bool:
    return all(getattr(old, f) == getattr(new, f) for f in FIELDS)


def _running_builds() -> list[int]:
    return list(IndexBuild.objects.filter(heartbeat__gte=timezone.now() - BUILD_STALE).values_list("pk", flat=True))


def _touch(ids: list[int]) -> None:
    """Tell every running build that these policies' live rows are newer than its own."""
    builds = _running_builds()
    if builds and ids:
        IndexTouch.objects.bulk_create([IndexTouch(build_id=b, policy_id=pk) for b in builds for pk in ids],
                                       batch_size=2000)


def reindex_ids(ids: Iterable[int]) -> int:
    """(Re)index these policies in batches; non-public ones are removed. Returns rows written."""
    ids = sorted(set(ids))
    written = 0
    for offset in range(0, len(ids), BATCH):
        chunk = ids[offset : offset + BATCH]
        policies = list(_fetch(chunk))
        targets = _with_targets(policies)
        docs = [_document(p, p.pk in targets, targets.get(p.pk, "")) for p in policies]
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
        with transaction.atomic():
            _touch(chunk)
            if not changed and not gone:
                continue
            stale = [row.policy_id for row, _ in changed] + gone
            left = {value for pid in stale for kind, value in existing_terms.get(pid, ()) if kind == "j"}
            PolicyTerm.objects.filter(policy_id__in=stale).delete()
            PolicyIndex.objects.filter(policy_id__in=stale).delete()
            PolicyIndex.objects.bulk_create([row for row, _ in changed], batch_size=BATCH)
            PolicyTerm.objects.bulk_create([t for _, terms in changed for t in terms], batch_size=2000)
            bump()
            touch(stale, left)
        written += len(changed)
    rebuild_passages(ids)  # public ones get their passages, the others lose them (embeddings on)
    return written


def index_policy(policy: Policy | int) -> None:
    reindex_ids([policy if isinstance(policy, int) else policy.pk])


def remove(policy: Policy | int) -> None:
    pk = policy if isinstance(policy, int) else policy.pk
    with transaction.atomic():
        _touch([pk])
        left = set(PolicyTerm.objects.filter(policy_id=pk, kind="j").values_list("value", flat=True))
        PolicyTerm.objects.filter(policy_id=pk).delete()
        PolicyIndex.objects.filter(policy_id=pk).delete()
        remove_passages([pk])
        bump()
        touch([pk], left)


def counts() -> tuple[int, int]:
    """(public policies, index rows), read by one statement so both come from one snapshot."""
    public_sql, params = Policy.objects.public().order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT (SELECT COUNT(*) FROM ({public_sql}) p), (SELECT COUNT(*) FROM {_table(PolicyIndex)})",
                       params)
        public, indexed = cursor.fetchone()
    return int(public), int(indexed)


def _all_ids() -> Iterator[int]:
    yield from Policy.objects.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=5000)


def reindex_all(clear: bool = False) -> int:
    """Index every public policy and drop rows of anything else. ``clear`` rebuilds every row from
    zero beside the live index and swaps it in (``rebuild``); without it only the rows that differ
    are rewritten, batch by batch."""
    if clear:
        return rebuild()
    public = set(Policy.objects.public().values_list("pk", flat=True))
    stale = list(PolicyIndex.objects.exclude(policy_id__in=Policy.objects.public()).values_list("policy_id", flat=True))
    for pk in stale:
        remove(pk)
    return reindex_ids(public)


def _build_batch(build: IndexBuild, ids: list[int]) -> int:
    """Compute one batch of rows into the build's tables; renew its heartbeat."""
    policies = list(_fetch(ids))
    targets = _with_targets(policies)
    rows: list[PolicyIndexBuild] = []
    terms: list[PolicyTermBuild] = []
    for policy in policies:
        row, policy_terms = _document(policy, policy.pk in targets, targets.get(policy.pk, ""))
        rows.append(PolicyIndexBuild(build=build, policy_id=row.policy_id, **{f: getattr(row, f) for f in FIELDS}))
        terms.extend(PolicyTermBuild(build=build, policy_id=t.policy_id, kind=t.kind, value=t.value)
                     for t in policy_terms)
    with transaction.atomic():
        PolicyIndexBuild.objects.bulk_create(rows, batch_size=BATCH)
        PolicyTermBuild.objects.bulk_create(terms, batch_size=2000)
        IndexBuild.objects.filter(pk=build.pk).update(heartbeat=timezone.now())
    return len(rows)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _swap(build: IndexBuild) -> int:
    """Make the build's rows the live index in one transaction; returns index rows written.

    Rows equal to the live ones stay untouched (the FTS5 table is not rewritten for them);
    policies touched during the build keep their live rows; only public policies get rows."""
    live, shadow, touch = _table(PolicyIndex), _table(PolicyIndexBuild), _table(IndexTouch)
    live_terms, shadow_terms = _table(PolicyTerm), _table(PolicyTermBuild)
    public_sql, public_params = Policy.objects.public().order_by().values("pk").query.sql_with_params()
    same = "IS NOT DISTINCT FROM" if connection.vendor == "postgresql" else "IS"
    equal = " AND ".join(f"b.{f} {same} {live}.{f}" for f in FIELDS)
    columns = ", ".join(("policy_id",) + FIELDS)
    kept = f"SELECT policy_id FROM {touch} WHERE build_id = %s"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {live} WHERE policy_id NOT IN ({kept}) AND NOT EXISTS ("
            f"SELECT 1 FROM {shadow} b WHERE b.build_id = %s AND b.policy_id = {live}.policy_id AND {equal}"
            f" AND b.policy_id IN ({public_sql}))",
            [build.pk, build.pk, *public_params],
        )
        cursor.execute(
            f"INSERT INTO {live} ({columns}) SELECT {', '.join('b.' + c for c in columns.split(', '))}"
            f" FROM {shadow} b WHERE b.build_id = %s AND b.policy_id NOT IN ({kept})"
            f" AND b.policy_id IN ({public_sql})"
            f" AND NOT EXISTS (SELECT 1 FROM {live} l WHERE l.policy_id = b.policy_id)",
            [build.pk, build.pk, *public_params],
        )
        written = cursor.rowcount
        cursor.execute(f"DELETE FROM {live_terms} WHERE policy_id NOT IN ({kept})", [build.pk])
        cursor.execute(
            f"INSERT INTO {live_terms} (policy_id, kind, value) SELECT policy_id, kind, value FROM {shadow_terms}"
            f" WHERE build_id = %s AND policy_id NOT IN ({kept}) AND policy_id IN ({public_sql})",
            [build.pk, build.pk, *public_params],
        )
        bump()
        _new_values([CATALOGUE])  # any row may have changed: every scoped page too
    return written


def rebuild() -> int:
    """Rebuild every row of the index beside the live one and swap it in; returns rows written.

    Until the swap commits, readers see the old index; an exception (or a kill) before it
    leaves the live index exactly as it was."""
    IndexBuild.objects.filter(heartbeat__lt=timezone.now() - BUILD_STALE).delete()  # killed builds
    build = IndexBuild.objects.create()
    try:
        ids = list(Policy.objects.public().order_by("pk").values_list("pk", flat=True))
        for offset in range(0, len(ids), BATCH):
            _build_batch(build, ids[offset : offset + BATCH])
        written = _swap(build)
    finally:
        build.delete()
    rebuild_all_passages()
    return written


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
        _state.pending_touch = (set(), set())
    try:
        yield
    finally:
        if outer:
            pending, _state.pending = _state.pending, None
            touched, _state.pending_touch = _state.pending_touch, None
            bumped, _state.pending_bump = getattr(_state, "pending_bump", False), False
            if pending:
                reindex_ids(pending)
            if bumped:
                bump()
            if touched[0]:
                touch_now(*touched)
