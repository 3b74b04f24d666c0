"""Shared helpers for the search tests: make a published policy with a text, search."""

from __future__ import annotations

from datetime import date

from django.http import QueryDict

from ccnt.search.hybrid import search
from ccnt.search.query import parse_filters
from ccnt.tracker.models import Category, Jurisdiction, Policy, PolicyVersion

# three short texts on unrelated topics, for the tests of meaning search (paraphrases find each)
HEATING = "（一）清洁取暖\n推进北方地区冬季清洁取暖，以热泵和地热替代散煤燃烧，老旧小区供热管网改造。"
DATA = "（二）数据中心\n新建大型、超大型数据中心电能利用效率不高于1.3，推动数据中心绿色低碳发展。"
FOREST = "（三）国土绿化\n科学开展大规模国土绿化行动，提升森林覆盖率和森林蓄积量。"


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
