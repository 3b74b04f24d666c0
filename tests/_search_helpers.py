"""Shared helpers for the search tests: make a published policy with a text, search."""

from __future__ import annotations

from datetime import date

from django.http import QueryDict

from ccnt.search.hybrid import search
from ccnt.search.query import parse_filters
from ccnt.tracker.models import Category, Jurisdiction, Policy, PolicyVersion


def make_policy(title: str, text: str = "", *, published: date | None = date(2023, 5, 1), adcode: str = "320000",
                level: str = "province", category: str = "energy", state: str = "published", **fields) -> Policy:
    place = Jurisdiction.objects.by_adcode(adcode)
    policy = Policy.objects.create(title=title, review_state=state, level=level, jurisdiction=place,
                                   category=Category.objects.get(code=category), published_date=published, **fields)
    policy.jurisdictions.set([place])
    version = PolicyVersion.objects.create(policy=policy, number=1, text=text)
    if state == "published":
        policy.published_version = version
        policy.save()
    return policy


def run(query: str, **kwargs):
    return search(parse_filters(QueryDict(query)), **kwargs)


def ids(query: str, page_size: int = 1000) -> list[int]:
    return [p.pk for p in run(query, page_size=page_size, facets=False).policies]
