"""/api/v1/reports/ lists published reports only; /api/v1/documents/ the metadata of documents
attached to public policies only (never their text or archive path)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ccnt.reports.models import Report
from ccnt.tracker.models import Document, Policy, PolicyVersion

from ._api_helpers import api_client, get_json


@pytest.fixture
def api(db, settings):
    return api_client(settings)


def test_it_lists_published_reports_only(api):
    Report.objects.create(month=dt.date(2022, 5, 1), status="published", published_at=timezone.now())
    Report.objects.create(month=dt.date(2022, 6, 1), status="draft")
    data = get_json(api, "/api/v1/reports/")
    assert [r["month"] for r in data["results"]] == ["2022-05"]
    assert data["results"][0]["links"]["html"].endswith("/reports/2022-05/")


def test_it_shows_documents_of_public_policies_only(api, draft_policy):
    public = Policy.objects.public().filter(documents__isnull=True, published_version__document__isnull=True).first()
    shown = Document.objects.create(sha256="a" * 64, url="https://example.gov.cn/a.pdf", media_type="application/pdf",
                                    size=123, text="secret text", archive_path="ab/cd")
    hidden = Document.objects.create(sha256="b" * 64, media_type="application/pdf", size=9)
    PolicyVersion.objects.create(policy=public, number=99, document=shown, text="x")
    public.published_version = PolicyVersion.objects.get(policy=public, number=99)
    public.save(update_fields=["published_version"])
    PolicyVersion.objects.create(policy=draft_policy, number=2, document=hidden, text="y")
    data = get_json(api, "/api/v1/documents/?page_size=200")
    public_ids = set(Policy.objects.public().values_list("pk", flat=True))
    assert all(set(d["policy_ids"]) <= public_ids and d["policy_ids"] for d in data["results"])
    listed = {d["sha256"]: d for d in get_json(api, f"/api/v1/documents/?policy={public.pk}")["results"]}
    assert list(listed) == ["a" * 64]
    assert not get_json(api, f"/api/v1/documents/?policy={draft_policy.pk}")["results"]
    row = listed["a" * 64]
    assert row["policy_ids"] == [public.pk] and row["size"] == 123
    assert "text" not in row and "archive_path" not in row
    assert get_json(api, f"/api/v1/documents/{'a' * 64}/")["media_type"] == "application/pdf"
    get_json(api, f"/api/v1/documents/{'b' * 64}/", status=404)
    assert get_json(api, f"/api/v1/documents/?policy={public.pk}")["meta"]["count"] == 1
