"""Pages that list policies (home, a region, a policy's neighbours) never read the listed
policies' full texts or extraction records: they show neither. The policy list and a search read
the texts, for their snippets, but not the records; the policy's own page reads its text, in the
same query as before."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

TEXT = '"tracker_policyversion"."text"'
EXTRACTED = '"tracker_policyversion"."extracted"'


def read_columns(client, url: str) -> set[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    selected = " ".join(q["sql"].split(" FROM ")[0] for q in queries)  # read into Python, not filtered on
    return {column for column in (TEXT, EXTRACTED) if column in selected}


@pytest.mark.parametrize("url", ["/", "/regions/100000/", "/regions/320000/", "/regions/320100/"])
def test_it_lists_policies_without_reading_their_texts(client, url):
    assert read_columns(client, url) == set()


@pytest.mark.parametrize("url", ["/policies/", "/policies/?q=碳达峰"])
def test_the_policy_list_reads_the_texts_for_its_snippets_only(client, url):
    assert read_columns(client, url) == {TEXT}


def test_the_policy_page_reads_its_own_text_but_not_its_neighbours(client):
    from ccnt.tracker.models import Policy

    policy = Policy.objects.public().exclude(published_version=None).exclude(published_version__text="").filter(
        jurisdiction__isnull=False).order_by("pk").first()
    with CaptureQueriesContext(connection) as queries:
        html = client.get(f"/policies/{policy.pk}/").content.decode()
    reading = [q["sql"] for q in queries if TEXT in q["sql"].split(" FROM ")[0]]
    assert len(reading) == 1 and f"= {policy.pk}" in reading[0].split("WHERE")[-1]
    assert policy.published_version.text.strip().splitlines()[0][:10] in html
