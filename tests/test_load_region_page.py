"""Load finding: a region page compared each of its own targets with every comparable target of
every place, one query and a full scan each (71 s for a city, minutes for a province, at 100 000
policies). Now only the nation's and the province's targets are fetched, once per comparable key:
the page's queries do not grow with the region's targets or with other places' policies."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ccnt.tracker.models import Category, Indicator, Jurisdiction, Policy, PolicyVersion, Target

pytestmark = pytest.mark.django_db


def add_policies(place: Jurisdiction, n: int, level: str) -> None:
    indicator = Indicator.objects.get(code="energy_intensity")
    for i in range(n):
        policy = Policy.objects.create(title=f"负载测试{place.adcode}方案{i}", review_state="published", level=level,
                                       jurisdiction=place, category=Category.objects.get(code="energy"))
        policy.jurisdictions.set([place])
        version = PolicyVersion.objects.create(policy=policy, number=1, text="到2025年，能耗下降14%。")
        Target.objects.create(policy=policy, version=version, indicator=indicator, target_year=2025, value_low=14 + i,
                              value_high=14 + i, unit="%", unit_normalized="%", comparator="=", metric_kind="change",
                              base_year=2020, text="能耗下降14%", start=7, end=13)
        policy.published_version = version
        policy.save()


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_region_page_queries_do_not_grow_with_targets(client):
    city = Jurisdiction.objects.current().filter(parent__adcode="320000", level="city").order_by("adcode").first()
    add_policies(city, 2, "city")
    before = queries(client, f"/regions/{city.adcode}/?format=json")
    add_policies(city, 12, "city")  # more own targets with the same key
    others = Jurisdiction.objects.current().filter(parent__adcode="330000", level="city").order_by("adcode")[:3]
    for other in others:
        add_policies(other, 3, "city")  # other places' comparable targets
    after = queries(client, f"/regions/{city.adcode}/?format=json")
    assert after <= before + 2, (before, after)
    data = client.get(f"/regions/{city.adcode}/?format=json").json()
    assert len([t for t in data["targets"] if t["indicator"] == "energy_intensity"]) >= 14
