"""Fuzz the document parsers and the URL ingest with mutated real documents.

    .venv/bin/python scripts/fuzz_parsers.py [--smoke] [--n N] [--seed S] [--targets html,pdf,docx,text,url]

A fixed number of inputs per target, made by a seeded mutator (the same seed gives the same
inputs: a crash is reproducible from its seed and index), from seeds that look like the real thing:
government pages in UTF-8 and GBK with metadata tables and attachment links, the smallest real
PDFs of ``../shared/corpus/dual-carbon/pdf`` plus one made here, DOCX files written with
python-docx from corpus sentences, and plain texts in the Chinese encodings. Mutations: bit flips,
byte runs, inserted tokens (tags, charset declarations, PDF operators, XML entities and DTDs),
deletions, duplications, truncation, splices of two seeds and, for DOCX, edits inside
``word/document.xml`` re-zipped.

Targets: ``parse_html``, ``parse_pdf`` (OCR off: not the subject), ``parse_docx``, ``parse_bytes``
on plain text, and ``load_url`` — the URL ingest — against a loopback HTTP server answering with
fuzzed status codes, content types, charsets, gzip / deflate (valid or broken), lying
Content-Length, redirects (loops included) and fuzzed attachments. Each parsed text also goes
through ``extract_targets`` (offsets checked).

A crash is an exception other than the parsers' documented ones (``ParseError``, ``Blocked``,
``UnsafeFile``); ``load_url`` documents none (it records every failure on the item). Slow inputs
(over ``--slow`` seconds) are reported apart. Crashing inputs are saved under ``--out``. The
last line is ``fuzz: N inputs, C crashes, S slow``; the exit status is 1 when C > 0.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import os
import random
import sys
import threading
import time
import traceback
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ccnt.settings")  # the URL ingest imports the models (no queries)
import django  # noqa: E402

django.setup()

from ccnt.analysis.targets import extract_targets  # noqa: E402
from ccnt.ingest.parse import parse_bytes  # noqa: E402
from ccnt.ingest.parse_html import parse_html  # noqa: E402
from ccnt.ingest.parse_office import parse_docx  # noqa: E402
from ccnt.ingest.parse_pdf import parse_pdf  # noqa: E402
from ccnt.ingest.safety import Limits, UnsafeFile  # noqa: E402
from ccnt.ingest.types import Blocked, ParseError  # noqa: E402
from ccnt.paths import corpus_dir  # noqa: E402

DOCUMENTED = (ParseError, Blocked, UnsafeFile)
LIMITS = Limits(max_bytes=5 * 1024 * 1024, timeout=5.0, convert_timeout=20.0, max_unzipped=20 * 1024 * 1024)

TOKENS = [
    b"<", b">", b"</div>", b"<div class=\"content\">", b"<table><tr><td>", b"<td>\xe5\x8f\x91\xe6\x96\x87\xe5\xad\x97\xe5\x8f\xb7\xef\xbc\x9a</td>",
    b"<meta charset=\"gbk\">", b"<meta charset=\"x-nonsense\">", b"<meta charset=utf-16>", b"<?xml version=\"1.0\" encoding=\"big5\"?>",
    b"<a href=\"", b"javascript:", b"http://[::1", b"%PDF-1.7", b"%%EOF", b"obj", b"endobj", b"stream\n", b"endstream",
    b"/Length 99999999", b"xref", b"trailer", b"<< /Type /Page >>", b"/FlateDecode", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf",
    b"&#x0;", b"&#99999999;", b"&amp;", b"<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", b"&a;", b"<![CDATA[", b"]]>", b"<!--",
    "到2025年，单位地区生产总值能耗比2020年下降13.5%。".encode(), "到2025年".encode("gb18030"), "\u3000".encode(),
    b"\r\n", b"\n" * 50, b"9" * 400, b"<w:p>", b"</w:p>", b"<w:t>", b"<w:tbl>", b"<w:tr><w:tc>", b"xmlns:w=\"x\"",
]


# --- seeds --------------------------------------------------------------------------------------


def corpus_sentences(limit: int = 400) -> list[str]:
    sentences: list[str] = []
    for path in sorted(corpus_dir().glob("*.txt")):
        sentences += [s.strip() + "。" for s in path.read_text(encoding="utf-8").split("。") if 6 <= len(s.strip()) <= 200]
    if not sentences:
        sentences = ["到2025年，非化石能源消费比重达到20%左右", "单位国内生产总值能耗比2020年下降13.5%"]
    return sentences[:: max(1, len(sentences) // limit)]


def gov_page(title: str, paragraphs: list[str], charset: str = "utf-8") -> bytes:
    rows = "".join(f"<tr><td>{k}：</td><td>{escape(v)}</td></tr>" for k, v in [
        ("索引号", "000014349/2021-00098"), ("发文机关", "某省人民政府"), ("发文字号", "某政发〔2022〕8号"),
        ("成文日期", "2022年06月20日"), ("标题", title)])
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    html = (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{escape(title)}_政策文件</title>'
            '<script>var x=1;</script></head><body><div class="nav"><a href="/">首页</a><a href="/zc/">政策</a></div>'
            f'<table class="xxgk">{rows}</table><div id="UCAP-CONTENT"><h1>{escape(title)}</h1>{body}'
            '<p><a href="/att/a1.pdf">附件1</a> <a href="att/a2.docx">附件2</a> <a href="/att/missing.doc">附件3</a></p>'
            '</div><div class="footer"><a href="/about">关于</a></div></body></html>')
    return html.encode(charset, "replace")


def tiny_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with an ASCII text layer, written by hand (valid xref)."""
    content = "BT /F1 12 Tf 72 720 Td " + " ".join(f"({line}) Tj 0 -16 Td" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None, title: str = "") -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def seeds(rnd: random.Random) -> dict[str, list[bytes]]:
    sentences = corpus_sentences()
    pick = lambda k: rnd.sample(sentences, min(k, len(sentences)))  # noqa: E731
    html = [gov_page("某省碳达峰实施方案", pick(8)), gov_page("关于印发某市节能方案的通知", pick(5), "gb18030"),
            gov_page("繁體頁面", pick(3), "big5hkscs"), b"<html><body>" + "。".join(pick(3)).encode() + b"</body></html>"]
    pdf_dir = corpus_dir() / "dual-carbon" / "pdf"
    smallest = sorted(pdf_dir.glob("*.pdf"), key=lambda p: p.stat().st_size)[:8] if pdf_dir.is_dir() else []
    # real PDFs of a few pages: every mutated copy is parsed, so a long one would dominate the run
    real_pdfs = [data for data in (p.read_bytes() for p in smallest) if _pages(data) <= 4][:2]
    pdf = real_pdfs + [tiny_pdf(["By 2025 the share reaches 20%", "Plan 2030"])]
    table = [["指标", "2020年", "2025年"], ["单位地区生产总值能耗下降", "—", "13.5%"]]
    docx_seeds = [make_docx(pick(6), table, "某省碳达峰实施方案"), make_docx(pick(2))]
    text = ["\n".join(pick(6)).encode(enc, "replace") for enc in ("utf-8", "gb18030", "utf-16", "big5hkscs")]
    return {"html": html, "pdf": pdf, "docx": docx_seeds, "text": text}


# --- mutations ----------------------------------------------------------------------------------


def mutate(data: bytes, rnd: random.Random, pool: list[bytes]) -> bytes:
    buf = bytearray(data)
    for _ in range(rnd.choice((1, 1, 2, 3, 5, 10))):
        op = rnd.randrange(9)
        pos = rnd.randrange(len(buf) + 1)
        if op == 0 and buf:  # bit flips
            for _ in range(rnd.randint(1, 8)):
                i = rnd.randrange(len(buf))
                buf[i] ^= 1 << rnd.randrange(8)
        elif op == 1:  # a run of random or special bytes
            buf[pos:pos] = bytes(rnd.choice((0, 0xFF, 0x3C, 0x25, rnd.randrange(256))) for _ in range(rnd.randint(1, 64)))
        elif op == 2:
            buf[pos:pos] = rnd.choice(TOKENS) * rnd.choice((1, 1, 3, 100))
        elif op == 3:  # delete a chunk
            end = min(len(buf), pos + rnd.randint(1, max(1, len(buf) // 8)))
            del buf[pos:end]
        elif op == 4 and buf:  # duplicate a chunk
            end = min(len(buf), pos + rnd.randint(1, 4096))
            buf[pos:pos] = buf[pos:end] * rnd.randint(1, 4)
        elif op == 5:  # truncate
            del buf[pos:]
        elif op == 6 and pool:  # splice with another seed
            other = rnd.choice(pool)
            cut = rnd.randrange(len(other) + 1)
            buf[pos:] = other[cut:]
        elif op == 7 and buf:  # overwrite a number with an extreme one
            buf[pos:pos + rnd.randint(1, 6)] = rnd.choice((b"0", b"-1", b"4294967296", b"99999999999", b"1e308", b"NaN"))
        elif op == 8 and buf:  # swap two chunks
            a, b = sorted(rnd.randrange(len(buf)) for _ in range(2))
            size = min(rnd.randint(1, 256), len(buf) - b)
            buf[a:a + size], buf[b:b + size] = buf[b:b + size], buf[a:a + size]
        if len(buf) > 4 * 1024 * 1024:
            del buf[4 * 1024 * 1024:]
    return bytes(buf)


def mutate_docx(data: bytes, rnd: random.Random, pool: list[bytes]) -> bytes:
    """Half the time the zip is kept valid and the XML inside is mutated."""
    if rnd.random() < 0.5:
        return mutate(data, rnd, pool)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            members = {info.filename: source.read(info) for info in source.infolist()}
    except zipfile.BadZipFile:
        return mutate(data, rnd, pool)
    name = rnd.choice(["word/document.xml"] * 4 + ["docProps/core.xml", "[Content_Types].xml"] + list(members))
    if name in members:
        members[name] = mutate(members[name], rnd, [])
    if rnd.random() < 0.1:
        members.pop("word/document.xml", None)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", rnd.choice((zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED))) as target:
        for member, content in members.items():
            target.writestr(member, content)
    return out.getvalue()


# --- targets ------------------------------------------------------------------------------------


def check_parsed(parsed) -> None:
    assert isinstance(parsed.text, str) and isinstance(parsed.title, str)
    assert all(0 <= s <= len(parsed.text) for s in parsed.page_starts), "page start outside the text"
    assert parsed.page_starts == sorted(parsed.page_starts), "page starts out of order"
    for t in extract_targets(parsed.text[:200_000]):
        assert parsed.text[t.start:t.end] == t.text, "target offsets"


def run_parser(kind: str, data: bytes) -> None:
    try:
        if kind == "html":
            parsed = parse_html(data, url="http://gov.example.cn/zc/1.html", status=200)
        elif kind == "pdf":
            parsed = parse_pdf(data, LIMITS, ocr=False)
        elif kind == "docx":
            parsed = parse_docx(data, LIMITS)
        else:
            parsed = parse_bytes(data, name="policy.txt", limits=LIMITS, ocr=False)
    except DOCUMENTED:
        return
    check_parsed(parsed)


class FuzzServer:
    """Loopback HTTP server; each path answers what the fuzz loop put in ``routes``."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, list[tuple[str, str]], bytes, int | None]] = {}
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                status, headers, body, length = routes.get(self.path.split("?")[0], (404, [], b"not found", None))
                self.send_response(status)
                for key, value in headers:
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body) if length is None else length))
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    pass
                self.close_connection = True

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def fuzz_response(rnd: random.Random, body: bytes, kind: str) -> tuple[int, list[tuple[str, str]], bytes, int | None]:
    media = {"html": "text/html", "pdf": "application/pdf", "docx":
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text": "text/plain"}[kind]
    content_type = rnd.choice([media, f"{media}; charset=gbk", f"{media}; charset=\"utf-8\"", "text/html; charset=x-bogus",
                               "application/octet-stream", "", "text/html;;charset=", "image/png", media.upper()])
    headers = [("Content-Type", content_type)] if content_type else []
    roll = rnd.random()
    if roll < 0.15:
        headers.append(("Content-Encoding", "gzip"))
        body = gzip.compress(body) if rnd.random() < 0.7 else body[:1000]  # broken gzip too
    elif roll < 0.22:
        headers.append(("Content-Encoding", "deflate"))
        body = zlib.compress(body) if rnd.random() < 0.7 else b"\x78\x9c" + body[:500]
    elif roll < 0.25:
        headers.append(("Content-Encoding", rnd.choice(["br", "x-unknown", "gzip, gzip"])))
    status = rnd.choice([200] * 12 + [203, 206, 403, 404, 412, 429, 500, 521])
    length = None
    if rnd.random() < 0.05:
        length = len(body) + rnd.randint(1, 1000)  # the body ends early
    elif rnd.random() < 0.03:
        length = max(0, len(body) - rnd.randint(1, 100))
    return status, headers, body, length


def run_url(server: FuzzServer, rnd: random.Random, index: int, seed_pool: dict[str, list[bytes]]) -> None:
    from ccnt.ingest.pipeline import Options, load_url

    server.routes.clear()
    kind = rnd.choice(["html", "html", "html", "pdf", "docx", "text"])
    body = mutate(rnd.choice(seed_pool[kind]), rnd, []) if rnd.random() < 0.8 else rnd.choice(seed_pool[kind])
    path = f"/doc/{index}" + rnd.choice(["", ".html", ".pdf", ".docx", ".txt", "/"])
    server.routes[path] = fuzz_response(rnd, body, kind)
    if rnd.random() < 0.15:  # a redirect chain, sometimes a loop
        start = f"/r/{index}"
        hop = rnd.choice([path, start, "//127.0.0.1:1/x", "http://10.0.0.1/", "ftp://x/", "/r/%ff%fe", ""])
        server.routes[start] = (rnd.choice([301, 302, 303, 307, 308]), [("Location", hop)], b"", None)
        path = start
    for name, akind in (("/att/a1.pdf", "pdf"), ("/doc/att/a2.docx", "docx"), ("/att/a2.docx", "docx")):
        server.routes[name] = fuzz_response(rnd, mutate(rnd.choice(seed_pool[akind]), rnd, []), akind)
    options = Options(limits=LIMITS, allow_loopback=True, fetch_attachments=True, ocr=False, workers=1)
    item = load_url(server.base + path, options)  # documents no exception: failures are on the item
    for resource in [item.main, *item.attachments]:
        if resource.parsed is not None:
            check_parsed(resource.parsed)


# --- the loop -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="a quick run for CI (40 inputs per target)")
    parser.add_argument("--n", type=int, default=1000, help="inputs per target (default 1000)")
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--targets", default="html,pdf,docx,text,url")
    parser.add_argument("--slow", type=float, default=10.0, help="seconds after which an input counts as slow")
    parser.add_argument("--out", default=str(REPO / "var" / "fuzz-crashes"), help="where crashing inputs are saved")
    args = parser.parse_args(argv)
    n = 40 if args.smoke else args.n
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    rnd = random.Random(args.seed)
    pool = seeds(rnd)
    server = FuzzServer() if "url" in targets else None
    totals: Counter = Counter()
    crashes: list[str] = []
    started_all = time.perf_counter()
    try:
        for target in targets:
            started = time.perf_counter()
            counts: Counter = Counter()
            signatures: Counter = Counter()
            for index in range(n):
                case_rnd = random.Random(f"{args.seed}:{target}:{index}")
                data = b""
                t0 = time.perf_counter()
                try:
                    if target == "url":
                        run_url(server, case_rnd, index, pool)
                    else:
                        source = case_rnd.choice(pool[target])
                        mutator: Callable = mutate_docx if target == "docx" else mutate
                        data = source if index == 0 else mutator(source, case_rnd, pool[target])
                        run_parser(target, data)
                except Exception as error:  # noqa: BLE001 - this is what we are looking for
                    frame = traceback.extract_tb(error.__traceback__)[-1]
                    signature = f"{type(error).__name__} at {Path(frame.filename).name}:{frame.lineno}"
                    signatures[signature] += 1
                    counts["crashes"] += 1
                    if signatures[signature] == 1:
                        crashes.append(f"{target} #{index}: {signature}: {str(error)[:200]}")
                        if data:
                            out = Path(args.out)
                            out.mkdir(parents=True, exist_ok=True)
                            (out / f"{target}-{args.seed}-{index}-{hashlib.sha256(data).hexdigest()[:12]}").write_bytes(data)
                if time.perf_counter() - t0 > args.slow:
                    counts["slow"] += 1
                    crashes.append(f"{target} #{index}: slow ({time.perf_counter() - t0:.1f}s)")
                counts["inputs"] += 1
            took = time.perf_counter() - started
            print(f"{target:5s}: {counts['inputs']} inputs, {counts['crashes']} crashes "
                  f"({len(signatures)} distinct), {counts['slow']} slow, {took:.1f}s", flush=True)
            totals.update(counts)
    finally:
        if server is not None:
            server.close()
    for line in crashes:
        print("  " + line)
    print(f"fuzz: {totals['inputs']} inputs, {totals['crashes']} crashes, {totals['slow']} slow "
          f"in {time.perf_counter() - started_all:.1f}s (seed {args.seed})")
    return 1 if totals["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
