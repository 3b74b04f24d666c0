"""/api/v1/jurisdictions/: the tree (parent links) with public policy counts that include the
units below, exactly as the jurisdiction filter counts them."""

from __future__ import annotations

import pytest

from ccnt.tracker.models import Jurisdiction, Policy

from ._api_helpers import all_pages, api_client, get_json

pytestmark = pytest.mark.usefixtures("whole_demo")


@pytest.fixture
def api(db, settings):
    return api_client(settings)


def test_it_counts_policies_as_the_jurisdiction_filter_does(api):
    provinces = all_pages(api, "/api/v1/jurisdictions/?level=province&page_size=100")
    assert len(provinces) >= 31
    for row in provinces:
        place = Jurisdiction.objects.by_adcode(row["adcode"])
        assert row["policy_count"] == Policy.objects.public().in_jurisdiction(place).count(), row
        assert row["parent_adcode"] == "100000"
    nation = get_json(api, "/api/v1/jurisdictions/100000/")
    assert nation["policy_count"] == Policy.objects.public().count()


def test_it_lists_the_children_of_a_node(api):
    rows = all_pages(api, "/api/v1/jurisdictions/?parent=320000&page_size=100")
    assert rows and all(r["parent_adcode"] == "320000" and r["level"] == "city" for r in rows)
    detail = get_json(api, "/api/v1/jurisdictions/320000/")
    assert [c["adcode"] for c in detail["children"]] == [r["adcode"] for r in rows]
    assert [a["adcode"] for a in detail["ancestors"]] == ["100000"]


def test_it_filters_to_places_with_policies(api):
    rows = all_pages(api, "/api/v1/jurisdictions/?has_policies=true&level=city&page_size=1000")
    assert rows and all(r["policy_count"] > 0 for r in rows)


def test_it_does_not_count_drafts(api, draft_policy):
    row = get_json(api, "/api/v1/jurisdictions/320000/")
    assert row["policy_count"] == Policy.objects.public().in_jurisdiction(draft_policy.jurisdiction).count()


def test_it_rejects_bad_adcodes(api):
    assert get_json(api, "/api/v1/jurisdictions/?parent=32", status=400)["param"] == "parent"
    assert get_json(api, "/api/v1/jurisdictions/999999/", status=404)["status"] == 404
    assert get_json(api, "/api/v1/jurisdictions/?page_size=5000", status=400)["param"] == "page_size"
