"""Registration: a strong password, a confirmation link signed and time-limited, no way to learn
whether an address is registered, and only the latest registration's link works."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail

from ccnt.accounts.tokens import make_token

pytestmark = pytest.mark.django_db
PASSWORD = "Carbon-neutral-2060!"


def register(client, capture, email, password=PASSWORD, again=None):
    with capture(execute=True):
        return client.post("/accounts/register/", {"email": email, "password1": password,
                                                   "password2": again or password})


def confirmation_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm/\S+/)", message.body).group(1)


@pytest.mark.parametrize("password", ["short1!", "password123", "1234567890123", "reader@example.org1"])
def test_it_refuses_weak_passwords(client, django_capture_on_commit_callbacks, password):
    response = register(client, django_capture_on_commit_callbacks, "reader@example.org", password)
    assert response.status_code == 200 and 'class="error"' in response.content.decode()
    assert not User.objects.filter(email="reader@example.org").exists() and mail.outbox == []


def test_it_refuses_two_different_passwords(client, django_capture_on_commit_callbacks):
    response = register(client, django_capture_on_commit_callbacks, "reader@example.org", again=PASSWORD + "x")
    assert "不一致" in response.content.decode()
    assert not User.objects.filter(email="reader@example.org").exists()


def test_it_confirms_once_with_a_signed_link(client, django_capture_on_commit_callbacks):
    register(client, django_capture_on_commit_callbacks, "reader@example.org")
    user = User.objects.get(email="reader@example.org")
    assert not user.is_active and user.username == "reader@example.org"
    path = confirmation_path(mail.outbox[0])
    assert client.get(path.replace("/confirm/", "/confirm/x")).status_code == 400  # tampered
    assert client.get(path).status_code == 302
    assert User.objects.get(pk=user.pk).is_active
    assert client.get(path).status_code == 400  # used


def test_it_expires_confirmation_links(client, settings):
    user = User.objects.create_user("old@example.org", "old@example.org", PASSWORD, is_active=False)
    token = make_token(user)
    settings.CCNT_CONFIRM_MAX_AGE = -1
    assert client.get(f"/accounts/confirm/{token}/").status_code == 400
    assert not User.objects.get(pk=user.pk).is_active


def test_it_does_not_tell_who_is_registered(client, django_capture_on_commit_callbacks):
    User.objects.create_user("known@example.org", "known@example.org", PASSWORD)
    unknown = register(client, django_capture_on_commit_callbacks, "new@example.org")
    known = register(client, django_capture_on_commit_callbacks, "KNOWN@example.org", "Another-strong-pass-99")
    assert known.status_code == unknown.status_code == 200
    strip = lambda r, e: re.sub(r'value="[^"]{64}"', "", r.content.decode().replace(e, ""))  # noqa: E731
    assert strip(known, "known@example.org") == strip(unknown, "new@example.org")
    # the owner of the known address is told by email (tests/test_accounts_password.py), not on the page
    assert [m.to for m in mail.outbox] == [["new@example.org"], ["known@example.org"]]
    assert "/accounts/confirm/" not in mail.outbox[1].body
    assert User.objects.get(username="known@example.org").check_password(PASSWORD)  # unchanged


def test_it_honours_only_the_latest_registration(client, django_capture_on_commit_callbacks):
    register(client, django_capture_on_commit_callbacks, "twice@example.org")
    register(client, django_capture_on_commit_callbacks, "twice@example.org", "Second-strong-pass-42")
    first, second = (confirmation_path(m) for m in mail.outbox)
    assert client.get(first).status_code == 400
    assert client.get(second).status_code == 302
    response = client.post("/accounts/login/", {"username": "twice@example.org", "password": "Second-strong-pass-42"})
    assert response.status_code == 302
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session
