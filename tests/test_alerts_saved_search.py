"""Saving a search from the policy list: login first, the contract's filters validated and kept,
each reader sees and changes only their own searches, unsubscribe links are unguessable, and
the pages keep the strict Content-Security-Policy (no inline script)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from ccnt.alerts.models import SavedSearch

pytestmark = pytest.mark.django_db
PASSWORD = "Carbon-neutral-2060!"
APPS = Path(__file__).resolve().parents[1] / "src" / "ccnt"


def login(client, email):
    User.objects.create_user(email, email, PASSWORD)
    client.post("/accounts/login/", {"username": email, "password": PASSWORD})
    return User.objects.get(username=email)


def test_it_asks_for_a_login_first(client):
    response = client.get("/alerts/new/?q=光伏&level=city")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/alerts/new/")


def test_it_refuses_bad_filters_naming_the_parameter(client):
    login(client, "a@example.org")
    response = client.get("/alerts/new/?year=20x5")
    assert response.status_code == 400 and "year" in response.content.decode()
    response = client.post("/alerts/new/", {"querystring": "category=nope", "frequency": "daily"})
    assert response.status_code == 400 and not SavedSearch.objects.exists()


def test_it_saves_the_contract_filters_and_lets_only_the_owner_change_them(client):
    owner = login(client, "a@example.org")
    client.post("/alerts/new/", {"querystring": "q=光伏&jurisdiction=320000&has_targets=1&format=json",
                                 "frequency": "weekly", "name": ""})
    search = SavedSearch.objects.get(user=owner)
    assert search.querystring == "q=%E5%85%89%E4%BC%8F&jurisdiction=320000&has_targets=1"
    assert search.name.startswith("光伏") and search.frequency == "weekly" and search.active
    assert search.params().jurisdiction == "320000"
    assert client.post(f"/alerts/{search.pk}/", {"action": "update", "frequency": "off"}).status_code == 302
    assert not SavedSearch.objects.get(pk=search.pk).active
    client.post(f"/alerts/{search.pk}/", {"action": "update", "frequency": "daily"})
    search.refresh_from_db()
    assert search.active and search.frequency == "daily"

    client.post("/accounts/logout/")
    login(client, "b@example.org")
    assert client.post(f"/alerts/{search.pk}/", {"action": "delete"}).status_code == 404
    assert "光伏" not in client.get("/accounts/").content.decode()
    assert SavedSearch.objects.filter(pk=search.pk).exists()


def test_unsubscribe_links_are_unguessable(client):
    user = User.objects.create_user("c@example.org", "c@example.org", PASSWORD)
    one = SavedSearch.objects.create(user=user, name="x")
    other = SavedSearch.objects.create(user=user, name="y")
    assert one.unsubscribe_token != other.unsubscribe_token and len(one.unsubscribe_token) >= 32
    assert client.get("/alerts/unsubscribe/not-a-token-at-all/").status_code == 404
    assert client.post(f"/alerts/unsubscribe/{one.unsubscribe_token[:-1]}/").status_code == 404


def test_the_pages_keep_the_strict_csp(client):
    login(client, "d@example.org")
    for path in ("/accounts/", "/alerts/new/?q=储能", "/accounts/delete/", "/policies/"):
        response = client.get(path)
        assert response.status_code == 200
        assert "script-src 'self'" in response["Content-Security-Policy"]
    for folder in ("accounts", "alerts"):
        for template in (APPS / folder / "templates").rglob("*.html"):
            text = template.read_text(encoding="utf-8")
            assert "<script" not in text and " style=" not in text, template
            assert not re.search(r"<[^>]*\son[a-z]+=", text), template  # no inline event handlers
