"""Who sees and changes what: anonymous, a reader (registered, not staff), read-only, curator and
admin against the public pages, every admin page, admin actions, the API, feeds, exports and
downloads, and the reader's own account pages."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User

from ccnt.tracker.models import Policy

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reader", "read-only", "curator", "admin"]
PUBLIC = [
    "/", "/?format=json", "/policies/", "/policies/?q=储能&format=json", "/regions/320000/", "/targets/", "/matrix/",
    "/reports/", "/policies/export.csv", "/policies/export.xlsx", "/policies/feed/?q=储能", "/feeds/policies/",
    "/sitemap.xml", "/downloads/", "/downloads/sources/", "/api/v1/", "/api/v1/policies/", "/api/v1/targets/",
    "/api/v1/jurisdictions/", "/api/v1/indicators/", "/api/v1/documents/", "/api/schema/", "/actors/",
]
# models a role may open in the admin (changelist); everything else registered answers 403
# (the curated models: the tracker app's, and those that moved to their stage's app)
CURATED = {"tracker", "ingest", "actors", "reports.report"}
EXPECTED_ADMIN = {
    "read-only": CURATED,
    "curator": CURATED | {"api.apitoken"},
    "admin": {"*"},
}


@pytest.fixture
def users(make_user):
    reader = User.objects.create_user("reader@example.com", email="reader@example.com", password="a-long-test-password-1")
    return {
        "anonymous": None,
        "reader": reader,
        "read-only": make_user("ro", role="read-only"),
        "curator": make_user("cur", role="curator"),
        "admin": make_user("adm", role="admin"),
    }


def as_role(client, users, role):
    client.logout()
    if users[role] is not None:
        client.force_login(users[role])
    return client


@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_the_public_site(client, users, settings, role):
    settings.CCNT_API_ANON_RATE = "100000/min"
    as_role(client, users, role)
    for url in PUBLIC:
        response = client.get(url)
        assert response.status_code == 200, (role, url, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_the_api_is_read_only_for_everyone(client, users, role):
    as_role(client, users, role)
    policy = Policy.objects.public().first()
    for method in ("post", "put", "patch", "delete"):
        for url in ("/api/v1/policies/", f"/api/v1/policies/{policy.pk}/"):
            response = getattr(client, method)(url, data="{}", content_type="application/json")
            assert response.status_code in (403, 405), (role, method, url, response.status_code)
    assert Policy.objects.filter(pk=policy.pk).exists()


def allowed_in_admin(role: str, model) -> bool:
    wanted = EXPECTED_ADMIN.get(role, set())
    label = f"{model._meta.app_label}.{model._meta.model_name}"
    return "*" in wanted or model._meta.app_label in wanted or label in wanted


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_page_answers_by_role(client, users, role):
    as_role(client, users, role)
    index = client.get("/admin/")
    if role in ("anonymous", "reader"):
        assert index.status_code == 302 and "/admin/login/" in index["Location"]
    else:
        assert index.status_code == 200
    for model in admin.site._registry:
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        response = client.get(url)
        if role in ("anonymous", "reader"):
            assert response.status_code == 302 and "/admin/login/" in response["Location"], (role, url)
        elif allowed_in_admin(role, model):
            assert response.status_code == 200, (role, url, response.status_code)
        else:
            assert response.status_code == 403, (role, url, response.status_code)


def test_changes_in_the_admin_follow_the_role(client, users, draft_policy):
    change = f"/admin/tracker/policy/{draft_policy.pk}/change/"
    delete = f"/admin/tracker/policy/{draft_policy.pk}/delete/"
    expected = {  # role: (add page, change POST allowed, delete page, add user page)
        "read-only": (403, False, 403, 403),
        "curator": (200, True, 403, 403),
        "admin": (200, True, 200, 200),
    }
    for role, (add_status, can_change, delete_status, user_status) in expected.items():
        as_role(client, users, role)
        assert client.get("/admin/tracker/policy/add/").status_code == add_status, role
        assert client.get(delete).status_code == delete_status, role
        assert client.get("/admin/auth/user/add/").status_code == user_status, role
        page = client.get(change).content.decode()
        assert ('name="_save"' in page) is can_change, role


def test_publish_and_reject_actions_by_role(client, users, draft_policy):
    for role, allowed in [("reader", False), ("read-only", False), ("curator", True)]:
        Policy.objects.filter(pk=draft_policy.pk).update(review_state="needs_review")
        as_role(client, users, role)
        client.post("/admin/tracker/policyforreview/", {"action": "publish", "_selected_action": [draft_policy.pk]})
        draft_policy.refresh_from_db()
        assert (draft_policy.review_state == "published") is allowed, role
    as_role(client, users, "curator")
    client.post("/admin/tracker/policy/", {"action": "reject", "_selected_action": [draft_policy.pk]})
    draft_policy.refresh_from_db()
    assert draft_policy.review_state == "rejected"


def test_a_curator_hands_out_api_tokens_and_an_admin_unlocks_logins(client, users):
    as_role(client, users, "curator")
    assert client.get("/admin/api/apitoken/add/").status_code == 200
    assert client.get("/admin/axes/accessattempt/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403
    as_role(client, users, "admin")
    assert client.get("/admin/axes/accessattempt/").status_code == 200
    assert Group.objects.get(name="admin").permissions.filter(codename="delete_accessattempt").exists()


# --- a reader's own data -------------------------------------------------------------------------

def test_account_pages_need_a_login(client):
    for url in ("/accounts/", "/accounts/data.json", "/accounts/delete/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def _saved_search(user, q):
    from ccnt.alerts.models import SavedSearch

    return SavedSearch.objects.create(user=user, name=q, querystring=f"q={q}")


def test_a_reader_downloads_only_their_own_data(client, users):
    reader, other = users["reader"], User.objects.create_user("other@example.com", email="other@example.com",
                                                              password="a-long-test-password-1")
    _saved_search(reader, "储能")
    theirs = _saved_search(other, "氢能")
    client.force_login(reader)
    data = client.get("/accounts/data.json")
    assert data.status_code == 200 and data["Cache-Control"] == "private, no-store"
    body = data.json()
    assert body["email"] == "reader@example.com"
    assert [s["query"] for s in body["saved_searches"]] == ["q=储能"]
    # someone else's saved search cannot be changed or deleted
    response = client.post(f"/alerts/{theirs.pk}/", {"action": "delete"})
    assert response.status_code == 404
    assert type(theirs).objects.filter(pk=theirs.pk).exists()


def test_a_reader_deletes_their_account_and_searches(client, users):
    from ccnt.alerts.models import SavedSearch

    reader = users["reader"]
    _saved_search(reader, "储能")
    client.force_login(reader)
    wrong = client.post("/accounts/delete/", {"password": "not-the-password"})
    assert wrong.status_code == 200 and User.objects.filter(pk=reader.pk).exists()
    done = client.post("/accounts/delete/", {"password": "a-long-test-password-1"})
    assert done.status_code == 200
    assert not User.objects.filter(pk=reader.pk).exists()
    assert not SavedSearch.objects.filter(user_id=reader.pk).exists()
    assert client.get("/accounts/").status_code == 302  # logged out


def test_staff_cannot_delete_themselves_from_the_reader_page(client, users):
    client.force_login(users["curator"])
    assert client.post("/accounts/delete/", {"password": "a-long-test-password-1"}).status_code == 403
    assert User.objects.filter(pk=users["curator"].pk).exists()


def test_passwords_must_be_strong(client):
    for weak in ("short1", "password123", "1234567890123", "reader@example.com1"):
        response = client.post("/accounts/register/", {"email": "reader@example.com", "password1": weak,
                                                       "password2": weak})
        assert response.status_code == 200 and "register_done" not in str(response.templates), weak
        assert not User.objects.filter(username="reader@example.com").exists(), weak
