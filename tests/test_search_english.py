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
