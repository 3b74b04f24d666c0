"""The search's second gate (index rows of policies that are not public are excluded) reads the
partial index of non-public policies, not the policy table: its cost follows the number of drafts,
not of policies."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import QueryDict

from ccnt.search.query import _filtered, parse_filters

pytestmark = pytest.mark.django_db


def test_it_finds_the_policies_that_are_not_public_through_the_partial_index(draft_policy):
    rows = _filtered(parse_filters(QueryDict("q=储能&level=province")))
    sql, params = rows.values("policy_id").query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny test table: ask what it *can* use
        cursor.execute(f"EXPLAIN {sql}" if connection.vendor == "postgresql" else f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(part) for row in cursor.fetchall() for part in row)
    assert "search_policy_not_public" in plan
    assert draft_policy.pk not in set(rows.values_list("policy_id", flat=True))


@pytest.mark.parametrize("state", ["draft", "needs_review", "published", "rejected"])
def test_it_words_the_gate_as_the_exact_complement_of_public(draft_policy, state):
    """``NOT_PUBLIC_SQL`` restates ``Policy.objects.public()`` in SQL (for the index hint); the two
    must never disagree, whatever the review state."""
    from ccnt.search.query import NOT_PUBLIC_SQL
    from ccnt.tracker.models import Policy

    Policy.objects.filter(pk=draft_policy.pk).update(review_state=state)
    with connection.cursor() as cursor:
        cursor.execute(NOT_PUBLIC_SQL)
        not_public = {row[0] for row in cursor.fetchall()}
    assert (draft_policy.pk in not_public) != Policy.objects.public().filter(pk=draft_policy.pk).exists()
    assert not not_public & set(Policy.objects.public().values_list("pk", flat=True))
