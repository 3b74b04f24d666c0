"""A token's rate is N/sec|min|hour|day with N ≥ 1: the admin refuses anything else with a message,
the model validates it, and a malformed rate stored before (old data) never breaks the token's
requests — the default applies and a line is logged."""

from __future__ import annotations

import logging
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from ccnt.api.models import ApiToken
from ccnt.api.rates import parse_rate

pytestmark = pytest.mark.django_db

BAD = ["abc", "10/fortnight", "0/min", "-5/min", "10", "/min", "1.5/min", "10/mins"]


@pytest.fixture
def fresh_counters(settings):
    caches = {alias: dict(config) for alias, config in settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = "test-" + uuid.uuid4().hex[:8]
    settings.CACHES = caches


@pytest.fixture
def admin_client(make_user, settings):
    client = Client()
    client.force_login(make_user("rates-admin", superuser=True))
    return client


def test_it_parses_the_four_units():
    assert parse_rate("600/min") == (600, 60)
    assert parse_rate("1/sec") == (1, 1)
    assert parse_rate("5/hour") == (5, 3600)
    assert parse_rate(" 100 / day ") == (100, 86400)


@pytest.mark.parametrize("rate", BAD)
def test_it_refuses_a_bad_rate_in_the_admin_form(admin_client, rate):
    response = admin_client.post("/admin/api/apitoken/add/", {"name": f"bad {rate}", "contact": "", "note": "",
                                                              "rate": rate})
    assert response.status_code == 200  # the form again, with the error
    assert "Rate must be N/sec, N/min, N/hour or N/day with N ≥ 1" in response.content.decode()
    assert not ApiToken.objects.filter(name=f"bad {rate}").exists()


def test_it_accepts_a_good_rate_in_the_admin_form(admin_client):
    response = admin_client.post("/admin/api/apitoken/add/", {"name": "good", "contact": "", "note": "",
                                                              "rate": "1200/min"})
    assert response.status_code == 302
    assert ApiToken.objects.get(name="good").rate == "1200/min"


@pytest.mark.parametrize("rate", BAD)
def test_it_validates_the_rate_in_the_model(rate):
    token = ApiToken(name="model", rate=rate)
    token.issue_key()
    with pytest.raises(ValidationError) as caught:
        token.full_clean()
    assert "rate" in caught.value.message_dict


@pytest.mark.parametrize("rate", ["abc", "10/fortnight", "0/min"])
def test_it_serves_a_token_whose_stored_rate_is_bad(settings, fresh_counters, caplog, rate):
    settings.CCNT_API_TOKEN_RATE = "3/min"
    token, key = ApiToken.create_with_key(name="old data")
    ApiToken.objects.filter(pk=token.pk).update(rate=rate)  # stored before validation existed
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    with caplog.at_level(logging.WARNING, logger="ccnt.api"):
        statuses = [client.get("/api/v1/reports/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]  # the default rate, not a 500 and not locked out
    assert any("malformed rate" in r.getMessage() and rate in r.getMessage() for r in caplog.records)
