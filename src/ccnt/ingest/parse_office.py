"""DOCX (read directly: a size-checked zip and an XML parser that refuses DTDs and entities),
legacy DOC / WPS / RTF through LibreOffice headless (a fresh profile and a timeout per
conversion) or antiword, and plain text in any of the Chinese encodings."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import zipfile
import zlib
from io import BytesIO
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from .encoding import decode
from .safety import DEFAULT_LIMITS, Limits, UnsafeFile, check_zip, read_zip_member
from .textclean import clean_pages
from .types import ParsedDocument, ParseError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC = "{http://purl.org/dc/elements/1.1/}"


def _parse_xml(data: bytes):
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise UnsafeFile(f"refused XML: {type(error).__name__}") from error
    except Exception as error:  # noqa: BLE001 - xml.etree.ElementTree.ParseError and friends
        raise ParseError(f"broken XML: {error}") from error


def _paragraph_text(p) -> str:
    parts: list[str] = []
    for node in p.iter():
        if node.tag == W + "t" and node.text:
            parts.append(node.text)
        elif node.tag == W + "tab":
            parts.append("\t")
        elif node.tag in (W + "br", W + "cr"):
            parts.append("\n")
    return "".join(parts)


def _block_lines(body) -> list[str]:
    lines: list[str] = []
    for child in body:
        if child.tag == W + "p":
            lines.append(_paragraph_text(child))
        elif child.tag == W + "tbl":
            for row in child.iter(W + "tr"):
                cells = [" ".join(_paragraph_text(p) for p in cell.iter(W + "p")).strip() for cell in row.iter(W + "tc")]
                lines.append("\t".join(cells))
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                lines.extend(_block_lines(content))
    return lines


def parse_docx(data: bytes, limits: Limits = DEFAULT_LIMITS) -> ParsedDocument:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError) as error:  # "zip file version 11.4"
        raise ParseError(f"unreadable DOCX: {error}") from error
    with archive:
        check_zip(archive, limits)
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            raise ParseError("not a DOCX: no word/document.xml")
        try:
            document_xml = read_zip_member(archive, "word/document.xml", limits)
            core_xml = read_zip_member(archive, "docProps/core.xml", limits) if "docProps/core.xml" in names else b""
        except UnsafeFile:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, RuntimeError) as error:
            # a damaged member header, bad compressed data, an encrypted or unsupported member
            raise ParseError(f"unreadable DOCX: {type(error).__name__}: {error}") from error
        root = _parse_xml(document_xml)
        title = ""
        if core_xml:
            core = _parse_xml(core_xml)
            node = core.find(DC + "title")
            title = (node.text or "").strip() if node is not None else ""
    body = root.find(W + "body")
    lines = _block_lines(body) if body is not None else []
    text = "\n".join(re.sub(r"[ \u3000\xa0]+$", "", line).strip("\n") for line in lines if line.strip())
    if not title:
        title = next((ln.strip() for ln in text.split("\n")[:5] if 4 <= len(ln.strip()) <= 80), "")
    return ParsedDocument(
        text=text, title=title,
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(data: bytes, suffix: str, limits: Limits = DEFAULT_LIMITS) -> str:
    """Convert a legacy office file to UTF-8 text. Each conversion has its own LibreOffice
    profile (parallel runs do not share a lock) and a timeout; the whole process group is
    killed when it runs over."""
    binary = soffice_binary()
    if not binary:
        raise ParseError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="ccnt-lo-") as tmp:
        tmp_path = Path(tmp)
        source = tmp_path / f"in{suffix}"
        source.write_bytes(data)
        profile = (tmp_path / "profile").as_uri()
        command = [binary, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nologo",
                   "--nodefault", "--nolockcheck", "--convert-to", "txt:Text (encoded):UTF8",
                   "--outdir", str(tmp_path / "out"), str(source)]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                                   env={**os.environ, "HOME": tmp})
        try:
            _, stderr = process.communicate(timeout=limits.convert_timeout)
        except subprocess.TimeoutExpired as error:
            os.killpg(process.pid, 9)
            process.wait()
            raise ParseError(f"LibreOffice timed out after {limits.convert_timeout:.0f}s") from error
        out = tmp_path / "out" / "in.txt"
        if not out.exists():
            raise ParseError(f"LibreOffice could not convert the file: {stderr.decode('utf-8', 'replace').strip()[:200]}")
        return out.read_bytes().decode("utf-8-sig", "replace")


def convert_with_antiword(data: bytes, limits: Limits = DEFAULT_LIMITS) -> str:
    if not shutil.which("antiword"):
        raise ParseError("antiword is not installed")
    with tempfile.NamedTemporaryFile(suffix=".doc") as handle:
        handle.write(data)
        handle.flush()
        try:
            result = subprocess.run(["antiword", "-m", "UTF-8.txt", "-w", "0", handle.name], capture_output=True,
                                    timeout=limits.convert_timeout, check=False)
        except subprocess.TimeoutExpired as error:
            raise ParseError("antiword timed out") from error
    if result.returncode != 0:
        raise ParseError(f"antiword could not read the file: {result.stderr.decode('utf-8', 'replace').strip()[:200]}")
    return result.stdout.decode("utf-8", "replace")


def parse_legacy_office(data: bytes, suffix: str, limits: Limits = DEFAULT_LIMITS) -> ParsedDocument:
    """DOC, WPS, RTF: LibreOffice first, antiword (DOC only) when LibreOffice is missing or fails."""
    errors = []
    text = None
    try:
        text = convert_with_libreoffice(data, suffix, limits)
    except ParseError as error:
        errors.append(str(error))
        if suffix in (".doc", ".wps"):
            try:
                text = convert_with_antiword(data, limits)
            except ParseError as error2:
                errors.append(str(error2))
    if text is None:
        raise ParseError("; ".join(errors))
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    cleaned = "\n".join(line.strip() for line in lines if line.strip())
    title = next((ln for ln in cleaned.split("\n")[:5] if 4 <= len(ln) <= 80), "")
    media = {".doc": "application/msword", ".wps": "application/vnd.ms-works", ".rtf": "application/rtf"}
    return ParsedDocument(text=cleaned, title=title, media_type=media.get(suffix, "application/octet-stream"),
                          warnings=[f"converted with antiword ({errors[0]})"] if errors else [])


def parse_text(data: bytes, http_charset: str = "") -> ParsedDocument:
    text, encoding = decode(data, http_charset=http_charset, declared="")
    cleaned, _ = clean_pages([text]) if _looks_hard_wrapped(text) else (text.strip(), None)
    title = next((ln.strip() for ln in cleaned.split("\n")[:5] if 4 <= len(ln.strip()) <= 80), "")
    return ParsedDocument(text=cleaned, title=title, media_type="text/plain", encoding=encoding)


def _looks_hard_wrapped(text: str) -> bool:
    """Text exported from a PDF (fixed-width lines) rather than one paragraph per line."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 10:
        return False
    lengths = sorted(len(ln.strip()) for ln in lines)
    median = lengths[len(lengths) // 2]
    return median <= 50 and sum(1 for n in lengths if abs(n - median) <= 2) > len(lengths) * 0.5
