"""Login throttling (django-axes): repeated failures for one username from one address lock that
pair out of the admin's and the readers' login; a success before the limit resets the count."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password-1"


@pytest.fixture
def limit(settings):
    return settings.AXES_FAILURE_LIMIT


def test_the_admin_login_locks_out_after_repeated_failures(client, make_user, limit):
    make_user("curator-t", role="curator")
    for _ in range(limit - 1):
        response = client.post("/admin/login/", {"username": "curator-t", "password": "wrong"})
        assert response.status_code == 200
    locked = client.post("/admin/login/", {"username": "curator-t", "password": "wrong"})
    assert locked.status_code == 429
    # now even the right password is refused, and it says so without a traceback
    again = client.post("/admin/login/", {"username": "curator-t", "password": PASSWORD})
    assert again.status_code == 429 and b"Traceback" not in again.content
    assert "_auth_user_id" not in client.session
    # the lock is per username and address: another user from here still gets in
    make_user("curator-u", role="curator")
    ok = client.post("/admin/login/", {"username": "curator-u", "password": PASSWORD})
    assert ok.status_code == 302


def test_the_reader_login_locks_out_whatever_the_case_of_the_email(client, limit):
    User.objects.create_user("reader-t@example.com", email="reader-t@example.com", password=PASSWORD)
    spellings = ["reader-t@example.com", "READER-T@example.com", " Reader-T@Example.com "]
    for i in range(limit):
        client.post("/accounts/login/", {"username": spellings[i % 3], "password": "wrong"})
    locked = client.post("/accounts/login/", {"username": "reader-t@example.com", "password": PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_success_resets_the_count(client, make_user, limit):
    make_user("curator-v", role="curator")
    for _ in range(limit - 1):
        client.post("/admin/login/", {"username": "curator-v", "password": "wrong"})
    assert client.post("/admin/login/", {"username": "curator-v", "password": PASSWORD}).status_code == 302
    client.logout()
    for _ in range(limit - 1):
        assert client.post("/admin/login/", {"username": "curator-v", "password": "wrong"}).status_code == 200
    assert client.post("/admin/login/", {"username": "curator-v", "password": PASSWORD}).status_code == 302


def test_logins_without_a_request_still_work(db, make_user):
    """The test client's login() and management code call authenticate() without a request."""
    from django.contrib.auth import authenticate

    make_user("curator-w", role="curator")
    assert authenticate(username="curator-w", password=PASSWORD) is not None
