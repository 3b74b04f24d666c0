"""Pick the parser from the bytes (magic numbers first), then the media type, then the name."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import urlsplit

from .parse_html import parse_html
from .parse_office import parse_docx, parse_legacy_office, parse_text
from .parse_pdf import parse_pdf
from .safety import DEFAULT_LIMITS, Limits
from .types import ParsedDocument, ParseError

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SUPPORTED = (".pdf", ".docx", ".doc", ".wps", ".rtf", ".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".jsp",
             ".aspx", ".php")


def suffix_of(name: str) -> str:
    path = urlsplit(name).path if "://" in name else name
    return PurePosixPath(path.lower()).suffix


def sniff(data: bytes, media_type: str = "", name: str = "") -> str:
    """One of pdf, docx, ole, rtf, html, text, zip, unknown."""
    head = data[:2048].lstrip()
    suffix = suffix_of(name)
    if head.startswith(b"%PDF") or data[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if (b"word/" in data[:65536] or suffix == ".docx") else "zip"
    if data.startswith(OLE):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    lowered = head[:1024].lower()
    if media_type in ("text/html", "application/xhtml+xml") or lowered.startswith((b"<!doctype html", b"<html")) or (
        b"<html" in lowered or b"<head" in lowered or b"<body" in lowered
    ):
        return "html"
    if media_type.startswith("text/") or suffix in (".txt", ".text", ""):
        return "text"
    if media_type == "application/pdf" or suffix == ".pdf":
        return "pdf"  # a broken PDF: its parser says why
    return "unknown"


def parse_bytes(
    data: bytes, *, media_type: str = "", name: str = "", url: str = "", http_charset: str = "",
    status: int = 200, limits: Limits = DEFAULT_LIMITS, ocr: bool | None = None,
) -> ParsedDocument:
    if not data:
        raise ParseError("empty file")
    kind = sniff(data, media_type, name or url)
    if kind == "pdf":
        return parse_pdf(data, limits, ocr=ocr)
    if kind == "docx":
        return parse_docx(data, limits)
    if kind in ("ole", "rtf"):
        suffix = suffix_of(name or url)
        if kind == "rtf":
            suffix = ".rtf"
        elif suffix not in (".doc", ".wps"):
            suffix = ".doc"
        return parse_legacy_office(data, suffix, limits)
    if kind == "html":
        return parse_html(data, url=url, http_charset=http_charset, status=status)
    if kind == "text":
        return parse_text(data, http_charset)
    if kind == "zip":
        raise ParseError("zip archives are not ingested (untrusted container); unpack the documents first")
    raise ParseError(f"unsupported file type ({media_type or suffix_of(name or url) or 'unknown'})")
