"""The index follows edits (title, text, many-to-many fields, targets) and can be rebuilt."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from ccnt.search.models import PolicyIndex
from ccnt.search.tokenize import tokenize
from ccnt.tracker.models import Indicator, PolicyVersion, Sector, Target

from ._search_helpers import ids, make_policy

pytestmark = pytest.mark.django_db


def test_it_reindexes_after_an_edit():
    policy = make_policy("某市氦能方案", "探索氦能应用。")
    policy.title = "某市氪电方案"
    policy.save()
    assert policy.pk in ids("q=氪电")
    assert policy.pk in ids("q=氦能")  # still in the text
    version = PolicyVersion.objects.create(policy=policy, number=2, text="推进氙光示范。")
    policy.published_version = version
    policy.save()
    assert policy.pk not in ids("q=氦能")
    assert policy.pk in ids("q=氙光")
    row = PolicyIndex.objects.get(policy=policy)
    assert row.title_tokens == tokenize(policy.title, policy.title_en)


def test_it_follows_many_to_many_fields_and_targets():
    policy = make_policy("某市氦能方案", "到2025年，非化石能源消费比重达到20%。")
    assert policy.pk not in ids("q=氦能&sector=transport")
    policy.sectors.add(Sector.objects.get(code="transport"))
    assert policy.pk in ids("q=氦能&sector=transport")
    assert policy.pk in ids("q=氦能&has_targets=0")
    target = Target.objects.create(policy=policy, version=policy.published_version, target_year=2025,
                                   indicator=Indicator.objects.get(code="non_fossil_share"), value_low=20, value_high=20)
    assert policy.pk in ids("q=氦能&has_targets=1")
    target.delete()
    assert policy.pk in ids("q=氦能&has_targets=0")


def test_it_rebuilds_the_index_with_the_command():
    policy = make_policy("某市氦能方案", "")
    PolicyIndex.objects.all().delete()
    assert ids("q=氦能") == []
    out = io.StringIO()
    call_command("reindex", stdout=out)
    assert "rows written" in out.getvalue()
    assert ids("q=氦能") == [policy.pk]
    call_command("reindex", "--clear", stdout=out)
    assert ids("q=氦能") == [policy.pk]
