"""The home map's target series is cached per search-index generation: a new provincial
target shows on the map at once, without waiting for the cache to expire."""

from __future__ import annotations

import pytest

from ccnt.tracker.models import Indicator, Policy, Target

pytestmark = pytest.mark.django_db


def series_values(client, key: str) -> dict:
    series = client.get("/?format=json").json()["map"]["series"]
    return next((s["values"] for s in series if s["key"] == key), {})


def test_it_shows_a_new_provincial_target_on_the_map(client):
    key = "energy_intensity:2025:change:2020"
    before = series_values(client, key)
    assert before, "the demo has provincial 2025 energy-intensity cuts"
    missing = next(code for code in ("640000", "520000", "620000", "320000") if code not in before)
    plan = Policy.objects.public().filter(jurisdiction__adcode=missing, level="province",
                                          published_version__isnull=False).first()
    Target.objects.create(
        policy=plan, version=plan.published_version, indicator=Indicator.objects.get(code="energy_intensity"),
        target_year=2025, value_low=15.5, value_high=15.5, unit="%", value_normalized_low=15.5,
        value_normalized_high=15.5, unit_normalized="%", comparator="=", metric_kind="change", base_year=2020,
        direction="decrease", text="单位地区生产总值能耗比2020年下降15.5%", verified=True,
    )
    after = series_values(client, key)
    assert after[missing] == 15.5
