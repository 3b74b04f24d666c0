"""English queries match the English title and summary."""

from __future__ import annotations

import pytest

from ._search_helpers import ids, make_policy

pytestmark = pytest.mark.django_db


def test_it_finds_an_english_title():
    policy = make_policy("某市氦能方案", "", title_en="Helium Energy Implementation Plan of a City")
    assert policy.pk in ids("q=helium")
    assert policy.pk in ids("q=Helium energy")
    assert policy.pk not in ids("q=helium hydrogen")


def test_it_finds_an_english_summary_and_ranks_the_title_first():
    in_summary = make_policy("某市方案甲", "", summary_en="Promotes zorbium batteries.")
    in_title = make_policy("某市方案乙", "", title_en="Zorbium plan", published=None)
    assert ids("q=ZORBIUM") == [in_title.pk, in_summary.pk]


def test_it_finds_chinese_policies_by_the_english_names_of_their_indicators_and_places():
    from ccnt.tracker.models import Indicator, Target

    policy = make_policy("某省氢能方案", "到2025年，加氢站达到10座。", adcode="320000")
    Target.objects.create(policy=policy, version=policy.published_version, target_year=2025, value_low=10,
                          indicator=Indicator.objects.get(code="hydrogen_refuelling_stations"),
                          value_high=10, unit="座", text="加氢站达到10座")
    policy.save()
    assert policy.pk in ids("q=hydrogen refuelling")
    assert policy.pk in ids("q=Jiangsu hydrogen")
    assert policy.pk not in ids("q=Zhejiang hydrogen")
