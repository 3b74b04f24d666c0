"""PDF: the text layer through PDFium (pypdfium2), poppler's pdftotext as a fall-back, and OCR
with Tesseract's chi_sim model for scanned pages when Tesseract is installed."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .safety import DEFAULT_LIMITS, Limits
from .textclean import clean_pages, tidy_spaces
from .types import ParsedDocument, ParseError

log = logging.getLogger(__name__)
MIN_CHARS_PER_PAGE = 15
MAX_PAGES = 2000
_MEANINGFUL = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


def _pdfium_pages(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise ParseError(f"unreadable PDF: {error}") from error
    try:
        if len(pdf) > MAX_PAGES:
            raise ParseError(f"PDF has {len(pdf)} pages (limit {MAX_PAGES})")
        pages = []
        for index in range(len(pdf)):
            try:
                page = pdf[index]
                textpage = page.get_textpage()
            except pdfium.PdfiumError as error:  # a broken page object: the fall-back may read it
                raise ParseError(f"unreadable PDF page {index + 1}: {error}") from error
            pages.append(textpage.get_text_bounded())
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


def _pdftotext_pages(data: bytes, limits: Limits) -> list[str]:
    if not shutil.which("pdftotext"):
        raise ParseError("pdftotext is not installed")
    try:
        result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
                                timeout=limits.convert_timeout, check=False)
    except subprocess.TimeoutExpired as error:
        raise ParseError("pdftotext timed out") from error
    if result.returncode != 0:
        raise ParseError(f"unreadable PDF: {result.stderr.decode('utf-8', 'replace').strip()[:200]}")
    pages = result.stdout.decode("utf-8", "replace").split("\x0c")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()  # pdftotext ends every page with a form feed, the last one too
    return pages


def ocr_available() -> bool:
    if not (shutil.which("tesseract") and shutil.which("pdftoppm")):
        return False
    try:
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "chi_sim" in langs.split()


def ocr_pages(data: bytes, limits: Limits = DEFAULT_LIMITS, dpi: int = 200, max_pages: int = 200) -> list[str]:
    """Render each page with pdftoppm and read it with tesseract -l chi_sim."""
    with tempfile.TemporaryDirectory(prefix="ccnt-ocr-") as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(data)
        try:
            subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-l", str(max_pages), str(source),
                            str(Path(tmp) / "page")], capture_output=True, timeout=limits.convert_timeout, check=True)
        except (subprocess.TimeoutExpired, subprocess.CalledProcessError) as error:
            raise ParseError(f"could not render the PDF for OCR: {error}") from error
        pages = []
        for image in sorted(Path(tmp).glob("page*.png")):
            try:
                result = subprocess.run(["tesseract", str(image), "-", "-l", "chi_sim", "--psm", "6"],
                                        capture_output=True, timeout=limits.convert_timeout, check=True)
            except (subprocess.TimeoutExpired, subprocess.CalledProcessError) as error:
                raise ParseError(f"OCR failed: {error}") from error
            # tesseract puts spaces between Chinese characters
            text = result.stdout.decode("utf-8", "replace")
            pages.append("\n".join(tidy_spaces(line) for line in text.splitlines()))
        return pages


def parse_pdf(data: bytes, limits: Limits = DEFAULT_LIMITS, ocr: bool | None = None) -> ParsedDocument:
    """``ocr=None``: OCR when the text layer is missing and Tesseract is installed."""
    if not data.lstrip()[:1024].find(b"%PDF") >= 0:
        raise ParseError("unreadable PDF: no %PDF header")
    warnings: list[str] = []
    try:
        pages = _pdfium_pages(data)
    except ParseError as error:
        try:
            pages = _pdftotext_pages(data, limits)
            warnings.append(f"pdfium: {error}; read with pdftotext")
        except ParseError:
            raise error from None
    meaningful = sum(len(_MEANINGFUL.findall(p)) for p in pages)
    status = "ok"
    if pages and meaningful < MIN_CHARS_PER_PAGE * len(pages):
        status = "needs_ocr"
        if ocr is not False and (ocr or ocr_available()):
            pages = ocr_pages(data, limits)
            status = "ocr"
        else:
            warnings.append("no text layer: flagged for OCR (tesseract with chi_sim is not installed)")
    text, page_starts = clean_pages(pages)
    return ParsedDocument(text=text, media_type="application/pdf", pages=len(pages), page_starts=page_starts,
                          status=status, warnings=warnings, title=_guess_title(text))


def _guess_title(text: str) -> str:
    for line in text.split("\n")[:8]:
        line = line.strip()
        if 6 <= len(line) <= 80 and not re.search(r"[。；]$", line) and re.search(r"[\u4e00-\u9fff]{4}", line):
            return line.strip("（）()")
    return ""
