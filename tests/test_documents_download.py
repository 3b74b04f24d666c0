"""An archived government page is served as a sandboxed download, never as live HTML on our
origin; a PDF opens in the browser, sandboxed too."""

from __future__ import annotations

import pytest

from ccnt.tracker.models import Document, Policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_plan(settings, tmp_path):
    settings.ARCHIVE_DIR = tmp_path
    (tmp_path / "page.html").write_bytes(b"<script>alert(1)</script>")
    (tmp_path / "plan.pdf").write_bytes(b"%PDF-1.4 test")
    plan = Policy.objects.public().get(title="2030年前碳达峰行动方案")
    return plan


def attach(plan: Policy, name: str, media_type: str) -> Document:
    doc = Document.objects.create(sha256=name[0] * 64, archive_path=name, media_type=media_type, filename=name)
    version = plan.published_version
    version.document = doc
    version.save()
    return doc


def test_it_downloads_html_instead_of_rendering_it(client, public_plan):
    doc = attach(public_plan, "page.html", "text/html; charset=utf-8")
    response = client.get(f"/documents/{doc.sha256}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "sandbox"


def test_it_opens_a_pdf_inline_but_sandboxed(client, public_plan):
    doc = attach(public_plan, "plan.pdf", "application/pdf")
    response = client.get(f"/documents/{doc.sha256}/")
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"] == "sandbox"
