"""/api/v1/indicators/: the catalogue; national benchmarks are links to published national
policies' targets, never numbers typed into the catalogue."""

from __future__ import annotations

import pytest

from ccnt.tracker.models import Indicator, Target

from ._api_helpers import api_client, get_json


@pytest.fixture
def api(db, settings):
    return api_client(settings)


def test_it_lists_the_whole_catalogue(api):
    data = get_json(api, "/api/v1/indicators/")
    assert [r["code"] for r in data["results"]] == sorted(Indicator.objects.values_list("code", flat=True))


def test_it_links_benchmarks_to_national_targets(api):
    data = get_json(api, "/api/v1/indicators/non_fossil_share/")
    assert data["national_benchmarks"]
    for benchmark in data["national_benchmarks"]:
        target = Target.objects.select_related("policy").get(pk=benchmark["target_id"])
        assert target.policy.level == "national" and target.policy.review_state == "published"
        assert target.indicator.code == "non_fossil_share"
        assert benchmark["value_low"] == target.value_low and benchmark["target_year"] == target.target_year


def test_it_follows_a_changed_national_target(api):
    benchmark = get_json(api, "/api/v1/indicators/non_fossil_share/")["national_benchmarks"][0]
    target = Target.objects.get(pk=benchmark["target_id"])
    target.value_low = target.value_high = 21.5
    target.save()  # as the admin saves it: the cached benchmarks follow the new generation
    again = get_json(api, "/api/v1/indicators/non_fossil_share/")["national_benchmarks"][0]
    assert again["value_low"] == 21.5


def test_it_answers_an_unknown_code_with_404(api):
    assert "indicator" in get_json(api, "/api/v1/indicators/no_such_thing/", status=404)["detail"]
