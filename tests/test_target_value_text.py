"""A target's value reads with its direction, comparator and base year (``tracker.target_text``):
"下降14%（较2020年）", never "14% =" — on the stored target, in templates and in both languages."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from ccnt.tracker.target_text import value_text


def test_it_says_a_change_with_its_direction_and_base_year():
    assert value_text(low=14, high=14, unit="%", comparator="=", metric_kind="change", direction="decrease",
                      base_year=2020) == "下降14%（较2020年）"
    assert value_text(low=14, high=14, unit="%", comparator=">", metric_kind="change", direction="decrease",
                      base_year=2020) == "下降超过14%（较2020年）"
    assert value_text(low=14, high=14, unit="%", metric_kind="change", direction="decrease", base_year=2020,
                      lang="en") == "down 14% (vs 2020)"


def test_it_puts_the_comparator_before_a_level():
    assert value_text(low=8, high=8, unit="%", comparator=">=") == "≥ 8%"
    assert value_text(low=20, high=20, unit="%", comparator="~") == "约 20%"
    assert value_text(low=20, high=20, unit="%", comparator="~", lang="en") == "about 20%"
    assert value_text(low=3, high=5, unit="个", comparator="=") == "3–5个"


def test_it_says_rates_and_cumulative_amounts_in_words():
    assert value_text(low=3, high=3, unit="%", metric_kind="annual_rate", direction="decrease") == "年均下降3%"
    assert value_text(low=500, high=500, unit="万千瓦", metric_kind="cumulative", direction="increase",
                      period_start=2021, year=2025) == "累计新增500万千瓦（2021—2025年）"


def test_it_gives_a_year_target_its_year():
    assert value_text(low=None, high=None, year=2030, year_comparator="<=") == "2030年前"
    assert value_text(low=None, high=None, year=2030, year_comparator="<=", lang="en") == "by 2030"
    assert value_text(low=None, high=None) == ""


@pytest.mark.django_db
def test_it_renders_a_stored_target_the_same_in_templates_and_on_the_model():
    from ccnt.tracker.models import Target

    target = Target.objects.filter(indicator__code="energy_intensity", metric_kind="change", base_year=2020,
                                   direction="decrease", comparator="=", value_low__isnull=False).first()
    expected = f"下降{target.value_low:g}%（较2020年）"
    assert target.value_display() == expected
    template = Template("{% load ccnt_tags %}{{ t|target_value }}")
    assert template.render(Context({"t": target})) == expected
    with translation.override("en"):
        assert template.render(Context({"t": target})) == f"down {target.value_low:g}% (vs 2020)"


def test_it_says_percentage_points_in_english():
    assert value_text(low=2, high=2, unit="个百分点", metric_kind="change", direction="increase", base_year=2020,
                      lang="en") == "up 2 percentage points (vs 2020)"
    assert value_text(low=2, high=2, unit="个百分点", metric_kind="change", direction="increase") == "提高2个百分点"
