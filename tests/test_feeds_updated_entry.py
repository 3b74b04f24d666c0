"""A newly published policy enters the feed; when its published text changes (a new version)
it appears again, marked as updated, with an entry id of its own."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET

import pytest

from ccnt.tracker.models import PolicyVersion

from ._api_helpers import api_client


@pytest.fixture
def api(db, settings):
    return api_client(settings)

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(api):
    feed = ET.fromstring(api.get("/feeds/policies/").content)
    return [(e.find(f"{ATOM}id").text, e.find(f"{ATOM}title").text) for e in feed.findall(f"{ATOM}entry")]


def test_it_lists_a_new_publication_then_an_update(api, draft_policy):
    assert not any(draft_policy.title in title for _, title in entries(api))
    draft_policy.review_state = "published"
    draft_policy.published_version = draft_policy.versions.get()
    draft_policy.save()
    first = entries(api)[0]
    assert first == (f"urn:ccnt:policy:{draft_policy.pk}", draft_policy.title)

    text = "到2025年，新型储能装机达到200万千瓦。"
    version = PolicyVersion.objects.create(policy=draft_policy, number=2, text=text,
                                           text_hash=hashlib.sha256(text.encode()).hexdigest())
    draft_policy.published_version = version
    draft_policy.save()
    latest = entries(api)
    assert latest[0][0] == f"urn:ccnt:policy:{draft_policy.pk}:v2"
    assert latest[0][1].startswith("【更新") and draft_policy.title in latest[0][1]
    assert latest[1] == first  # the first entry stays


def test_it_drops_a_withdrawn_policy(api, draft_policy):
    draft_policy.review_state = "published"
    draft_policy.save()
    assert any(draft_policy.title == title for _, title in entries(api))
    draft_policy.review_state = "needs_review"
    draft_policy.save()
    assert not any(draft_policy.title in title for _, title in entries(api))
