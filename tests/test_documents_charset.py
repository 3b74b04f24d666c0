"""A text original is served with the charset detected at ingest, so a GBK file reads as Chinese in
the browser; the detected charset wins over what the remote server's header claimed."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from ccnt.tracker.models import Document, Policy

pytestmark = pytest.mark.django_db

TEXT = ("关于推进某市绿色低碳发展的实施方案\n\n"
        "到2025年，全市单位地区生产总值能耗比2020年下降14%，非化石能源消费比重达到20%左右。\n")


def test_it_serves_an_ingested_gbk_text_with_its_charset(client, settings, tmp_path):
    settings.ARCHIVE_DIR = tmp_path / "archive"
    source = tmp_path / "fang-an.txt"
    source.write_bytes(TEXT.encode("gbk"))
    out = io.StringIO()
    call_command("ingest", str(source), "--publish", "--json", "--no-progress", "--title", TEXT.splitlines()[0],
                 stdout=out)
    [item] = json.loads(out.getvalue())["items"]
    policy = Policy.objects.public().get(pk=item["policy_id"])
    doc = policy.published_version.document
    assert doc.encoding and doc.media_type.startswith("text/plain")
    response = client.get(f"/documents/{doc.sha256}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=gb18030"
    body = b"".join(response.streaming_content)
    assert body.decode(response.charset) == TEXT


def test_it_replaces_a_wrong_server_charset_on_an_html_original(client, settings, tmp_path):
    settings.ARCHIVE_DIR = tmp_path
    page = "<html><head><title>方案</title></head><body><p>到2025年</p></body></html>".encode()
    (tmp_path / "page.html").write_bytes(page)
    plan = Policy.objects.public().get(title="2030年前碳达峰行动方案")
    doc = Document.objects.create(sha256="c" * 64, archive_path="page.html", filename="page.html",
                                  media_type="text/html; charset=gb2312", encoding="utf-8")
    version = plan.published_version
    version.document = doc
    version.save()
    response = client.get(f"/documents/{doc.sha256}/")
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Security-Policy"] == "sandbox"


def test_it_leaves_binary_originals_alone(client, settings, tmp_path):
    settings.ARCHIVE_DIR = tmp_path
    (tmp_path / "plan.pdf").write_bytes(b"%PDF-1.4 test")
    plan = Policy.objects.public().get(title="2030年前碳达峰行动方案")
    doc = Document.objects.create(sha256="d" * 64, archive_path="plan.pdf", filename="plan.pdf",
                                  media_type="application/pdf", encoding="utf-8")
    version = plan.published_version
    version.document = doc
    version.save()
    assert client.get(f"/documents/{doc.sha256}/")["Content-Type"] == "application/pdf"
