"""Ranking: title matches above body matches; newer above older on ties; sort by date."""

from __future__ import annotations

from datetime import date

import pytest

from ._search_helpers import ids, make_policy

pytestmark = pytest.mark.django_db


def test_it_ranks_a_title_match_above_a_newer_body_match():
    in_title = make_policy("某市氦能试点方案", "总体要求。", published=date(2021, 1, 1))
    in_body = make_policy("某市清洁能源试点方案", "探索氦能应用。", published=date(2024, 1, 1))
    found = ids("q=氦能")
    assert found.index(in_title.pk) < found.index(in_body.pk)


def test_it_ranks_newer_above_older_on_ties():
    old = make_policy("某市清洁能源方案甲", "探索氦能应用。", published=date(2021, 3, 1))
    new = make_policy("某市清洁能源方案乙", "探索氦能应用。", published=date(2024, 3, 1))
    old_title = make_policy("某市氦能方案甲", "", published=date(2020, 3, 1))
    new_title = make_policy("某市氦能方案乙", "", published=date(2022, 3, 1))
    assert ids("q=氦能") == [new_title.pk, old_title.pk, new.pk, old.pk]


def test_it_ranks_more_title_terms_first():
    one = make_policy("某市氦能方案", "推进氪电改造。", published=date(2024, 3, 1))
    two = make_policy("某市氦能与氪电方案", "", published=date(2020, 3, 1))
    assert ids("q=氦能 氪电") == [two.pk, one.pk]


def test_it_sorts_by_date_when_asked():
    old = make_policy("某市氦能方案甲", "", published=date(2020, 3, 1))
    new = make_policy("某市清洁能源方案", "探索氦能应用。", published=date(2024, 3, 1))
    assert ids("q=氦能&sort=-date") == [new.pk, old.pk]
    assert ids("q=氦能&sort=date") == [old.pk, new.pk]
