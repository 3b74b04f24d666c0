"""Parsers without a database: encodings, government HTML, real PDFs, DOCX, DOC/WPS, scans."""

from __future__ import annotations

import random
import re
import unicodedata
import zipfile
from io import BytesIO

import pytest

from ccnt.analysis.pipeline import analyse
from ccnt.ingest.encoding import decode
from ccnt.ingest.parse import parse_bytes
from ccnt.ingest.parse_html import parse_html
from ccnt.ingest.parse_office import parse_docx
from ccnt.ingest.parse_pdf import parse_pdf
from ccnt.ingest.safety import Limits, UnsafeFile
from ccnt.ingest.textclean import clean_pages
from ccnt.ingest.types import Blocked, ParseError

from ._corpus import require_corpus
from .ingest_fixtures import (
    PDF_DIR,
    PLAN_2030_PDF,
    PLAN_2030_TXT,
    PLAN_STORAGE,
    docx,
    gov_page,
    require_binary,
    scanned_pdf_from,
    soffice_convert,
)

SENTENCE = "到2025年，单位地区生产总值能耗比2020年下降13.5%，江苏省人民政府办公厅关于印发实施方案的通知。"


@pytest.mark.parametrize("codec", ["utf-8", "gbk", "gb18030", "gb2312"])
def test_chinese_encodings_decode_right_from_the_bytes_alone(codec):
    text, _ = decode(SENTENCE.encode(codec))
    assert text == SENTENCE


def test_big5_is_detected_and_declarations_are_weighed():
    traditional = "這個政府發展綠色低碳經濟，實現碳達峰目標，單位國內生產總值能耗下降。"
    assert decode(traditional.encode("big5")) == (traditional, "big5hkscs")
    # a page that says gb2312 but is UTF-8 (common): the bytes win
    assert decode(SENTENCE.encode("utf-8"), http_charset="gb2312")[0] == SENTENCE
    # GB18030-only characters (outside GBK) survive a gb2312 declaration
    rare = "㐀䶵碳达峰实施方案"
    assert decode(rare.encode("gb18030"), http_charset="gb2312")[0] == rare


def test_government_page_main_text_metadata_and_attachments():
    page = gov_page("某市人民政府关于印发某市碳达峰实施方案的通知", ["现将《某市碳达峰实施方案》印发给你们。", SENTENCE],
                    meta={"索 引 号": "11320500014000319X/2022-00158", "主题分类": "能源", "发文机关": "苏州市人民政府",
                          "成文日期": "2022年06月20日", "标　　题": "某市人民政府关于印发某市碳达峰实施方案的通知",
                          "发文字号": "苏府〔2022〕58号", "发布日期": "2022年06月24日"},
                    attachments=[("../files/a.pdf", "附件1.pdf"), ("/files/b.docx", "附件2.docx")], charset="gbk")
    doc = parse_html(page, url="https://www.suzhou.gov.cn/zcwj/2022/art_1.html")
    assert doc.encoding == "gb18030"
    assert doc.metadata == {"索引号": "11320500014000319X/2022-00158", "主题分类": "能源", "发文机关": "苏州市人民政府",
                            "成文日期": "2022年06月20日", "标题": "某市人民政府关于印发某市碳达峰实施方案的通知",
                            "发文字号": "苏府〔2022〕58号", "发布日期": "2022年06月24日"}
    assert doc.title == "某市人民政府关于印发某市碳达峰实施方案的通知"
    assert SENTENCE in doc.text.split("\n")
    for noise in ("首页", "当前位置", "网站地图", "分享到", "访问量", "统计代码"):
        assert noise not in doc.text
    assert [a.url for a in doc.attachments] == ["https://www.suzhou.gov.cn/zcwj/files/a.pdf",
                                                "https://www.suzhou.gov.cn/files/b.docx"]


def test_pages_without_known_containers_use_text_density():
    html = ("<html><head><title>关于推进光伏发电的意见_某县人民政府</title></head><body>"
            "<div id='menu'><a href='/'>首页</a><a href='/a'>新闻</a><a href='/b'>公开</a></div>"
            f"<div><div class='x'><p>{SENTENCE}</p><p>推动分布式光伏发电规模化发展，鼓励公共建筑屋顶安装光伏。</p></div></div>"
            "<div id='foot'><a href='/c'>版权所有</a></div></body></html>").encode()
    doc = parse_html(html)
    assert doc.title == "关于推进光伏发电的意见"
    assert SENTENCE in doc.text and "版权所有" not in doc.text and "新闻" not in doc.text


def test_firewall_challenges_and_login_pages_are_blocked():
    with pytest.raises(Blocked):
        parse_html(b"<html><script>document.cookie='a';location.reload()</script></html>", status=412)
    with pytest.raises(Blocked):
        parse_html("<html><body><form>用户名<input name=u>密码<input type='password'></form></body></html>".encode())
    with pytest.raises(Blocked):
        parse_html(b"   ")


def _norm(s: str) -> str:
    return re.sub(r"[\s“”‘’\"'「」『』]", "", unicodedata.normalize("NFKC", s))


def test_the_2030_plan_pdf_gives_back_the_corpus_sentences_unbroken():
    doc = parse_pdf(require_corpus(PLAN_2030_PDF).read_bytes())
    assert doc.status == "ok" and doc.pages == 10
    paragraphs = [_norm(p) for p in doc.text.split("\n")]
    corpus = PLAN_2030_TXT.read_text(encoding="utf-8")
    sentences = [_norm(s) for s in re.split(r"(?<=[。；！？])|\n", corpus)]
    sentences = [s for s in sentences if len(s) >= 15]
    missing = [s for s in sentences if not any(s in p for p in paragraphs)]
    assert len(missing) <= len(sentences) * 0.02, missing[:5]
    assert "单位国内生产总值能源消耗比2020年下降13.5%" in doc.text
    assert "比 2020" not in doc.text and "比\n2020" not in doc.text
    # no page numbers or lone numbers left as lines
    assert not [line for line in doc.text.split("\n") if re.fullmatch(r"[-—\s\d]+", line)]
    pa = analyse(doc.text)
    assert pa.doc_number == "国发〔2021〕23号"
    assert any(d.date == "2021-10-24" for d in pa.dates)
    assert pa.title == "2030年前碳达峰行动方案"


def test_page_numbers_and_running_headers_are_dropped():
    tasks = "一二三四五"
    pages = [f"某省发展和改革委员会文件\n到2025年，第{tasks[n - 1]}项指标非化石能源消费比重达到\n20%左右。\n- {n} -"
             for n in range(1, 6)]
    text, starts = clean_pages(pages)
    assert "某省发展和改革委员会文件" not in text and "- 3 -" not in text
    assert "到2025年，第一项指标非化石能源消费比重达到20%左右。" in text
    assert len(starts) == 5


def test_a_sample_of_the_real_pdfs_parses_without_error():
    files = sorted(require_corpus(PDF_DIR).glob("*.pdf"))
    assert len(files) >= 200
    sample = random.Random(20240601).sample(files, 40)
    for path in sample:
        doc = parse_pdf(path.read_bytes(), ocr=False)
        assert doc.status == "ok", path.name
        assert len(re.findall(r"[\u4e00-\u9fff]", doc.text)) > 200, path.name


def test_broken_and_fake_pdfs_fail_with_a_reason():
    with pytest.raises(ParseError, match="PDF"):
        parse_pdf(b"%PDF-1.7\n1 0 obj <</Type/Catalog>> garbage")
    with pytest.raises(ParseError):
        parse_bytes(b"not a pdf at all", name="x.pdf", media_type="application/pdf")


@pytest.mark.slow  # OCR
def test_a_scanned_pdf_is_flagged_for_ocr_and_read_by_tesseract():
    scan = scanned_pdf_from(PLAN_2030_PDF)
    flagged = parse_pdf(scan, ocr=False)
    assert flagged.status == "needs_ocr" and "OCR" in flagged.warnings[0]
    require_binary("tesseract")
    read = parse_pdf(scan)
    assert read.status == "ocr"
    assert "碳达峰" in read.text and "行动方案" in read.text


def test_docx_paragraphs_tables_and_title():
    doc = parse_docx(docx(PLAN_STORAGE.split("\n"), title="苏州市新型储能产业发展实施方案",
                          table=[["指标", "2025年"], ["新型储能装机（万千瓦）", "100"]]))
    assert doc.title == "苏州市新型储能产业发展实施方案"
    assert "到2025年，全市新型储能装机规模达到100万千瓦以上，新型储能产业产值突破1000亿元。" in doc.text.split("\n")
    assert "新型储能装机（万千瓦）\t100" in doc.text


def test_docx_with_external_entities_or_a_zip_bomb_is_refused():
    xxe = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
           '<w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
    with pytest.raises(UnsafeFile):
        parse_docx(docx([], document_xml=xxe))
    bomb = BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b"a" * 30_000_000)
    with pytest.raises(UnsafeFile, match="zip bomb|size limit"):
        parse_docx(bomb.getvalue(), Limits(max_unzipped=10_000_000))
    with pytest.raises(ParseError, match="zip"):
        parse_bytes(b"PK\x03\x04" + b"\x00" * 100, name="x.zip")


@pytest.mark.slow  # LibreOffice in a subprocess
def test_legacy_doc_and_wps_through_libreoffice_and_antiword(tmp_path):
    original = docx(PLAN_STORAGE.split("\n"))
    doc_bytes = soffice_convert(original, ".docx", "doc:MS Word 97")
    parsed = parse_bytes(doc_bytes, name="plan.doc")
    assert parsed.media_type == "application/msword" and not parsed.warnings
    assert "到2025年，全市新型储能装机规模达到100万千瓦以上，新型储能产业产值突破1000亿元。" in parsed.text
    # Kingsoft WPS files are Word binaries under another name
    wps = parse_bytes(doc_bytes, name="plan.wps")
    assert "新型储能产业发展实施方案" in wps.text
    require_binary("antiword")
    from ccnt.ingest.parse_office import convert_with_antiword

    assert "新型储能装机规模达到100万千瓦以上" in convert_with_antiword(doc_bytes).replace("\n", "")


def test_plain_text_in_gbk_and_hard_wrapped_text():
    parsed = parse_bytes(("苏州市新型储能产业发展实施方案\n" + SENTENCE).encode("gbk"), name="a.txt")
    assert parsed.title == "苏州市新型储能产业发展实施方案" and SENTENCE in parsed.text
