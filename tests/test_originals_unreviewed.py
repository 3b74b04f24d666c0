"""Only the originals of published versions are public: the original of a new version that
awaits review is not linked, listed or served until a curator publishes that version."""

from __future__ import annotations

import pytest

from ccnt.ingest.archive import Archive
from ccnt.tracker.models import Document, Policy, PolicyVersion
from ccnt.tracker.publishing import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def revision(settings, tmp_path):
    settings.ARCHIVE_DIR = tmp_path / "archive"
    sha, path = Archive(settings.ARCHIVE_DIR).put(b"%PDF-1.4 revised plan, awaiting review")
    policy = Policy.objects.public().get(title="天津市碳达峰实施方案")
    document = Document.objects.create(sha256=sha, archive_path=path, media_type="application/pdf", size=10,
                                       policy=policy, role="main")
    version = PolicyVersion.objects.create(policy=policy, number=policy.versions.count() + 1, document=document,
                                           text="修订稿全文。")
    return policy, version, document


def test_it_hides_the_original_of_a_version_awaiting_review(client, revision):
    policy, _version, document = revision
    assert client.get(f"/documents/{document.sha256}/").status_code == 404
    assert f"/documents/{document.sha256}/" not in client.get(f"/policies/{policy.pk}/?format=json").json()["archived"]
    listed = client.get("/api/v1/documents/", {"policy": policy.pk}).json()["results"]
    assert document.sha256 not in [d["sha256"] for d in listed]
    assert client.get(f"/api/v1/documents/{document.sha256}/").status_code == 404


def test_it_serves_the_original_once_its_version_is_published(client, revision):
    policy, version, document = revision
    publish(policy, version=version)
    assert client.get(f"/documents/{document.sha256}/").status_code == 200
    assert f"/documents/{document.sha256}/" in client.get(f"/policies/{policy.pk}/?format=json").json()["archived"]
