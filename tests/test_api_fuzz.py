"""Schemathesis over the whole API, in-process: no 500s, every answer documented and matching its
schema, and no operation that works without credentials.

Run it on PostgreSQL too (DATABASE_URL=postgres://…): only PostgreSQL rejects NUL characters and
out-of-range integers, which SQLite silently stores.

The default run is deterministic and bounded (~1 s per operation). For a deeper, random run:
`API_FUZZ_EXAMPLES=300 API_FUZZ_COVERAGE=1 pytest tests/test_api_fuzz.py` (the coverage phase adds
schemathesis' systematic boundary and negative cases; it roughly triples the time).
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from outsourcer.accounts.services import api_token_create

DEEP = "API_FUZZ_EXAMPLES" in os.environ
CONFIG = schemathesis.Config.from_dict(
    {"phases": {"coverage": {"enabled": os.environ.get("API_FUZZ_COVERAGE") == "1", "unexpected-methods": []}}}
)

with override_settings(ALLOWED_HOSTS=["*"]):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    ignored_auth,
]
FUZZ = settings(
    max_examples=int(os.environ.get("API_FUZZ_EXAMPLES", "30")),
    deadline=None,
    derandomize=not DEEP,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # Schemathesis calls the WSGI app directly, and Django would close the connection that holds
    # the test's transaction after each request; django.test.Client disconnects this the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def owner_token(personas):
    _, raw = api_token_create(user=personas.alice, name="fuzz", organization=personas.org)
    return raw


# Path parameter → a real row of Alice's organization. Random ids almost never exist, so half the
# cases use these: the service code behind a 200 gets fuzzed too, not only the 404 path.
REAL_ROWS = {
    "engagement_id": lambda p: p.carol_engagement.pk,
}


def _aim_at_real_rows(case, personas):
    for name, value in (case.path_parameters or {}).items():
        if name in REAL_ROWS and isinstance(value, int) and value % 2 == 0:
            case.path_parameters[name] = REAL_ROWS[name](personas)


@pytest.mark.django_db
@schema.parametrize()
@FUZZ
def test_api_answers_every_generated_request_as_documented(case, personas, owner_token):
    _aim_at_real_rows(case, personas)
    with override_settings(ALLOWED_HOSTS=["*"]):
        case.call_and_validate(headers={"Authorization": f"Bearer {owner_token}"}, checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@settings(FUZZ, max_examples=5, phases=[Phase.generate])
def test_api_answers_401_to_every_request_without_credentials(case, personas):
    with override_settings(ALLOWED_HOSTS=["*"]):
        response = case.call()

    assert response.status_code == 401, f"{case.method} {case.formatted_path} answered {response.status_code}"
    case.validate_response(response, checks=[status_code_conformance, response_schema_conformance])
