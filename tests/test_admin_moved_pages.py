"""The admin pages of the models that left the tracker app (``Source`` → ingest, ``Actor`` and
``Commitment`` → actors, ``Report`` → reports) are under their new app, and an old
``/admin/tracker/…`` link to one of them still lands on it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("old, new", [
    ("/admin/tracker/actor/", "/admin/actors/actor/"),
    ("/admin/tracker/commitmentforreview/?review_state=draft", "/admin/actors/commitmentforreview/?review_state=draft"),
    ("/admin/tracker/report/7/change/", "/admin/reports/report/7/change/"),
    ("/admin/tracker/source/add/", "/admin/ingest/source/add/"),
])
def test_it_redirects_an_old_admin_link_of_a_moved_model_to_its_new_app(client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_it_leaves_the_tracker_models_admin_links_alone(client, make_user):
    client.force_login(make_user("curator-moved", role="curator"))
    assert client.get("/admin/tracker/policy/").status_code == 200


def test_a_curator_reaches_the_moved_models_admin_pages(client, make_user):
    client.force_login(make_user("curator-moved2", role="curator"))
    for url in ("/admin/actors/actor/", "/admin/actors/commitment/", "/admin/actors/commitmentforreview/",
                "/admin/reports/report/", "/admin/ingest/source/"):
        assert client.get(url).status_code == 200, url
