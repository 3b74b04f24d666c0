"""`ccnt synth N`: seeded synthetic policies from corpus sentences, indexed, removable."""

from __future__ import annotations

import io
import random

import pytest
from django.core.management import call_command

from ccnt.search import synth
from ccnt.search.models import PolicyIndex
from ccnt.search.tokenize import tokenize
from ccnt.tracker.models import Policy

pytestmark = pytest.mark.django_db


def test_it_is_deterministic_and_realistic():
    pools = synth.load_pools()
    first = [synth.make_one(random.Random(7), i, 7, pools) for i in range(5)]
    again = [synth.make_one(random.Random(7), i, 7, pools) for i in range(5)]
    assert [p["title"] for p in first] == [p["title"] for p in again]
    assert [p["body"] for p in first] == [p["body"] for p in again]
    sentences = set(pools.sentences)
    for item in first:
        assert 2000 <= len(item["body"].encode("utf-8")) <= 5600
        assert any(s in item["body"] for s in sentences)


def test_it_makes_indexes_and_deletes_synthetic_policies():
    out = io.StringIO()
    call_command("synth", "40", "--seed", "3", stdout=out)
    made = Policy.objects.public().filter(import_key__startswith="synth:3:")
    assert made.count() == 40
    policy = made.select_related("published_version").first()
    row = PolicyIndex.objects.get(policy=policy)
    assert set(row.tokens.split()) >= set(tokenize(policy.title, policy.published_version.text).split())
    for target in policy.targets.all():
        assert policy.published_version.text[target.start:target.end] == target.text
    call_command("synth", "--delete", stdout=out)
    assert not Policy.objects.filter(import_key__startswith="synth:").exists()
    assert not PolicyIndex.objects.filter(policy__import_key__startswith="synth:").exists()
