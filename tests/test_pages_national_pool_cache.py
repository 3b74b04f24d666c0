"""Values kept per generation of the public data (``search.index.per_generation``) are computed
once, stored in the configured cache and used as computed; the national benchmarks' pool is the
cached index's own candidates, and a newly published national target is in both at once."""

from __future__ import annotations

import pytest

from ccnt.search.index import bump, per_generation, request_scope
from ccnt.tracker import benchmarks
from ccnt.tracker.models import Indicator, Policy, Target

pytestmark = pytest.mark.django_db


def test_it_computes_a_value_once_per_generation_and_uses_what_it_computed():
    made = []

    def compute():
        made.append({"n": len(made)})
        return made[-1]

    with request_scope():
        first = per_generation("test.value", compute)
    assert first is made[0]  # not a copy read back from the cache
    with request_scope():
        assert per_generation("test.value", compute) == {"n": 0}
    assert len(made) == 1
    bump()
    with request_scope():
        assert per_generation("test.value", compute) == {"n": 1}


def test_it_adds_a_newly_published_national_target_to_the_pool_and_the_index():
    national = Policy.objects.public().filter(level="national", published_version__isnull=False).first()
    assert national is not None, "the test data should hold a published national policy"
    with request_scope():
        before = benchmarks.cached_national_pool()
    target = Target.objects.create(
        policy=national, version=national.published_version, indicator=Indicator.objects.get(code="energy_intensity"),
        target_year=2035, value_low=9.5, value_high=9.5, unit="%", value_normalized_low=9.5,
        value_normalized_high=9.5, unit_normalized="%", metric_kind="change", base_year=2030,
        direction="decrease", text="单位国内生产总值能耗比2030年下降9.5%", verified=True,
    )
    with request_scope():
        pool = benchmarks.cached_national_pool()
        assert pool is benchmarks.national_index().candidates
    assert target.pk in {t.pk for t in pool}
    assert target.pk not in {t.pk for t in before}
    assert [t.pk for t in pool] == [t.pk for t in benchmarks.national_pool()]
