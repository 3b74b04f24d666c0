"""The vector index of meaning search: the passages nearest to a query's embedding.

``vector_index()`` is this process's ``MatrixIndex``: an exact top-k over a float32 matrix of every
passage whose string has a vector of the current model — one matrix product and ``np.argpartition``
per query. It works the same on SQLite and PostgreSQL (the vectors are bytes in a plain table).
Each distinct string is one row of the matrix (policies that quote one paragraph share it), and
each passage points at its row.

No stale results: every write of passages or vectors sets a new random value of the ``vectors``
scope (``CacheScope``, one row in the database, so every process sees a write by any other: the
worker, ``ccnt reindex --embeddings``); a query reads it once (one primary-key lookup) and reloads
the matrix when it changed, fetching only the vectors it does not hold yet. Rejected: a version in
the Django cache — without Redis each process has its own cache and would never see the worker's
writes. The matrix may hold passages of policies unpublished since it was loaded: the caller filters
hits through the public, filtered search queryset.

Measured (``scripts/bench_embeddings.py``, 2-core development machine, the other core busy): on the
demo (4,982 passages) ``nearest`` p50 0.3 ms, p95 4.7 ms, and a load from the database 0.06 s; at
100,000 policies × 3 passages of synthetic unit vectors (300,000 × 384 float32: 439 MB in each
process that searches) p50 18–38 ms, p95 34–44 ms. A reload after a write fetches only the vectors
it does not hold, but re-reads the whole passage list (not measured at that size).

Upgrade path, when the corpus outgrows one process's memory or the reload: PostgreSQL with the
``pgvector`` extension — a ``vector(384)`` column beside ``PassageVector.vector`` with an HNSW index,
and a ``PgVectorIndex`` whose ``nearest`` is ``ORDER BY vector <=> %s LIMIT k`` joined to the
passages (approximate, no matrix in the web processes, no reload). ``vector_index()`` would return
it where ``CREATE EXTENSION vector`` succeeded, and this index elsewhere (SQLite, servers without it).
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from django.db import connection

from .embedder import current_model_id, enabled
from .models import CacheScope, Passage, PassageVector

SCOPE = "vectors"  # the CacheScope row whose value changes with every write of passages or vectors
_FETCH = 500  # vectors fetched per query when (re)loading


@dataclass(frozen=True)
class Hit:
    passage_id: int
    policy_id: int
    score: float


class VectorIndex(Protocol):
    def nearest(self, query: np.ndarray, k: int, policy_ids: Collection[int] | None = None) -> list[Hit]: ...


def bump() -> None:
    """Passages or vectors changed: every process's index reloads before its next query."""
    value = secrets.randbits(62)
    if not CacheScope.objects.filter(key=SCOPE).update(value=value):
        CacheScope.objects.update_or_create(key=SCOPE, defaults={"value": value})


def version() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {connection.ops.quote_name(CacheScope._meta.db_table)} WHERE "
                       f"{connection.ops.quote_name('key')} = %s", [SCOPE])
        row = cursor.fetchone()
    return int(row[0]) if row else 0


@dataclass(frozen=True)
class _Loaded:
    """What one load read, replaced whole (a query on another thread reads one consistent load)."""

    matrix: np.ndarray  # one float32 row per distinct string
    row_of_hash: dict[str, int]
    passage_ids: np.ndarray
    policy_ids: np.ndarray
    rows: np.ndarray  # each passage's matrix row


def _empty(dim: int) -> _Loaded:
    none = np.zeros(0, dtype=np.int64)
    return _Loaded(np.zeros((0, dim), dtype=np.float32), {}, none, none, none)


class MatrixIndex:
    """Exact nearest passages over a float32 matrix held in memory (see the module's docstring)."""

    def __init__(self, dim: int = 384) -> None:
        self._lock = threading.Lock()
        self._version: tuple[int, str] | None = None
        self.dim = dim
        self.loaded = _empty(dim)

    @classmethod
    def from_arrays(cls, matrix: np.ndarray, passage_ids: np.ndarray, policy_ids: np.ndarray,
                    rows: np.ndarray | None = None) -> MatrixIndex:
        """An index over given arrays, never reloaded (benchmarks)."""
        index = cls(matrix.shape[1])
        index.loaded = _Loaded(np.ascontiguousarray(matrix, dtype=np.float32), {},
                               np.asarray(passage_ids, dtype=np.int64), np.asarray(policy_ids, dtype=np.int64),
                               np.arange(len(passage_ids), dtype=np.int64) if rows is None
                               else np.asarray(rows, dtype=np.int64))
        index._version = (-1, "fixed")
        return index

    def __len__(self) -> int:
        return len(self.loaded.passage_ids)

    def nearest(self, query: np.ndarray, k: int, policy_ids: Collection[int] | None = None) -> list[Hit]:
        """The ``k`` passages with the highest cosine to ``query`` (an L2-normalised vector), best first;
        with ``policy_ids``, of those policies' passages only (a filtered search looks for its best
        passages among the policies its filters allow, not among the best of all)."""
        self.refresh()
        loaded = self.loaded
        matrix, rows, passages, policies = loaded.matrix, loaded.rows, loaded.passage_ids, loaded.policy_ids
        if policy_ids is not None:
            keep = np.flatnonzero(np.isin(policies, np.fromiter(policy_ids, dtype=np.int64, count=len(policy_ids))))
            rows, passages, policies = rows[keep], passages[keep], policies[keep]
        if k <= 0 or not len(rows):
            return []
        scores = (matrix @ np.asarray(query, dtype=np.float32))[rows]
        k = min(k, len(scores))
        best = np.argpartition(-scores, k - 1)[:k]
        best = best[np.lexsort((passages[best], -scores[best]))]  # best first; ties by passage id
        return [Hit(int(passages[i]), int(policies[i]), float(scores[i])) for i in best]

    def refresh(self) -> None:
        """Reload when passages or vectors changed since the last load (one query otherwise)."""
        if self._version == (-1, "fixed"):
            return
        wanted = (version(), current_model_id())
        if wanted == self._version:
            return
        with self._lock:
            if wanted != self._version:
                self._load(wanted[1])
                self._version = wanted

    def _load(self, model_id: str) -> None:
        passage, vector = (connection.ops.quote_name(m._meta.db_table) for m in (Passage, PassageVector))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT p.id, p.policy_id, p.text_hash FROM {passage} p WHERE EXISTS (SELECT 1 FROM {vector} v "
                f"WHERE v.model = %s AND v.text_hash = p.text_hash) ORDER BY p.id", [model_id])
            found = cursor.fetchall()
        hashes = list(dict.fromkeys(row[2] for row in found))
        same_model = self._version is not None and self._version[1] == model_id
        previous = self.loaded
        old = previous.row_of_hash if same_model else {}
        missing = [h for h in hashes if h not in old]
        fetched: dict[str, np.ndarray] = {}
        for offset in range(0, len(missing), _FETCH):
            part = missing[offset : offset + _FETCH]
            for digest, data in PassageVector.objects.filter(model=model_id, text_hash__in=part).values_list(
                    "text_hash", "vector"):
                fetched[digest] = np.frombuffer(bytes(data), dtype=np.float32)
        matrix = np.empty((len(hashes), self.dim), dtype=np.float32)
        kept = [(i, old[h]) for i, h in enumerate(hashes) if h in old]
        if kept:
            new_rows, old_rows = np.array(kept, dtype=np.int64).T
            matrix[new_rows] = previous.matrix[old_rows]
        for i, digest in enumerate(hashes):
            if digest in fetched:
                matrix[i] = fetched[digest]
        row_of_hash = {h: i for i, h in enumerate(hashes)}
        self.loaded = _Loaded(matrix, row_of_hash, np.array([row[0] for row in found], dtype=np.int64),
                              np.array([row[1] for row in found], dtype=np.int64),
                              np.array([row_of_hash[row[2]] for row in found], dtype=np.int64))


_index: MatrixIndex | None = None
_index_lock = threading.Lock()


def vector_index() -> VectorIndex:
    """This process's vector index (``MatrixIndex``), created on first use."""
    global _index
    if _index is None:
        with _index_lock:
            if _index is None:
                _index = MatrixIndex()
    return _index


def available() -> bool:
    """Meaning search can answer: embeddings on, and at least one passage with a vector of the
    current model."""
    if not enabled():
        return False
    vectors = PassageVector.objects.filter(model=current_model_id())
    return Passage.objects.filter(text_hash__in=vectors.values("text_hash")).exists()
