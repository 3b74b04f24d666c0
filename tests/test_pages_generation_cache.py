"""What the pages and the API keep per search-index generation (home counts, the latest
policies, search totals, pages of ids, national benchmarks) changes the moment a policy is
published: a cached figure of an earlier state is never shown."""

from __future__ import annotations

from datetime import date

import pytest

from ccnt.tracker.models import Policy

from ._search_helpers import make_policy, run

pytestmark = pytest.mark.django_db


def test_it_counts_and_lists_a_newly_published_policy_on_the_home_page(client):
    before = client.get("/?format=json").json()
    policy = make_policy("某省新型储能发展实施方案（缓存测试）", "到2030年，新型储能装机达到500万千瓦。",
                         published=date(2099, 1, 1))
    after = client.get("/?format=json").json()
    assert after["counts"]["policies"] == before["counts"]["policies"] + 1
    assert after["latest"][0]["policy_id"] == policy.pk
    jiangsu = next(p for p in after["map"]["provinces"] if p["adcode"] == "320000")
    old = next(p for p in before["map"]["provinces"] if p["adcode"] == "320000")
    assert jiangsu["count"] == old["count"] + 1


def test_it_gives_the_same_total_as_the_database_under_many_valued_filters():
    result = run("q=碳达峰&sector=industry&jurisdiction=320000&level=province,city")
    expected = Policy.objects.public().filter(
        pk__in=[p.pk for p in run("q=碳达峰", page_size=5000).policies], sectors__code="industry",
        jurisdictions__adcode__startswith="32", level__in=["province", "city"],
    ).distinct().count()
    assert result.total == expected
    assert result.total > 0


def test_it_finds_a_new_policy_in_a_search_and_in_the_api_date_order(client):
    run("q=缓存测试词")  # caches an empty total and first page
    first = client.get("/api/v1/policies/?page=1&page_size=5").json()
    policy = make_policy("缓存测试词专项行动方案", "缓存测试词。", published=date(2099, 2, 1))
    assert [p.pk for p in run("q=缓存测试词").policies] == [policy.pk]
    again = client.get("/api/v1/policies/?page=1&page_size=5").json()
    assert again["results"][0]["policy_id"] == policy.pk
    assert again["meta"]["count"] == first["meta"]["count"] + 1
    cursor_page = client.get("/api/v1/policies/?page_size=5").json()
    assert cursor_page["results"][0]["policy_id"] == policy.pk


@pytest.mark.django_db
def test_it_starts_a_new_cache_generation_on_migrate():
    from django.core.management import call_command

    from ccnt.search.index import generation

    before = generation()
    call_command("migrate", verbosity=0)
    assert generation() != before  # a cached value of the previous release is never served
