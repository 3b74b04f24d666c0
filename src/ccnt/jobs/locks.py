"""A named lock that dies with its holder: PostgreSQL advisory locks (held by the connection,
released when the process is killed) or, on SQLite (one machine), ``flock`` on a file under
the runtime folder (released by the kernel when the process dies). Used so that a redelivered
task never runs beside the copy it replaces (a Redis visibility timeout can hand a still-running
task to a second worker)."""

from __future__ import annotations

import fcntl
import hashlib
import os
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection


def _key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big", signed=True)


@contextmanager
def key_lock(name: str, blocking: bool = True, timeout: float = 600):
    """Yields True when the lock is held (always, when ``blocking``), False when another
    process holds it and ``blocking`` is False."""
    if connection.vendor == "postgresql":
        key = _key(name)
        with connection.cursor() as cursor:
            if blocking:
                cursor.execute("SELECT pg_advisory_lock(%s)", [key])
                held = True
            else:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
                held = bool(cursor.fetchone()[0])
        try:
            yield held
        finally:
            if held:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    folder = Path(settings.VAR_DIR) / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / f"{_key(name) & 0xFFFFFFFFFFFF:012x}.lock", os.O_CREAT | os.O_RDWR, 0o600)
    held = False
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                held = True
                break
            except BlockingIOError:
                if not blocking or time.monotonic() > deadline:
                    break
                time.sleep(0.05)
        yield held
    finally:
        if held:
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
