"""API tokens are created in the admin (the key is shown once, stored as a hash) and revoked
there; a revoked token stops working at once."""

from __future__ import annotations

import re

from django.test import Client

from ccnt.api.models import ApiToken, hash_key


def test_it_creates_a_token_in_the_admin_and_shows_the_key_once(db, make_user, settings):
    settings.CCNT_API_ANON_RATE = "100000/min"
    admin = make_user("boss", superuser=True)
    client = Client()
    client.force_login(admin)
    response = client.post("/admin/api/apitoken/add/", {"name": "Newsroom", "contact": "data@example.org", "note": "",
                                                        "rate": ""}, follow=True)
    assert response.status_code == 200
    key = re.search(r"ccnt_[A-Za-z0-9_-]{40,}", response.content.decode()).group(0)
    token = ApiToken.objects.get(name="Newsroom")
    assert token.key_hash == hash_key(key) and key not in str(token.__dict__.values())
    assert Client(HTTP_AUTHORIZATION=f"Token {key}").get("/api/v1/").status_code == 200
    change_page = client.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()
    assert key not in change_page

    client.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Client(HTTP_AUTHORIZATION=f"Token {key}").get("/api/v1/").status_code == 401
