"""Facet counts equal the real counts of public policies, and never count a draft."""

from __future__ import annotations

from collections import Counter

import pytest

from ccnt.tracker.models import Policy

from ._search_helpers import run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_demo")]


def real_counts(queryset) -> dict[str, dict[str, int]]:
    policies = list(queryset.prefetch_related("sectors", "topics", "jurisdictions").select_related("category"))
    counts = {name: Counter() for name in ("level", "category", "sector", "topic", "type", "year", "province")}
    for p in policies:
        counts["level"][p.level] += 1 if p.level else 0
        if p.category:
            counts["category"][p.category.code] += 1
        for s in p.sectors.all():
            counts["sector"][s.code] += 1
        for t in p.topics.all():
            counts["topic"][t.code] += 1
        if p.policy_type:
            counts["type"][p.policy_type] += 1
        if p.date:
            counts["year"][str(p.date.year)] += 1
        for code in {j.adcode[:2] + "0000" for j in p.jurisdictions.all() if j.adcode != "100000"}:
            counts["province"][code] += 1
    return {k: {code: n for code, n in v.items() if n} for k, v in counts.items()}


def facet_counts(result) -> dict[str, dict[str, int]]:
    return {name: {code: n for code, _label, n in values} for name, values in result.facets.items()}


def test_it_counts_every_facet_like_the_database():
    assert facet_counts(run("")) == real_counts(Policy.objects.public())


def test_it_counts_facets_under_the_query_and_leaves_a_facets_own_filter_out():
    result = run("q=碳达峰&level=province")
    matching = Policy.objects.public().filter(pk__in=[p.pk for p in run("q=碳达峰", page_size=5000).policies])
    counts = facet_counts(result)
    assert counts["level"] == real_counts(matching)["level"]  # its own filter left out
    assert counts["category"] == real_counts(matching.filter(level="province"))["category"]
    assert result.total == matching.filter(level="province").count()


def test_it_never_counts_a_draft(draft_policy):
    before = facet_counts(run("q=储能"))
    draft_policy.title = "某草稿储能试点方案（测试）二"
    draft_policy.save()
    assert facet_counts(run("q=储能")) == before
    assert facet_counts(run("")) == real_counts(Policy.objects.public())


def test_it_labels_facet_values():
    facets = run("").facets
    assert ("energy", "能源", dict((c, n) for c, _l, n in facets["category"])["energy"]) in facets["category"]
    assert any(label == "江苏省" for _c, label, _n in facets["province"])
