"""API v1 against its own OpenAPI description (drf-spectacular): the schema validates, and
schemathesis, run against the WSGI application with a bounded number of generated requests per
operation, finds no server error, no undocumented status and no answer that breaks the schema.

Bounded: XDD_SCHEMATHESIS_EXAMPLES requests per operation (default 8), so the whole run stays
within a couple of minutes on either database."""

import os

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from xaydungdang.accounts import tokens
from xaydungdang.web.tests.conftest import people, users  # noqa: F401  (fixtures)
from xaydungdang.wsgi import application

EXAMPLES = int(os.environ.get("XDD_SCHEMATHESIS_EXAMPLES", 8))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def token(users, people, settings):
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {"DEFAULT_THROTTLE_RATES": {"api": "100000/min"}}
    cache.clear()
    _, raw = tokens.create_token(users["staff_u1"], "schemathesis")
    return raw


@pytest.fixture
def v1_schema(token):
    """The schema, loaded through the WSGI application. Like Django's test client, the requests keep
    the test's database connection open (a real request closes it when it ends: on PostgreSQL that
    would end the test's transaction)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(
            "/api/v1/schema/?format=json", application, headers={"Authorization": f"Bearer {token}"}
        )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_schema_is_served_and_valid(client, token):
    from drf_spectacular.validation import validate_schema

    response = client.get("/api/v1/schema/?format=json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)  # OpenAPI 3 (jsonschema of the specification)
    assert "/api/v1/members/" in schema["paths"] and "/api/v1/indicators/" in schema["paths"]
    assert not any(path.startswith("/api/members") for path in schema["paths"])  # v1 only
    assert schema["components"]["securitySchemes"]["token"]["scheme"] == "bearer"


@pytest.mark.slow
def test_api_conforms_to_its_schema(v1_schema, token):
    """Every operation, EXAMPLES generated requests each (positive and negative data), as the
    staff user of a district (so scope refusals are exercised too)."""
    headers = {"Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in v1_schema.get_all_operations()]
    assert len(operations) > 40
    failures = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
        def run(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            run()
        except (Exception, BaseExceptionGroup) as exc:  # collect all operations' failures, then report them together
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:1500]}")
    assert not failures, "\n\n".join(failures)
