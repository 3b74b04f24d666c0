"""What the ingest path hands around: an original (``Resource``), an item to ingest (``Item``), the
result of ingesting it (``Outcome``), and the reading of the dates a page states of itself.

Its own module so that ``store`` (policies) and ``commitments`` (an actor's commitments), which
both ingest items, each import it and neither imports the other for it. Rejected alternative:
these in ``store``, where ``commitments`` had to import them back from the module that imports
``commitments``: an import cycle, held together by imports inside functions.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from ccnt.analysis.dates import parse_date

from .types import ParsedDocument

# the dates a page's metadata table states (索引号 … 成文日期), and the Policy field each fills
META_DATES = {"成文日期": "signed_date", "发布日期": "published_date", "施行日期": "effective_date"}


@dataclass
class Resource:
    """One original: fetched from a URL or read from a file, and (once parsed) its text."""

    data: bytes
    url: str = ""
    final_url: str = ""
    filename: str = ""
    media_type: str = ""
    charset: str = ""
    http_status: int | None = None
    fetched_at: datetime | None = None
    headers: dict[str, str] = field(default_factory=dict)
    parsed: ParsedDocument | None = None
    error: str = ""
    link_text: str = ""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class Item:
    main: Resource
    attachments: list[Resource] = field(default_factory=list)
    overrides: dict = field(default_factory=dict)  # title, issuer, published_date, url
    hints: dict = field(default_factory=dict)  # from a list page: title, date
    label: str = ""
    source: object | None = None  # ingest.Source
    warnings: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    status: str  # new / updated / duplicate / linked / failed / blocked
    label: str
    policy_id: int | None = None
    reason: str = ""
    warnings: list[str] = field(default_factory=list)


def as_date(value) -> date | None:
    """A date from a date, an ISO string or any way a page writes one (2023年3月1日 …); else None."""
    if not value:
        return None
    if isinstance(value, date):
        return value
    iso = parse_date(str(value))
    try:
        return date.fromisoformat(iso) if iso else None
    except ValueError:
        return None
