"""/sitemap.xml lists every public page: the fixed pages that exist and every published policy,
never a draft."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ccnt.tracker.models import Policy

from ._api_helpers import api_client


@pytest.fixture
def api(db, settings):
    return api_client(settings)

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_it_lists_every_public_policy_and_no_draft(api, draft_policy):
    response = api.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = [loc.text for loc in root.iter(f"{NS}loc")]
    paths = {loc.split("://", 1)[1].split("/", 1)[1] for loc in locations}
    for policy_id in Policy.objects.public().values_list("id", flat=True):
        assert f"policies/{policy_id}/" in paths
    assert f"policies/{draft_policy.pk}/" not in paths
    assert "policies/" in paths and "downloads/" in paths
    assert len(locations) == len(set(locations))
