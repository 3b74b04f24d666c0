"""Schemathesis against the project's own schema, in-process on the WSGI app: generated requests
to every operation never get a 5xx, and every answer matches the schema (status, content type,
body). Bounded examples per operation keep it fast."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = 25
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def wsgi_schema(db, settings):
    """The real WSGI app; like Django's test client, it keeps the test's database connection
    (a raw WSGI call would close it at the end of each request, and the test's transaction with it)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from ccnt.wsgi import application

    settings.CCNT_API_ANON_RATE = "1000000/min"
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_it_never_fails_and_always_matches_its_own_schema(wsgi_schema):
    operations = [result.ok() for result in wsgi_schema.get_all_operations()]
    assert len(operations) >= 11
    failures = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            response = case.call()
            case.validate_response(response, checks=CHECKS)

        try:
            run()
        except Exception as error:  # collect every operation's failure, then report them all
            failures.append(f"{operation.method.upper()} {operation.path}: {str(error)[:1500]}")
    assert not failures, "\n\n".join(failures)
