"""A policy page lists exactly the policy's public originals (``public_originals``' one rule),
asked about the policy's own documents only: the same list as the rule's whole answer filtered by
the policy, an attachment of a shown file and a forwarding notice included, a file of an
unreviewed version left out, in a bounded number of queries that never read an original's text."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from ccnt.tracker.models import Document, Policy, PolicyVersion
from ccnt.tracker.originals import public_originals
from ccnt.tracker.views import archived_documents

pytestmark = pytest.mark.django_db


def whole_rule(policy: Policy) -> list[int]:
    """The rule's whole answer filtered by the policy (what the page asked before)."""
    docs = public_originals().filter(Q(policy=policy) | Q(policyversion__policy=policy)).exclude(archive_path="")
    shown = policy.published_version.document_id if policy.published_version else None
    return sorted({d.pk for d in docs}, key=lambda pk: (pk != shown, pk))


@pytest.fixture
def originals():
    """A plan with a shown file, an attachment of it, a forwarding notice, and an unreviewed
    revision's file."""
    policy = Policy.objects.public().get(title="天津市碳达峰实施方案")

    def doc(name: str, **fields) -> Document:
        return Document.objects.create(sha256=name * 64, archive_path=f"{name}.pdf", media_type="application/pdf",
                                       size=10, policy=policy, text="正文" * 100, **fields)

    shown = PolicyVersion.objects.filter(policy=policy, document__isnull=False).first()
    if shown is None:
        shown = PolicyVersion.objects.create(policy=policy, number=policy.versions.count() + 1,
                                             document=doc("a", role="main"), text="全文。")
        policy.published_version = shown
        policy.save(update_fields=["published_version"])
    attachment = doc("b", role="attachment", parent=shown.document)
    forward = doc("c", role="forward")
    unreviewed = doc("d", role="main")
    PolicyVersion.objects.create(policy=policy, number=policy.versions.count() + 1, document=unreviewed, text="修订稿。")
    return policy, shown.document, attachment, forward, unreviewed


def test_it_lists_what_the_whole_rule_lists_for_the_policy(originals):
    policy, shown, attachment, forward, unreviewed = originals
    listed = [d.pk for d in archived_documents(policy)]
    assert listed == whole_rule(policy)
    assert {shown.pk, attachment.pk, forward.pk} <= set(listed) and unreviewed.pk not in listed
    assert listed[0] == shown.pk


def test_it_agrees_with_the_whole_rule_on_every_public_policy():
    policies = list(Policy.objects.public().select_related("published_version")[:400])
    assert any(whole_rule(p) for p in policies), "the demo should have archived originals"
    for policy in policies:
        assert [d.pk for d in archived_documents(policy)] == whole_rule(policy), policy.pk


def test_it_asks_a_bounded_number_of_queries_without_reading_text(originals):
    policy = originals[0]
    with CaptureQueriesContext(connection) as queries:
        archived_documents(policy)
    assert len(queries) <= 4
    reads_text = [q["sql"] for q in queries if '"tracker_document"."text"' in q["sql"]]
    assert not reads_text
