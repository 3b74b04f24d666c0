"""Archived originals stay retrievable: publicly for published policies, for staff in the admin."""

from __future__ import annotations

import pytest

from ccnt.ingest.pipeline import Options, run
from ccnt.tracker.models import Document

from .ingest_fixtures import Site, build_policy_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive_dir(settings, tmp_path):
    settings.ARCHIVE_DIR = tmp_path / "archive"
    return settings.ARCHIVE_DIR


def test_originals_are_served_for_public_policies_only_and_to_staff(archive_dir, client, make_user):
    with Site() as site:
        urls = build_policy_site(site)
        options = Options(allow_loopback=True)
        published = run([urls["national_pdf"]], options=options, publish=True).outcomes[0]
        queued = run([urls["hydrogen_gbk"]], options=options).outcomes[0]
    pdf = Document.objects.get(policy_id=published.policy_id, media_type="application/pdf")
    response = client.get(f"/documents/{pdf.sha256}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"
    assert f"/documents/{pdf.sha256}/" in client.get(f"/policies/{published.policy_id}/?format=json").json()["archived"]
    draft_doc = Document.objects.get(policy_id=queued.policy_id, role="main")
    assert client.get(f"/documents/{draft_doc.sha256}/").status_code == 404

    client.force_login(make_user("curator1", role="curator"))
    response = client.get(f"/admin/tracker/document/{draft_doc.pk}/original/")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == (archive_dir / draft_doc.archive_path).read_bytes()
    assert client.get(f"/admin/tracker/document/{draft_doc.pk}/change/").status_code == 200
