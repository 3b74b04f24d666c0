"""What parsing gives back: plain dataclasses shared by the parsers, the crawler and the store."""

from __future__ import annotations

from dataclasses import dataclass, field


class ParseError(Exception):
    """The file cannot be read (broken PDF, not a DOCX, conversion failed …)."""


class Blocked(Exception):
    """A firewall challenge, a login page or an empty list page: never stored as a policy."""


@dataclass
class Link:
    url: str
    text: str = ""


@dataclass
class ParsedDocument:
    text: str
    media_type: str
    title: str = ""
    metadata: dict[str, str] = field(default_factory=dict)  # 发文机关, 成文日期 … as the page shows them
    attachments: list[Link] = field(default_factory=list)
    encoding: str = ""
    pages: int = 0
    page_starts: list[int] = field(default_factory=list)  # offset in ``text`` where each PDF page begins
    status: str = "ok"  # ok / needs_ocr / ocr
    warnings: list[str] = field(default_factory=list)
