"""A Redis cache that fails open: when Redis is down, reads miss and writes are dropped; and the
per-process cache used without Redis, bounded by bytes as well as entries.

The cache holds only what can be recomputed (search facet counts) or lost (API rate-limit
counters), so a stopped Redis must not take the pages down with it: every call that cannot reach
Redis logs a warning (at most once a minute) and answers as if the key were absent. Short socket
timeouts keep a dead server from stalling each request.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

log = logging.getLogger(__name__)
_last_warning = [0.0]


def _connection_errors() -> tuple[type[BaseException], ...]:
    import redis

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


def _warn(operation: str, error: BaseException) -> None:
    now = time.monotonic()
    if now - _last_warning[0] > 60:
        _last_warning[0] = now
        log.warning("cache unavailable (%s: %s): serving without it", operation, error)


def _fail_open(name: str, default=None):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(FailOpenRedisCache, self), name)(*args, **kwargs)
        except _connection_errors() as error:
            _warn(name, error)
            return default(*args, **kwargs) if callable(default) else default

    method.__name__ = name
    return method


class FailOpenRedisCache(RedisCache):
    get = _fail_open("get", lambda key, default=None, version=None: default)
    set = _fail_open("set")
    add = _fail_open("add", False)
    touch = _fail_open("touch", False)
    delete = _fail_open("delete", False)
    get_many = _fail_open("get_many", lambda *a, **k: {})
    set_many = _fail_open("set_many", lambda *a, **k: [])
    delete_many = _fail_open("delete_many")
    has_key = _fail_open("has_key", False)
    incr = _fail_open("incr", lambda key, delta=1, version=None: delta)
    clear = _fail_open("clear", False)


def counters():
    """The cache that holds rate-limit counters: ``CCNT_API_THROTTLE_CACHE`` when that alias is
    configured (the database cache beside a per-process default), else the default cache (Redis,
    or a test's own set-up). Counters must be one truth for every server process; page data need
    not be (it is keyed by generations read from the database)."""
    from django.conf import settings
    from django.core.cache import caches

    alias = getattr(settings, "CCNT_API_THROTTLE_CACHE", "default")
    return caches[alias if alias in settings.CACHES else "default"]


def read_counters():
    """The cache that holds the counters of the limits counted on every anonymous read, cached
    hits included: keyword search (``CCNT_SEARCH_RATE``) and the anonymous API
    (``CCNT_API_ANON_RATE``). ``CCNT_READ_THROTTLE_CACHE`` when that alias is configured (each
    process's memory beside a per-process default cache), else ``counters()`` (Redis: one count
    for every process).

    Invariant: with Redis the limit holds across processes; without it, per process — N server
    processes let a client up to N times the rate — and counting a hit costs no query. Rejected:
    the database cache for these too (six statements, one a write, on every cached search or
    API hit: a hit cost 7–20 times ``/livez``), and a per-process count for every limit (password
    resets and downloads guard mailboxes and seconds of CPU, and are rare: they stay shared)."""
    from django.conf import settings
    from django.core.cache import caches

    alias = getattr(settings, "CCNT_READ_THROTTLE_CACHE", "")
    return caches[alias] if alias in settings.CACHES else counters()


class SizedLocMemCache(LocMemCache):
    """The per-process cache (no Redis), bounded by entries (``MAX_ENTRIES``) and by the bytes of
    its pickled values (``OPTIONS["MAX_BYTES"]``, 0 for no byte bound), least recently used out
    first.

    Invariant: after a write the values held add up to at most ``MAX_BYTES`` (the value just
    written stays even when it alone is larger). Whole pages are stored uninflated below
    ``ccnt.ops.pagecache.LOCAL_RAW_LIMIT`` so a hit does not pay a decompression: the byte bound, not
    compression, keeps such a cache to its size. The sum is taken on each write (writes come
    with a rendered page or a computed value, milliseconds already; reads pay nothing).
    Rejected: an entry bound alone (a hundred 1 MB pages and a hundred 1 KB counts weigh the
    same to it) and a running total kept beside Django's own bookkeeping (``incr``, culls and
    expiries change values behind it)."""

    def __init__(self, name, params):
        super().__init__(name, params)
        self._max_bytes = int(params.get("OPTIONS", {}).get("MAX_BYTES", 0) or 0)

    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        super()._set(key, value, timeout)
        if not self._max_bytes:
            return
        total = sum(map(len, self._cache.values()))
        while total > self._max_bytes and len(self._cache) > 1:
            old, pickled = self._cache.popitem()  # the least recently used end
            self._expire_info.pop(old, None)
            total -= len(pickled)
