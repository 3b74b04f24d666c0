"""Every crash or wrong answer the fuzzers found (tests/test_fuzz_analysis.py, scripts/fuzz_parsers.py)
kept as a plain regression test, each with the input that showed it."""

from __future__ import annotations

import gzip
import io
import math
import shutil
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ccnt.analysis.numbers import parse_arabic
from ccnt.analysis.targets import extract_targets
from ccnt.analysis.units import normalize_value
from ccnt.ingest.types import ParseError

# --- analysis (Hypothesis) ------------------------------------------------------------------------


def test_a_range_written_high_to_low_is_stored_low_to_high():
    # found: '2030年前碳达峰行动方案。达10-5%' gave value_low=10, value_high=5
    text = "2030年前碳达峰行动方案。达10-5%"
    (target,) = extract_targets(text)
    assert (target.value_low, target.value_high) == (5.0, 10.0)
    assert target.value_normalized == [5.0, 10.0]
    assert text[target.start:target.end] == target.text


def test_a_number_too_long_for_a_float_is_not_a_value():
    # found: 400 digits parsed to inf (float('1' * 400)), which JSON and the database refuse
    assert parse_arabic("1" * 400) is None
    assert parse_arabic("1" * 300) == float("1" * 300)
    for target in extract_targets("到2025年，光伏装机达到" + "1" * 400 + "万千瓦。"):
        assert target.value_low is None or math.isfinite(target.value_low)


def test_a_huge_value_times_its_unit_does_not_overflow():
    # found: OverflowError (round(inf)) in normalize_value for 1e305 万千瓦
    assert normalize_value(1e305, "万千瓦") == (None, "kW")
    text = "到2025年，光伏装机达到" + "9" * 305 + "万千瓦。"
    (target,) = extract_targets(text)
    assert target.value_low == float("9" * 305) and target.value_normalized is None
    assert target.unit == "万千瓦"


# --- parsers (scripts/fuzz_parsers.py) -------------------------------------------------------------


def _tiny_pdf(page_type: bytes = b"/Page") -> bytes:
    content = b"BT /F1 12 Tf 72 720 Td (hello 2025) Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type " + page_type + b" /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def test_a_pdf_whose_page_object_is_broken_is_a_parse_error_or_read_by_the_fallback():
    # found: pypdfium2's PdfiumError "Failed to load page." escaped parse_pdf (pdf #33, seed 20261125)
    from ccnt.ingest.parse_pdf import _pdfium_pages, parse_pdf

    broken = _tiny_pdf(b"/Xage")
    with pytest.raises(ParseError, match="page 1"):
        _pdfium_pages(broken)
    if shutil.which("pdftotext"):
        parsed = parse_pdf(broken, ocr=False)
        assert "hello 2025" in parsed.text and parsed.pages == 1
        assert any("read with pdftotext" in w for w in parsed.warnings)
    else:
        with pytest.raises(ParseError):
            parse_pdf(broken, ocr=False)


def test_pdftotext_pages_do_not_count_the_trailing_form_feed():
    # found beside the above: the fall-back counted one page too many (an empty last page)
    from ccnt.ingest.parse_pdf import _pdftotext_pages
    from ccnt.ingest.safety import DEFAULT_LIMITS

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed")
    pages = _pdftotext_pages(_tiny_pdf(), DEFAULT_LIMITS)
    assert len(pages) == 1 and pages[0].strip() == "hello 2025"


def _docx() -> bytes:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    xml = f'<?xml version="1.0"?><w:document {w}><w:body><w:p><w:r><w:t>到2025年，比重达到20%。</w:t></w:r></w:p></w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def _central_entry(data: bytes, name: bytes) -> int:
    i = data.find(b"PK\x01\x02")
    while i >= 0:
        if data[i + 46:i + 46 + int.from_bytes(data[i + 28:i + 30], "little")] == name:
            return i
        i = data.find(b"PK\x01\x02", i + 4)
    raise AssertionError(name)


@pytest.mark.parametrize("damage", ["member header magic", "compression method", "header offset", "deflate data"])
def test_a_docx_with_a_damaged_member_is_a_parse_error(damage):
    # found: zipfile.BadZipFile ("Bad magic number for file header") and ValueError ("negative
    # seek value") escaped parse_docx (docx #3 and #4, seed 20261125)
    from ccnt.ingest.parse_office import parse_docx

    data = bytearray(_docx())
    assert parse_docx(bytes(data)).text == "到2025年，比重达到20%。"
    entry = _central_entry(bytes(data), b"word/document.xml")
    header = int.from_bytes(data[entry + 42:entry + 46], "little")
    if damage == "member header magic":
        data[header + 3] = 5
    elif damage == "compression method":
        data[entry + 10:entry + 12] = (99).to_bytes(2, "little")
    elif damage == "header offset":
        data[entry + 42:entry + 46] = (0xFFFFFF00).to_bytes(4, "little")
    else:
        start = header + 30 + int.from_bytes(data[header + 26:header + 28], "little")
        data[start:start + 6] = b"\xff\xff\xff\xff\xff\xff"
    with pytest.raises(ParseError, match="DOCX"):
        parse_docx(bytes(data))


# --- URL ingest (scripts/fuzz_parsers.py) ----------------------------------------------------------


class _Server:
    def __init__(self, routes: dict[str, tuple[list[tuple[str, str]], bytes]]) -> None:
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                headers, body = routes[self.path]
                self.send_response(200)
                for key, value in headers:
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        # polled every 0.05 s (not 0.5 s): close() waits for the next poll
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.mark.parametrize("encoding, body", [
    ("gzip", b"\x1f\x8b\x08\x00garbage-not-gzip" * 4),
    ("deflate", b"\x78\x9c" + b"<html>not deflated</html>"),
    ("gzip", gzip.compress("<html><body>到2025年</body></html>".encode(), mtime=0)[:-12]),  # cut short
], ids=["not-gzip", "not-deflate", "gzip-cut-short"])  # fixed ids: the same in every pytest-xdist worker
def test_a_broken_compressed_body_is_a_fetch_failure_not_a_crash(encoding, body):
    # found: zlib.error ("incorrect header check") escaped fetch() and load_url() (url #21, seed 20261125)
    from ccnt.ingest.fetch import FetchError, fetch
    from ccnt.ingest.pipeline import Options, load_url

    server = _Server({"/p.html": ([("Content-Type", "text/html"), ("Content-Encoding", encoding)], body)})
    try:
        url = server.base + "/p.html"
        try:
            fetch(url, allow_loopback=True)
        except FetchError as error:
            assert encoding in error.reason or "broken" in error.reason or "network" in error.reason
        item = load_url(url, Options(allow_loopback=True, workers=1, ocr=False))
        assert item.main.parsed is None or isinstance(item.main.parsed.text, str)
        if item.main.parsed is None:
            assert item.main.error
    finally:
        server.close()


def test_a_page_with_control_characters_parses():
    # found: lxml's "All strings must be XML compatible" ValueError when dropping the navigation
    # block of a page holding a raw \x1c (html #1424, seed 20261125)
    from ccnt.ingest.parse_html import parse_html

    html = ('<html><body><div class="nav"><a href="/">首页</a><a href="/x">政务公开链接</a></div>\x1c尾巴\x00'
            '<div id="UCAP-CONTENT"><p>到2025年，单位地区生产总值能耗比2020年下降13.5%，非化石能源消费比重达到20%左右。</p>'
            '</div></body></html>').encode()
    assert parse_html(html).text == "到2025年，单位地区生产总值能耗比2020年下降13.5%，非化石能源消费比重达到20%左右。"


def test_a_zip_of_an_unknown_version_is_a_parse_error():
    # found: NotImplementedError("zip file version 11.4") from zipfile.ZipFile (docx #566, seed 20261125)
    from ccnt.ingest.parse_office import parse_docx

    data = bytearray(_docx())
    entry = _central_entry(bytes(data), b"word/document.xml")
    data[entry + 6:entry + 8] = (114).to_bytes(2, "little")  # "version needed to extract" 11.4
    with pytest.raises(ParseError, match="DOCX"):
        parse_docx(bytes(data))


def test_a_url_with_chinese_characters_is_fetched_percent_encoded():
    # found: UnicodeEncodeError from http.client for a redirect / attachment URL holding
    # non-ASCII characters (url #148, seed 20261125); government sites name attachments in Chinese
    from urllib.parse import quote

    from ccnt.ingest.fetch import FetchError, fetch

    path = "/附件1 方案.txt"
    server = _Server({quote(path): ([("Content-Type", "text/plain; charset=utf-8")], "到2025年".encode())})
    try:
        result = fetch(server.base + path, allow_loopback=True)
        assert result.status == 200 and result.body.decode() == "到2025年"
        with pytest.raises(FetchError):
            fetch("http://\u2028bad\u0000host.example/", allow_loopback=True)
    finally:
        server.close()


def test_a_link_with_a_broken_ipv6_host_is_skipped():
    # found: ValueError("Invalid IPv6 URL") from urljoin for href="http://[::1…" (html #1189, seed 7)
    from ccnt.ingest.parse_html import parse_html

    html = ('<html><body><div id="UCAP-CONTENT"><p>到2025年，单位地区生产总值能耗比2020年下降13.5%，非化石能源消费比重达到20%左右。</p>'
            '<a href="http://[::1/a.pdf">附件一</a><a href="/files/b.pdf">附件二</a></div></body></html>').encode()
    parsed = parse_html(html, url="http://gov.example.cn/zc/1.html")
    assert [link.url for link in parsed.attachments] == ["http://gov.example.cn/files/b.pdf"]
