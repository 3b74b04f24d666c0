"""The archive of originals: content-addressed by sha256, written atomically, never changed.

``<root>/ab/cd/abcd…`` holds the bytes; the database's Document row holds URL, media type,
size, HTTP status and fetch time. Writing the same bytes twice is a no-op. A crash leaves at
most a stray ``.tmp`` file, never a truncated original.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Archive:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def relpath(self, sha: str) -> str:
        return f"{sha[:2]}/{sha[2:4]}/{sha}"

    def path(self, sha: str) -> Path:
        if len(sha) != 64 or not all(c in "0123456789abcdef" for c in sha):
            raise ValueError(f"not a sha256: {sha!r}")
        return self.root / self.relpath(sha)

    def put(self, data: bytes) -> tuple[str, str]:
        """Store ``data``; returns ``(sha256, relative path)``."""
        sha = sha256_of(data)
        target = self.path(sha)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        return sha, self.relpath(sha)

    def get(self, sha: str) -> bytes:
        return self.path(sha).read_bytes()

    def exists(self, sha: str) -> bool:
        return self.path(sha).exists()


def default_archive() -> Archive:
    from django.conf import settings

    return Archive(settings.ARCHIVE_DIR)
