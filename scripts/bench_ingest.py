"""Benchmark ``ccnt ingest``: serve N synthetic policy pages (2–5 KB bodies recombined from
corpus sentences, seeded; every 5th page with a real PDF attachment from the corpus) on
127.0.0.1, ingest them into a fresh SQLite database and print documents per second and peak
memory, with the data size beside each figure.

    .venv/bin/python scripts/bench_ingest.py [N] [--smoke] [--workers 4]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("CCNT_CORPUS_DIR", REPO.parent / "shared" / "corpus"))
PLACES = ["苏州市", "无锡市", "常州市", "南京市", "杭州市", "宁波市", "合肥市", "济南市", "青岛市", "成都市", "西安市", "武汉市"]
KINDS = ["碳达峰实施方案", "节能降碳工作方案", "新型储能发展规划", "绿色建筑发展行动方案", "氢能产业发展实施意见"]


def sentences() -> list[str]:
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out += [s for s in re.split(r"(?<=[。；])", text.replace("\n", "")) if 15 <= len(s) <= 200]
    return out


def make_pages(n: int, seed: int = 7) -> dict[str, tuple[bytes, str]]:
    rng = random.Random(seed)
    pool = sentences()
    pdfs = sorted((CORPUS / "dual-carbon" / "pdf").glob("*.pdf"))
    pages: dict[str, tuple[bytes, str]] = {}
    for i in range(n):
        place, kind = rng.choice(PLACES), rng.choice(KINDS)
        title = f"{place}{kind}（第{i}号）"
        body, size = [], rng.randint(2000, 5000)
        while sum(len(s.encode()) for s in body) < size:
            body.append(rng.choice(pool))
        link = ""
        if i % 5 == 0 and pdfs:
            pdf = pdfs[i % len(pdfs)]
            pages[f"/files/{i}.pdf"] = (pdf.read_bytes(), "application/pdf")
            link = f'<p><a href="/files/{i}.pdf">附件</a></p>'
        charset = "gbk" if i % 2 else "utf-8"
        html = (f'<html><head><meta charset="{charset}"><title>{title}</title></head><body>'
                f'<div class="nav"><a href="/">首页</a></div><table><tr><td>发文机关：</td><td>{place}人民政府</td>'
                f'<td>发文字号：</td><td>{place[0]}政发〔2022〕{i}号</td></tr><tr><td>成文日期：</td><td>2022年{1 + i % 12}月'
                f'{1 + i % 28}日</td></tr></table><div id="UCAP-CONTENT"><h1>{title}</h1>'
                + "".join(f"<p>{s}</p>" for s in body) + link + "</div></body></html>")
        pages[f"/p/{i}.html"] = (html.encode(charset, "replace"), f"text/html; charset={charset}")
    return pages


def serve(pages: dict[str, tuple[bytes, str]]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802
            body, kind = pages.get(self.path, (b"not found", "text/plain"))
            self.send_response(200 if self.path in pages else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=300)
    parser.add_argument("--smoke", action="store_true", help="a quick run for CI (20 documents)")
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    n = 20 if args.smoke else args.n

    tmp = tempfile.mkdtemp(prefix="ccnt-bench-")
    os.environ["CCNT_VAR_DIR"] = tmp
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ccnt.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from ccnt.tracker.loaders.reference import load_all

    load_all()  # divisions, authorities, taxonomy, indicators: the gazetteer and vocabularies as in production
    from ccnt.ingest.pipeline import Options, Progress, run

    pages = make_pages(n)
    html = [p for p in pages if p.startswith("/p/")]
    size = sum(len(b) for b, _ in pages.values())
    server = serve(pages)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    started = time.perf_counter()
    summary = run([base + p for p in html], options=Options(allow_loopback=True, workers=args.workers),
                  progress=Progress(len(html), enabled=sys.stderr.isatty()))
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    attachments = len(pages) - len(html)
    print(summary.line())
    print(f"data: {len(html)} pages + {attachments} PDF attachments, {size / 1e6:.1f} MB")
    print(f"ingest: {len(html) / elapsed:.1f} documents/s ({elapsed:.1f} s for {len(html)} pages, "
          f"{size / 1e6 / elapsed:.2f} MB/s)")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    server.shutdown()
    from django.db import connections

    connections.close_all()
    shutil.rmtree(tmp, ignore_errors=True)
    failed = summary.counts["failed"] + summary.counts["blocked"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
