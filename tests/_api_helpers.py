"""Shared pieces of the API, feed and dump tests."""

from __future__ import annotations

from django.test import Client


def api_client(settings) -> Client:
    """A client for the API with the anonymous limit out of the way (the throttle tests set
    their own). Each test module wraps it in its ``api`` fixture."""
    settings.CCNT_API_ANON_RATE = "100000/min"
    return Client()


def get_json(client, url: str, status: int = 200, **headers) -> dict:
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return response.json()


def all_pages(client, url: str) -> list[dict]:
    """Every row of a list, following meta.next."""
    results = []
    while url:
        data = get_json(client, url)
        results.extend(data["results"])
        url = data["meta"]["next"]
        assert len(results) < 100_000
    return results
