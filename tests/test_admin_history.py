"""Every edit through the admin is recorded: who, when, old and new values — own columns,
many-to-many fields (issuers, sectors, topics) and inline targets."""

from __future__ import annotations

import pytest

from admin_forms import change_form_data
from ccnt.tracker.history import history_of
from ccnt.tracker.models import Authority, Policy, Sector, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator_client(client, make_user):
    user = make_user("curator1", role="curator")
    client.force_login(user)
    return client, user


def edit(client, policy: Policy, change) -> None:
    url = f"/admin/tracker/policy/{policy.pk}/change/"
    data = change_form_data(client.get(url))
    change(data)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response


def last_changes(policy: Policy) -> dict:
    record = history_of(policy).first()
    return record.changes, record


def test_it_records_a_column_edit_with_who_and_old_and_new(curator_client):
    client, user = curator_client
    policy = Policy.objects.get(title="江苏省碳达峰实施方案")
    edit(client, policy, lambda d: d.update(title_en="Jiangsu carbon peaking plan"))
    changes, record = last_changes(policy)
    assert changes["title_en"] == ["", "Jiangsu carbon peaking plan"]
    assert record.user == user
    policy.refresh_from_db()
    assert policy.field_sources["title_en"] == "curator"


def test_it_records_sectors_and_topics(curator_client):
    client, _ = curator_client
    policy = Policy.objects.get(title="江苏省碳达峰实施方案")
    old_sectors = sorted(policy.sectors.values_list("code", flat=True))
    sector = Sector.objects.exclude(code__in=old_sectors).first()
    topic = Topic.objects.first()

    def change(data):
        data["sectors"] = [str(s.pk) for s in policy.sectors.all()] + [str(sector.pk)]
        if topic:
            data["topics"] = [str(topic.pk)]

    edit(client, policy, change)
    changes, _ = last_changes(policy)
    assert changes["sectors"] == [old_sectors, sorted(old_sectors + [sector.code])]
    if topic:
        assert topic.code in changes["topics"][1]


def test_it_records_issuers(curator_client):
    client, _ = curator_client
    policy = Policy.objects.get(title="2030年前碳达峰行动方案")
    second = Authority.objects.get(name="国家发展和改革委员会")

    def change(data):
        prefix = "issuer_links"
        total = int(data[f"{prefix}-TOTAL_FORMS"])
        data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
        data[f"{prefix}-{total}-authority"] = str(second.pk)
        data[f"{prefix}-{total}-order"] = "1"

    edit(client, policy, change)
    changes, _ = last_changes(policy)
    assert changes["issuers"] == [["国务院"], ["国务院", "国家发展和改革委员会"]]


def test_it_records_an_inline_target_change(curator_client):
    client, _ = curator_client
    policy = Policy.objects.get(title="2030年前碳达峰行动方案")
    target = policy.current_targets().exclude(value_low=None).first()
    old_value = target.value_low

    def change(data):
        for key, value in list(data.items()):
            if key.endswith("-id") and value == str(target.pk):
                data[key.replace("-id", "-value_low")] = str(old_value + 1)

    edit(client, policy, change)
    changes, _ = last_changes(policy)
    old, new = changes[f"target #{target.pk}"]
    assert f"value_low={old_value}" in old
    assert f"value_low={old_value + 1}" in new
