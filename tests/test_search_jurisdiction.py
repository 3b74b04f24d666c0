"""jurisdiction= takes an adcode and includes the units below it (province → city → county)."""

from __future__ import annotations

import pytest

from ccnt.tracker.models import Jurisdiction, Policy

from ._search_helpers import ids, make_policy, run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_demo")]


def test_it_includes_the_cities_and_counties_of_a_province():
    county = make_policy("某县氦能方案", "", adcode="320115", level="county")  # 南京市江宁区
    province = Jurisdiction.objects.by_adcode("320000")
    expected = set(Policy.objects.public().in_jurisdiction(province).values_list("pk", flat=True))
    found = set(ids("jurisdiction=320000"))
    assert found == expected
    assert county.pk in found
    assert any(p.level == "city" for p in Policy.objects.filter(pk__in=found))


def test_it_narrows_to_a_city_and_its_counties():
    county = make_policy("某区氦能方案", "", adcode="320115", level="county")
    city = make_policy("南京市氦能方案", "", adcode="320100", level="city")
    other_city = make_policy("苏州市氦能方案", "", adcode="320500", level="city")
    found = ids("q=氦能&jurisdiction=320100")
    assert set(found) == {county.pk, city.pk}
    assert other_city.pk in ids("q=氦能&jurisdiction=320000")
    assert ids("q=氦能&jurisdiction=100000") == ids("q=氦能")


def test_it_counts_provinces_and_the_cities_of_a_chosen_province():
    make_policy("南京市氦能方案", "", adcode="320100", level="city")
    result = run("q=氦能&jurisdiction=320100")
    assert ("320000", "江苏省", 1) in result.facets["province"]
