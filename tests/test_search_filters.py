"""Each filter, and filters combined, give what the database says; sort and pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import Q

from ccnt.tracker.models import Policy, Topic

from ._search_helpers import ids, make_policy, run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_demo")]


def public():
    return Policy.objects.public()


def same(query: str, queryset) -> None:
    assert sorted(ids(query)) == sorted(queryset.values_list("pk", flat=True)), query


def dated(queryset, **lookups):
    """The search's date: published, else signed."""
    q = Q()
    for lookup, value in lookups.items():
        q &= Q(published_date__isnull=False, **{f"published_date__{lookup}": value}) | Q(
            published_date__isnull=True, **{f"signed_date__{lookup}": value})
    return queryset.filter(q)


def test_it_filters_by_level_category_and_type():
    same("level=city", public().filter(level="city"))
    same("level=city,county", public().filter(level__in=["city", "county"]))
    same("category=energy", public().filter(category__code="energy"))
    same("type=实施方案", public().filter(policy_type="实施方案"))


def test_it_filters_by_sector_and_topic():
    same("sector=energy", public().filter(sectors__code="energy").distinct())
    topic = public().filter(topics__isnull=False).values_list("topics__code", flat=True).first()
    if topic is None:
        make_policy("某市氢能方案", "").topics.add(Topic.objects.get(code="hydrogen"))
        topic = "hydrogen"
    same(f"topic={topic}", public().filter(topics__code=topic).distinct())


def test_it_filters_by_legal_force():
    policy = make_policy("某市氦能管理办法", "", legal_force="local_government_rule")
    assert policy.pk in ids("legal_force=local_government_rule")
    same("legal_force=local_government_rule", public().filter(legal_force="local_government_rule"))


def test_it_filters_by_year_and_date_range():
    same("year=2022", dated(public(), year=2022))
    same("year=2021&year=2022", dated(public(), year__in=[2021, 2022]))
    same("date_from=2022-03-01&date_to=2022-06-30",
         dated(dated(public(), gte=date(2022, 3, 1)), lte=date(2022, 6, 30)))


def test_it_filters_by_has_targets():
    with_targets = public().filter(targets__isnull=False).distinct()
    same("has_targets=1", with_targets)
    same("has_targets=0", public().exclude(pk__in=with_targets))


def test_it_combines_filters_with_the_query():
    expected = public().filter(level="province", category__code="one_plus_n", sectors__code="economy").distinct()
    same("level=province&category=one_plus_n&sector=economy", expected)
    found = set(ids("q=碳达峰&level=province&category=one_plus_n"))
    assert found and found <= set(expected.values_list("pk", flat=True)) | set(
        public().filter(level="province", category__code="one_plus_n").values_list("pk", flat=True))
    assert found < set(ids("q=碳达峰"))


def test_it_pages_through_the_results():
    first, second = run("level=province", page_size=10), run("level=province&page=2", page_size=10)
    assert first.total == second.total == public().filter(level="province").count()
    assert first.num_pages == -(-first.total // 10)
    assert not {p.pk for p in first.policies} & {p.pk for p in second.policies}
    last = run(f"level=province&page={first.num_pages + 5}", page_size=10)
    assert last.page == first.num_pages


def test_it_lists_newest_first_without_a_query():
    dates = [p.published_date or p.signed_date for p in run("", page_size=50).policies]
    known = [d for d in dates if d]
    assert known == sorted(known, reverse=True)


@pytest.mark.django_db
def test_it_says_how_many_undated_policies_a_date_filter_leaves_out(client):
    from ccnt.tracker.models import Policy

    undated = Policy.objects.public().filter(published_date=None, signed_date=None).count()
    assert undated, "the demo has policies without a date"
    data = client.get("/policies/", {"date_from": "2022-01-01", "format": "json"}).json()
    assert data["undated_left_out"] == undated
    page = client.get("/policies/", {"date_from": "2022-01-01"}).content.decode()
    assert f"另有 {undated} 项日期不详的政策" in page
    assert client.get("/policies/", {"format": "json"}).json()["undated_left_out"] == 0
