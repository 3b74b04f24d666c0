"""The per-process cache is bounded by bytes as well as entries, least recently used out first;
pages are stored as sent below the raw limit and deflated above it, and both serve the same page."""

from __future__ import annotations

import pickle
import re
import uuid

import pytest
from django.test import Client

from ccnt.ops import pagecache
from ccnt.ops.cache import SizedLocMemCache

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _cache(max_bytes: int) -> SizedLocMemCache:
    return SizedLocMemCache(f"sized-{uuid.uuid4().hex}", {"OPTIONS": {"MAX_ENTRIES": 1000, "MAX_BYTES": max_bytes}})


def test_it_evicts_the_least_recently_used_values_beyond_the_byte_bound():
    cache = _cache(50_000)
    for name in ("a", "b", "c"):
        cache.set(name, b"x" * 20_000)
    assert cache.get("a") is None and cache.get("b") is not None  # a went first; b is now recent
    cache.set("d", b"x" * 20_000)
    assert cache.get("c") is None and cache.get("b") is not None and cache.get("d") is not None


def test_it_keeps_a_value_larger_than_the_bound_alone():
    cache = _cache(10_000)
    cache.set("small", b"x" * 100)
    cache.set("big", b"x" * 20_000)
    assert cache.get("big") is not None and cache.get("small") is None


def test_without_a_byte_bound_it_bounds_entries_only():
    cache = _cache(0)
    for i in range(20):
        cache.set(f"k{i}", b"x" * 100_000)
    assert all(cache.get(f"k{i}") is not None for i in range(20))


@pytest.mark.django_db
@pytest.mark.parametrize("raw_limit", [0, 10_000_000])
def test_it_serves_the_same_page_stored_deflated_or_as_sent(monkeypatch, raw_limit):
    monkeypatch.setattr(pagecache, "RAW_LIMIT", raw_limit)
    first = Client().get("/matrix/")
    second = Client().get("/matrix/")
    assert second["X-Page-Cache"] == "hit"
    assert TOKEN.sub("", second.content.decode()) == TOKEN.sub("", first.content.decode())
    assert "__ccnt" not in second.content.decode()


@pytest.mark.django_db
def test_it_keeps_a_large_page_as_sent_in_process_memory_and_fills_in_each_readers_token(monkeypatch):
    """Above the shared cache's raw limit, a per-process cache still keeps the page as sent (split
    at the token's placeholder), and each reader gets a token of their own in it."""
    from django.core.cache import cache

    monkeypatch.setattr(pagecache, "RAW_LIMIT", 1000)  # the matrix is larger: deflated in Redis
    first = Client().get("/matrix/")
    stored = [v for k, v in cache._cache.items() if "ccnt.page:" in k]
    entry = pickle.loads(stored[0]) if stored else None
    assert entry is not None and not entry["deflated"] and isinstance(entry["body"], list)
    reader = Client()
    hit = reader.get("/matrix/")
    assert hit["X-Page-Cache"] == "hit" and "__ccnt" not in hit.content.decode()
    tokens = TOKEN.findall(hit.content.decode())
    assert tokens and tokens[0] != TOKEN.findall(first.content.decode())[0]
    assert TOKEN.sub("", hit.content.decode()) == TOKEN.sub("", first.content.decode())
