"""Fixtures for the ingest and crawl tests: a small government web site served over HTTP on
127.0.0.1 (list pages, detail pages in GBK and UTF-8, PDF and DOCX attachments, a 404, a slow
page, a redirect loop, a broken PDF), and builders for the files it serves."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import struct
import subprocess
import tempfile
import threading
import time
import zipfile
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from tests._corpus import require_corpus

CORPUS = Path(os.environ.get("CCNT_CORPUS_DIR", Path(__file__).resolve().parents[2] / "shared" / "corpus"))
PDF_DIR = CORPUS / "dual-carbon" / "pdf"
PLAN_2030_PDF = PDF_DIR / "2、2030年前碳达峰行动方案.pdf"
PLAN_2030_TXT = CORPUS / "2030年前碳达峰行动方案.txt"


LOOPBACK_NETWORK = "127.0.0.0/8"


def allow_loopback_network(monkeypatch, networks: list[str] | None = None) -> None:
    """Commands and jobs fetch from the loopback test servers: list 127.0.0.0/8 in
    ``CCNT_ALLOW_NETWORKS`` for this test (the way an operator opens a private network)."""
    from django.conf import settings

    monkeypatch.setattr(settings, "CCNT_ALLOW_NETWORKS", [LOOPBACK_NETWORK] if networks is None else networks)


def require_binary(name: str) -> str:
    """The path of a system tool; under CI=true a missing tool fails the test instead of skipping."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (scripts/install_system_deps.sh installs it)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


# ---------------------------------------------------------------------- texts (written for the tests)
NOTICE_STORAGE = """苏州市人民政府关于印发苏州市新型储能产业发展实施方案的通知
苏府〔2022〕58号
各市、区人民政府，苏州工业园区、苏州高新区管委会；市各委办局，各直属单位：
现将《苏州市新型储能产业发展实施方案》印发给你们，请认真贯彻执行。
苏州市人民政府
2022年6月20日"""

PLAN_STORAGE = """苏州市新型储能产业发展实施方案
为贯彻落实国家和省关于碳达峰、碳中和的决策部署，加快新型储能产业发展，制定本方案。
一、主要目标
到2025年，全市新型储能装机规模达到100万千瓦以上，新型储能产业产值突破1000亿元。
到2030年，非化石能源消费比重达到25%左右，单位地区生产总值二氧化碳排放比2005年下降65%以上。
二、重点任务
（一）推动电源侧储能规模化应用。鼓励新能源项目按照装机容量的10%配置储能。
（二）提升用户侧储能发展水平。支持工业园区建设分布式储能电站。
三、保障措施
各地区各部门要加强组织领导，确保各项任务落到实处。"""

PLAN_HYDROGEN = """无锡市氢能产业发展规划（2022—2025年）
为加快氢能产业发展，推动能源绿色低碳转型，制定本规划。
一、发展目标
到2025年，全市氢燃料电池汽车推广应用数量达到500辆，建成加氢站10座。
单位地区生产总值能耗比2020年下降14%。
二、重点任务
（一）完善氢能基础设施。有序推进加氢站建设。
（二）拓展氢能应用场景。推动氢能在交通、工业等领域示范应用。"""

PLAN_BUILDING = """常州市建筑领域节能降碳工作方案
为推进城乡建设绿色发展，制定本方案。
到2025年，城镇新建建筑全面执行绿色建筑标准，星级绿色建筑占比达到30%以上。
完成既有建筑节能改造面积200万平方米。
各地区要加强组织实施。"""


# ---------------------------------------------------------------------- builders
def gov_page(title: str, paragraphs: list[str], *, meta: dict[str, str] | None = None,
             attachments: list[tuple[str, str]] = (), charset: str = "utf-8", declare: str | None = None) -> bytes:
    """A policy-library detail page: navigation, breadcrumbs, the metadata table, the main text
    in #UCAP-CONTENT, attachment links, a footer full of links."""
    declare = charset if declare is None else declare
    meta_rows = ""
    if meta:
        items = list(meta.items())
        for i in range(0, len(items), 2):
            cells = "".join(f'<td class="label"><b>{escape(k)}：</b></td><td>{escape(v)}</td>' for k, v in items[i:i + 2])
            meta_rows += f"<tr>{cells}</tr>\n"
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    links = "\n".join(f'<p><a href="{escape(h)}">{escape(t)}</a></p>' for h, t in attachments)
    html = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={declare}">
<title>{escape(title)}_政策文件_某市人民政府</title>
<script>var _hmt = _hmt || []; document.write("统计代码");</script></head>
<body>
<div class="header"><div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zcwj/">政策文件</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zcwj/">政策文件</a> &gt; 正文</div>
<div class="policyLibraryOverview_header"><table class="xxgk_table">{meta_rows}</table></div>
<div class="article"><h1>{escape(title)}</h1>
<div class="pages_content" id="UCAP-CONTENT">{body}
{links}</div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div></div>
<div class="footer"><ul><li><a href="/about">关于我们</a></li><li><a href="/map">网站地图</a></li>
<li><a href="/contact">联系我们</a></li></ul><p>主办单位：某市人民政府办公室 网站标识码：3205000001 访问量：12345</p></div>
</body></html>"""
    return html.encode(charset)


def list_page(rows: list[tuple[str, str, str]], next_href: str | None = None, charset: str = "utf-8") -> bytes:
    items = "\n".join(f'<li><a href="{escape(h)}" title="{escape(t)}">{escape(t)}</a><span>{d}</span></li>'
                      for h, t, d in rows)
    pager = f'<div class="page"><a class="next" href="{escape(next_href)}">下一页</a></div>' if next_href else ""
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}"><title>政策文件</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/zcwj/">政策文件</a></div>
<ul class="list">{items}</ul>{pager}
<div class="footer"><a href="/about">关于我们</a></div></body></html>""".encode(charset)


def docx(paragraphs: list[str], title: str = "", table: list[list[str]] | None = None,
         document_xml: str | None = None) -> bytes:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>' for p in paragraphs)
    if table:
        rows = "".join("<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{escape(c)}</w:t></w:r></w:p></w:tc>" for c in row)
                       + "</w:tr>" for row in table)
        body += f"<w:tbl>{rows}</w:tbl>"
    xml = document_xml or f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {w}><w:body>{body}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        archive.writestr("word/document.xml", xml)
        if title:
            archive.writestr("docProps/core.xml", f'<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{escape(title)}</dc:title></cp:coreProperties>')
    return buffer.getvalue()


def soffice_convert(data: bytes, suffix: str, target: str) -> bytes:
    """Make a legacy office file (DOC …) from a DOCX with LibreOffice, for the tests."""
    binary = require_binary("soffice")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"in{suffix}"
        source.write_bytes(data)
        subprocess.run([binary, f"-env:UserInstallation={Path(tmp, 'p').as_uri()}", "--headless", "--convert-to",
                        target, "--outdir", tmp, str(source)], capture_output=True, timeout=120, check=True,
                       env={**os.environ, "HOME": tmp})
        return (Path(tmp) / f"in.{target.split(':')[0]}").read_bytes()


def _jpeg_size(data: bytes) -> tuple[int, int, int]:
    i = 2
    while i < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height, data[i + 9]
        i += 2 + length
    raise ValueError("no SOF marker")


def image_pdf(jpeg: bytes) -> bytes:
    """A one-page PDF holding only an image: a scan without a text layer."""
    width, height, components = _jpeg_size(jpeg)
    space = "/DeviceGray" if components == 1 else "/DeviceRGB"
    pw, ph = 595, int(595 * height / width)
    content = f"q {pw} 0 0 {ph} 0 0 cm /Im0 Do Q".encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        f"<</Type/Page/Parent 2 0 R/MediaBox[0 0 {pw} {ph}]/Resources<</XObject<</Im0 4 0 R>>>>/Contents 5 0 R>>".encode(),
        f"<</Type/XObject/Subtype/Image/Width {width}/Height {height}/ColorSpace{space}/BitsPerComponent 8"
        f"/Filter/DCTDecode/Length {len(jpeg)}>>\nstream\n".encode() + jpeg + b"\nendstream",
        f"<</Length {len(content)}>>\nstream\n".encode() + content + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def scanned_pdf_from(pdf_path: Path, dpi: int = 150) -> bytes:
    """Render the first page of a real PDF to a JPEG and wrap it as an image-only PDF."""
    binary = require_binary("pdftoppm")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([binary, "-r", str(dpi), "-gray", "-jpeg", "-f", "1", "-l", "1", str(pdf_path),
                        str(Path(tmp) / "p")], check=True, capture_output=True, timeout=60)
        jpeg = next(Path(tmp).glob("p*.jpg")).read_bytes()
    return image_pdf(jpeg)


# ---------------------------------------------------------------------- the web site
class Site:
    """A tiny threaded web server on 127.0.0.1 with programmable routes."""

    def __init__(self) -> None:
        self.routes: dict[str, dict] = {}
        self.hits: Counter[str] = Counter()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):  # noqa: N802 - http.server's name
                path = self.path.split("?")[0]
                site.hits[path] += 1
                route = site.routes.get(path)
                if route is None:
                    body = b"<html><body><h1>404 Not Found</h1></body></html>"
                    self.send_response(404)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                if route.get("delay"):
                    time.sleep(route["delay"])
                body = route.get("body", b"")
                etag = route.get("etag")
                if etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(route.get("status", 200))
                for key, value in route.get("headers", {}).items():
                    self.send_header(key, value)
                if etag:
                    self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        # shutdown() waits for serve_forever's next poll: every 0.05 s, not the default 0.5 s,
        # which each test that starts a site paid again on its way out
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200,
            delay: float = 0, etag: bool = False, headers: dict | None = None) -> str:
        self.routes[path] = {
            "body": body, "status": status, "delay": delay,
            "headers": {"Content-Type": content_type, **(headers or {})},
            "etag": f'"{hashlib.sha256(body).hexdigest()[:16]}"' if etag else None,
        }
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        self.routes[path] = {"status": status, "headers": {"Location": to}, "body": b""}
        return self.url(path)


def build_policy_site(site: Site) -> dict[str, str]:
    """Detail pages (UTF-8 and GBK), attachments, and the failure cases. Returns name → URL."""
    plan_pdf = require_corpus(PLAN_2030_PDF).read_bytes()
    urls = {}
    urls["storage"] = site.add("/zcwj/2022/art_1001.html", gov_page(
        "苏州市人民政府关于印发苏州市新型储能产业发展实施方案的通知",
        NOTICE_STORAGE.split("\n") + PLAN_STORAGE.split("\n"),
        meta={"索 引 号": "014000319/2022-00158", "主题分类": "能源", "发文机关": "苏州市人民政府",
              "成文日期": "2022年06月20日", "标　　题": "苏州市人民政府关于印发苏州市新型储能产业发展实施方案的通知",
              "发文字号": "苏府〔2022〕58号", "发布日期": "2022年06月24日"},
        attachments=[("/files/storage-plan.docx", "附件：苏州市新型储能产业发展实施方案.docx")]),
        etag=True)
    site.add("/files/storage-plan.docx", docx(PLAN_STORAGE.split("\n"), title="苏州市新型储能产业发展实施方案",
                                               table=[["指标", "2025年"], ["新型储能装机（万千瓦）", "100"]]),
             content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    urls["hydrogen_gbk"] = site.add("/zcwj/2022/art_1002.html", gov_page(
        "无锡市氢能产业发展规划（2022—2025年）", PLAN_HYDROGEN.split("\n"),
        meta={"发文机关": "无锡市人民政府", "成文日期": "2022-05-10", "发文字号": "锡政发〔2022〕12号",
              "发布日期": "2022-05-16"}, charset="gbk", declare="gb2312"), content_type="text/html")
    urls["national_pdf"] = site.add("/zcwj/2021/content_5644984.html", gov_page(
        "国务院关于印发2030年前碳达峰行动方案的通知",
        ["现将《2030年前碳达峰行动方案》印发给你们，请认真贯彻执行。", "国务院", "2021年10月24日"],
        meta={"索引号": "000014349/2021-00122", "主题分类": "国土资源、能源\\其他", "发文机关": "国务院",
              "成文日期": "2021年10月24日", "标题": "国务院关于印发2030年前碳达峰行动方案的通知",
              "发文字号": "国发〔2021〕23号", "发布日期": "2021年10月26日"},
        attachments=[("/files/2030-plan.pdf", "2030年前碳达峰行动方案.pdf")]), etag=True)
    site.add("/files/2030-plan.pdf", plan_pdf, content_type="application/pdf")
    urls["building_utf8_no_decl"] = site.add("/zcwj/2022/art_1003.html", gov_page(
        "常州市建筑领域节能降碳工作方案", PLAN_BUILDING.split("\n"),
        meta={"发文机关": "常州市住房和城乡建设局", "发布日期": "2022-08-01"}, declare=""), content_type="text/html")
    urls["broken_pdf"] = site.add("/files/broken.pdf", b"%PDF-1.7\n1 0 obj <</Type/Catalog>> garbage \x00\x01",
                                  content_type="application/pdf")
    urls["missing"] = site.url("/zcwj/2022/gone.html")
    urls["slow"] = site.add("/zcwj/slow.html", gov_page("慢页面", ["这是一个很慢的页面。"]), delay=3)
    site.redirect("/loop/a", "/loop/b")
    site.redirect("/loop/b", "/loop/a")
    urls["loop"] = site.url("/loop/a")
    urls["waf"] = site.add("/zcwj/waf.html", b"<html><head><script>var a=1;document.cookie='x';location.reload()"
                                             b"</script></head><body></body></html>", status=412)
    return urls
