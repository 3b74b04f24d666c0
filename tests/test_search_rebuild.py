"""`ccnt reindex --clear` rebuilds the index beside the live one and swaps it in with one
transaction: search answers the old results while it runs, a build that dies leaves the live index
as it was, and an edit made during the build is not overwritten by the build's older copy."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from ccnt.search import index
from ccnt.search.models import IndexBuild, IndexTouch, PolicyIndex, PolicyIndexBuild, PolicyTermBuild
from ccnt.tracker.models import Policy

from ._search_helpers import ids, run

pytestmark = pytest.mark.django_db


def _make(title: str, text: str = ""):
    from ._search_helpers import make_policy

    return make_policy(title, text)


def test_it_keeps_answering_the_old_results_while_a_rebuild_runs_and_when_it_dies(monkeypatch):
    first, second = _make("某市氦能方案"), _make("某省氦能行动计划")
    indexed, total = PolicyIndex.objects.count(), run("").total
    seen: list[tuple[list[int], int, int]] = []
    real = index._build_batch

    def batch_then_die(build, batch_ids):
        if seen:
            raise RuntimeError("killed after the first batch")
        written = real(build, batch_ids)
        cache.clear()  # the answers below come from the database, not from a cache
        seen.append((sorted(ids("q=氦能")), run("").total, PolicyIndex.objects.count()))
        return written

    monkeypatch.setattr(index, "BATCH", 1)
    monkeypatch.setattr(index, "_build_batch", batch_then_die)
    with pytest.raises(RuntimeError):
        call_command("reindex", "--clear", stdout=io.StringIO())
    assert seen == [(sorted([first.pk, second.pk]), total, indexed)]  # mid-build: the old index
    cache.clear()
    assert sorted(ids("q=氦能")) == sorted([first.pk, second.pk])  # after the failure: still the old index
    assert PolicyIndex.objects.count() == indexed
    assert not IndexBuild.objects.exists() and not PolicyIndexBuild.objects.exists()


def test_it_swaps_in_the_rebuilt_rows():
    policy = _make("某市氦能方案")
    PolicyIndex.objects.filter(policy=policy).update(tokens="xx", title_tokens="xx")  # a damaged row
    hidden = Policy.objects.filter(review_state="published").exclude(pk=policy.pk).first()
    Policy.objects.filter(pk=hidden.pk).update(review_state="rejected")  # behind the signals' back
    cache.clear()
    assert ids("q=氦能") == []
    out = io.StringIO()
    call_command("reindex", "--clear", stdout=out)
    assert "rows written" in out.getvalue()
    cache.clear()
    assert ids("q=氦能") == [policy.pk]
    assert not PolicyIndex.objects.filter(policy=hidden).exists()
    assert PolicyIndex.objects.count() == Policy.objects.public().count()
    assert not PolicyTermBuild.objects.exists()


def test_it_keeps_a_live_edit_made_during_the_build(monkeypatch):
    policy = _make("某市氦能方案")
    real = index._build_batch

    def batch_then_edit(build, batch_ids):
        written = real(build, batch_ids)
        if policy.pk in batch_ids:  # its row is in the build: now a curator retitles it
            fresh = Policy.objects.get(pk=policy.pk)
            fresh.title = "某市氪电方案"
            fresh.save()
        return written

    monkeypatch.setattr(index, "_build_batch", batch_then_edit)
    index.rebuild()
    cache.clear()
    assert ids("q=氪电") == [policy.pk]
    assert ids("q=氦能") == []
    assert not IndexTouch.objects.exists()


def test_it_drops_the_rows_of_a_killed_build():
    policy = _make("某市氦能方案")
    dead = IndexBuild.objects.create()
    IndexBuild.objects.filter(pk=dead.pk).update(heartbeat=timezone.now() - timedelta(hours=1))
    PolicyIndexBuild.objects.create(build=dead, policy=policy, tokens="xx")
    index.rebuild()
    assert not IndexBuild.objects.exists() and not PolicyIndexBuild.objects.exists()
    assert ids("q=氦能") == [policy.pk]
