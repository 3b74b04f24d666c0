"""A reader resets a forgotten password by email and changes a known one, end to end with the
test client and the mail outbox; the reset form never tells whether an address has an account,
is limited per address and per client (429), the change form's current password is throttled
like a login, and registering an address that already has an account emails its owner the way
back in while the page answers as for a new address."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail

pytestmark = pytest.mark.django_db
PASSWORD = "Carbon-neutral-2060!"
NEW = "Peak-before-2030-ok"


@pytest.fixture
def reader(db):
    return User.objects.create_user("reader@example.org", "reader@example.org", PASSWORD)


def link_path(message, pattern=r"/accounts/password/reset/\S+/\S+/") -> str:
    return re.search(r"https?://[^/\s]+(" + pattern + ")", message.body).group(1)


def ask_reset(client, capture, email):
    with capture(execute=True):
        return client.post("/accounts/password/reset/", {"email": email})


def test_it_resets_a_forgotten_password_by_email_once(client, reader, django_capture_on_commit_callbacks):
    login = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/password/reset/"' in login
    response = ask_reset(client, django_capture_on_commit_callbacks, "Reader@Example.org ")
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/sent/"
    assert client.get(response["Location"]).status_code == 200
    assert [m.to for m in mail.outbox] == [["reader@example.org"]]
    assert "重置密码" in mail.outbox[0].subject and "Reset" in mail.outbox[0].subject
    path = link_path(mail.outbox[0])

    form = client.get(path, follow=True)  # Django moves the token into the session
    assert form.status_code == 200 and 'id="password-reset-confirm-form"' in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    weak = client.post(set_url, {"new_password1": "1234567890", "new_password2": "1234567890"})
    assert weak.status_code == 200 and 'class="error"' in weak.content.decode()
    done = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == "/accounts/password/reset/complete/"
    assert User.objects.get(pk=reader.pk).check_password(NEW)

    client.cookies.clear()
    again = client.get(path, follow=True)  # the link worked once
    assert 'id="password-reset-invalid"' in again.content.decode()
    ok = client.post("/accounts/login/", {"username": "reader@example.org", "password": NEW})
    assert ok.status_code == 302


def test_it_answers_the_same_for_unknown_addresses_and_staff(client, reader, make_user,
                                                                django_capture_on_commit_callbacks):
    staff = make_user("curator-pw", role="curator")
    staff.email = "curator@example.org"
    staff.save()
    known = ask_reset(client, django_capture_on_commit_callbacks, "reader@example.org")
    unknown = ask_reset(client, django_capture_on_commit_callbacks, "nobody@example.org")
    curator = ask_reset(client, django_capture_on_commit_callbacks, "curator@example.org")
    assert known.status_code == unknown.status_code == curator.status_code == 302
    assert known["Location"] == unknown["Location"] == curator["Location"]
    assert [m.to for m in mail.outbox] == [["reader@example.org"]]  # staff are not reset by email


def test_it_limits_reset_requests_per_address_and_per_client(client, reader, settings,
                                                              django_capture_on_commit_callbacks):
    settings.CCNT_PASSWORD_RESET_PER_EMAIL = 2
    settings.CCNT_PASSWORD_RESET_PER_CLIENT = 5  # the refused request counts too
    for _ in range(2):
        assert ask_reset(client, django_capture_on_commit_callbacks, "reader@example.org").status_code == 302
    limited = ask_reset(client, django_capture_on_commit_callbacks, "READER@example.org")
    assert limited.status_code == 429 and "请求过多" in limited.content.decode() and limited["Retry-After"]
    assert len(mail.outbox) == 2
    # unknown addresses count the same (the limit tells nobody who is registered)
    assert ask_reset(client, django_capture_on_commit_callbacks, "other@example.org").status_code == 302
    assert ask_reset(client, django_capture_on_commit_callbacks, "other2@example.org").status_code == 302
    assert ask_reset(client, django_capture_on_commit_callbacks, "other3@example.org").status_code == 429  # client
    assert len(mail.outbox) == 2


def test_it_changes_a_password_and_ends_other_sessions(client, reader):
    other = client.__class__()
    other.force_login(reader)
    client.force_login(reader)
    assert 'href="/accounts/password/change/"' in client.get("/accounts/").content.decode()
    wrong = client.post("/accounts/password/change/", {"old_password": "not-it", "new_password1": NEW,
                                                       "new_password2": NEW})
    assert wrong.status_code == 200 and "当前密码不正确" in wrong.content.decode()
    done = client.post("/accounts/password/change/", {"old_password": PASSWORD, "new_password1": NEW,
                                                      "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == "/accounts/password/change/done/"
    assert client.get("/accounts/password/change/done/").status_code == 200
    assert User.objects.get(pk=reader.pk).check_password(NEW)
    assert client.get("/accounts/").status_code == 200  # this session stays
    assert other.get("/accounts/").status_code == 302  # the other one ended


def test_it_asks_for_a_login_before_a_change(client):
    response = client.get("/accounts/password/change/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_it_throttles_guesses_of_the_current_password_like_a_login(client, reader, settings):
    client.force_login(reader)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/accounts/password/change/", {"old_password": "guess", "new_password1": NEW,
                                                              "new_password2": NEW})
        assert response.status_code == 200
    locked = client.post("/accounts/password/change/", {"old_password": "guess", "new_password1": NEW,
                                                        "new_password2": NEW})
    assert locked.status_code == 429
    right = client.post("/accounts/password/change/", {"old_password": PASSWORD, "new_password1": NEW,
                                                       "new_password2": NEW})
    assert right.status_code in (200, 429) and not User.objects.get(pk=reader.pk).check_password(NEW)


def test_a_reset_lifts_a_login_lock_out(client, reader, settings, django_capture_on_commit_callbacks):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "reader@example.org", "password": "wrong"})
    assert client.post("/accounts/login/", {"username": "reader@example.org", "password": PASSWORD}).status_code == 429
    ask_reset(client, django_capture_on_commit_callbacks, "reader@example.org")
    form = client.get(link_path(mail.outbox[0]), follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert client.post("/accounts/login/", {"username": "reader@example.org", "password": NEW}).status_code == 302


def test_registering_a_known_address_emails_its_owner_and_answers_as_for_a_new_one(
        client, reader, django_capture_on_commit_callbacks):
    def register(email):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/accounts/register/", {"email": email, "password1": "Another-strong-pass-99",
                                                       "password2": "Another-strong-pass-99"})

    known, unknown = register("READER@example.org"), register("fresh@example.org")
    strip = lambda r, e: re.sub(r'value="[^"]{64}"', "", r.content.decode().replace(e, ""))  # noqa: E731
    assert known.status_code == unknown.status_code == 200
    assert strip(known, "reader@example.org") == strip(unknown, "fresh@example.org")
    exists, confirm = mail.outbox
    assert exists.to == ["reader@example.org"] and "已有账户" in exists.subject
    assert "/accounts/password/reset/" in exists.body and "/confirm/" not in exists.body
    assert confirm.to == ["fresh@example.org"] and "/accounts/confirm/" in confirm.body
    assert User.objects.get(pk=reader.pk).check_password(PASSWORD)  # unchanged
