"""/policies/ runs on search(): ?q= and filters, HTML and ?format=json with facets."""

from __future__ import annotations

import pytest

from ccnt.tracker.models import Policy

pytestmark = pytest.mark.django_db


def test_it_searches_from_the_list_page(client):
    response = client.get("/policies/?q=储能&level=national")
    assert response.status_code == 200
    assert "2030年前碳达峰行动方案" in response.content.decode()


def test_it_answers_json_with_results_facets_and_params(client):
    data = client.get("/policies/?q=碳达峰&level=province&format=json").json()
    assert data["count"] == len(data["results"]) or data["num_pages"] > 1
    assert all(r["level"] == "province" for r in data["results"])
    assert {"level", "category", "sector", "topic", "type", "year", "province"} <= set(data["facets"])
    assert data["params"] == {"q": ["碳达峰"], "level": ["province"]}
    assert data["sort"] == "relevance"
    everything = client.get("/policies/?format=json").json()
    assert everything["count"] == Policy.objects.public().count()
