"""A reader can download everything held about them (JSON) and delete their account and saved
searches; both need the reader to be logged in, deleting needs the password again."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User

from ccnt.alerts.models import DigestDelivery, SavedSearch

pytestmark = pytest.mark.django_db
PASSWORD = "Carbon-neutral-2060!"


@pytest.fixture
def reader(client):
    user = User.objects.create_user("reader@example.org", "reader@example.org", PASSWORD)
    search = SavedSearch.objects.create(user=user, name="氢能", querystring="q=%E6%B0%A2%E8%83%BD", frequency="weekly")
    DigestDelivery.objects.create(saved_search=search, period="W2026-01", status="sent", window_start=search.created_at,
                                  window_end=search.created_at, policy_ids=[1, 2])
    client.post("/accounts/login/", {"username": "reader@example.org", "password": PASSWORD})
    return user


def test_it_needs_a_login(client):
    for path in ("/accounts/", "/accounts/data.json", "/accounts/delete/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")


def test_it_downloads_the_readers_data(client, reader):
    response = client.get("/accounts/data.json")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    data = json.loads(response.content)
    assert data["email"] == "reader@example.org"
    [search] = data["saved_searches"]
    assert search["name"] == "氢能" and search["frequency"] == "weekly" and search["url"].startswith("/policies/?q=")
    assert search["digests"][0]["policy_ids"] == [1, 2]


def test_it_deletes_the_account_and_its_searches(client, reader):
    assert client.get("/accounts/delete/").status_code == 200
    wrong = client.post("/accounts/delete/", {"password": "not-the-password"})
    assert wrong.status_code == 200 and User.objects.filter(pk=reader.pk).exists()
    done = client.post("/accounts/delete/", {"password": PASSWORD})
    assert done.status_code == 200 and "account-deleted" in done.content.decode()
    assert not User.objects.filter(pk=reader.pk).exists()
    assert not SavedSearch.objects.exists() and not DigestDelivery.objects.exists()
    assert client.get("/accounts/").status_code == 302  # logged out


def test_a_curator_cannot_delete_their_account_here(client, make_user):
    curator = make_user("curator1", role="curator")
    client.force_login(curator)
    assert client.post("/accounts/delete/", {"password": "a-long-test-password-1"}).status_code == 403
    assert User.objects.filter(pk=curator.pk).exists()
