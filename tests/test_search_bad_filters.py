"""Bad filter values give a 400 with a message naming the parameter, never a 500."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from ccnt.search.query import parse_filters

pytestmark = pytest.mark.django_db

BAD = [
    ("level=planet", "level"),
    ("category=nope", "category"),
    ("sector=nope", "sector"),
    ("topic=nope", "topic"),
    ("legal_force=nope", "legal_force"),
    ("year=20x5", "year"),
    ("year=1800", "year"),
    ("date_from=2022-13-01", "date_from"),
    ("date_from=2023-01-01&date_to=2022-01-01", "date_from"),
    ("has_targets=maybe", "has_targets"),
    ("sort=random", "sort"),
    ("page=0", "page"),
    ("page=abc", "page"),
    ("jurisdiction=32", "jurisdiction"),
    ("jurisdiction=999999", "jurisdiction"),
    ("q=" + "储" * 201, "q"),
]


@pytest.mark.parametrize(("query", "name"), BAD)
def test_it_answers_400_with_a_message(client, query, name):
    with pytest.raises(ValueError, match=name):
        parse_filters(QueryDict(query))
    response = client.get(f"/policies/?{query}&format=json")
    assert response.status_code == 400
    assert name in response.json()["error"]
    page = client.get(f"/policies/?{query}")
    assert page.status_code == 400 and name in page.content.decode()


def test_it_accepts_good_values_and_ignores_unknown_parameters(client):
    query = ("q=储能&jurisdiction=320000&level=province&category=energy&sector=energy&type=实施方案"
             "&legal_force=normative_document&year=2022&date_from=2020-01-01&date_to=2025-12-31"
             "&has_targets=0&sort=-date&page=1&utm_source=x")
    params = parse_filters(QueryDict(query))
    assert params.level == ("province",) and params.year == (2022,) and params.has_targets is False
    assert client.get(f"/policies/?{query}&format=json").status_code == 200
