"""A cache of parse results, for inputs parsed again and again (the demo's corpus).

Keyed by the original's sha256 and a fingerprint of the parser modules' source, so a change
to any parser reparses everything and a stale result is never used. Files live under
``var/cache/parse/`` (or ``$CCNT_PARSE_CACHE_DIR``) and are written atomically; a damaged entry is ignored and rewritten.

Rejected alternative: caching in the database. The cache must survive ``ccnt restore`` and
test databases alike, and it is a pure function of bytes and code.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from functools import cache
from pathlib import Path

from ccnt.paths import parse_cache_dir

from .parse import parse_bytes
from .types import Link, ParsedDocument

PARSER_MODULES = ("parse.py", "parse_pdf.py", "parse_office.py", "parse_html.py", "textclean.py", "encoding.py")


@cache
def parser_fingerprint() -> str:
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in PARSER_MODULES:
        path = here / name
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    return parse_cache_dir()


def _to_parsed(data: dict) -> ParsedDocument:
    data = dict(data)
    data["attachments"] = [Link(**link) for link in data.get("attachments", [])]
    return ParsedDocument(**data)


def cached_parse(data: bytes, *, name: str = "", **kwargs) -> ParsedDocument:
    """``parse_bytes(data, name=name, **kwargs)``, from the cache when this exact file was
    parsed by this exact parser before. Parse errors are not cached (they raise as usual)."""
    key = f"{hashlib.sha256(data).hexdigest()}-{parser_fingerprint()}.json"
    path = cache_dir() / key
    try:
        return _to_parsed(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        pass
    parsed = parse_bytes(data, name=name, **kwargs)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(parsed), handle, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
    return parsed
