"""Schemathesis over the whole API, in-process: no 500s, every answer documented and matching its
schema, and no operation that works without credentials.

Run it on PostgreSQL too (DATABASE_URL=postgres://…): only PostgreSQL rejects NUL characters and
out-of-range integers, which SQLite silently stores.

The default run is deterministic and bounded (~1 s per operation). For a deeper, random run:
`API_FUZZ_EXAMPLES=300 API_FUZZ_COVERAGE=1 pytest tests/test_api_fuzz.py` (the coverage phase adds
schemathesis' systematic boundary and negative cases; it roughly triples the time).
"""

import os
import re
from datetime import timedelta

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from django.utils import timezone
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
from outsourcer.budgets.ledger import spend_record
from outsourcer.budgets.models import SpendKind
from outsourcer.budgets.periods import today_for
from outsourcer.contracts.services import time_entry_approve
from outsourcer.hiring.models import Interview
from outsourcer.notifications.models import Notification
from outsourcer.testing.builders import TODAY, log_time, make_budget, make_contract
from outsourcer.testing.hiring import insert_bid, insert_job, insert_vetting
from outsourcer.testing.oversight import make_deliverable
from outsourcer.testing.references import insert_reference
from outsourcer.testing.work import make_task
from outsourcer.work.services import message_post, task_accept, task_send

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


@pytest.fixture
def real_rows(personas) -> dict[str, int]:
    """Real rows of every domain in Alice's organization, named by the path parameter that takes
    them (time and ledger entries share `entry_id`; `_aim_at_real_rows` picks by path), plus a
    notification and a second token so list answers carry real rows too."""
    budget = make_budget(personas, name="Fuzz budget", amount_cents=10**9)
    hourly = make_contract(personas, budget)
    fixed = make_contract(personas, budget, rate_model="fixed", title="Fuzz fixed")
    draft = make_contract(personas, budget, activate=False, title="Fuzz draft")
    submitted = log_time(hourly, minutes=45)
    approved = time_entry_approve(entry=log_time(hourly, minutes=30), actor=personas.alice)
    expense = spend_record(
        budget=budget, kind=SpendKind.EXPENSE, amount_cents=1_500, occurred_on=TODAY, actor=personas.alice
    )
    Notification.objects.create(user=personas.alice, organization=personas.org, kind="budget_alert", message="80 %")
    api_token_create(user=personas.alice, name="second", organization=personas.org)
    # A vetted bid on an open job, dated from today so an award can go through.
    today = today_for(personas.org)
    job = insert_job(
        personas,
        budget=budget,
        deadline_on=today + timedelta(days=30),
        created_by=personas.alice,
        bids_due_at=timezone.now() + timedelta(days=7),
    )
    insert_vetting(personas, personas.carol_engagement)
    bid = insert_bid(job, personas.carol_engagement, proposed_start_on=today, finishes_on=today + timedelta(days=20))
    reference = insert_reference(personas.carol_engagement, status="received")
    interview = Interview.objects.create(
        organization=personas.org,
        engagement=personas.carol_engagement,
        contractor=personas.carol_contractor,
        starts_at=timezone.now() - timedelta(hours=1),
        created_by=personas.alice,
    )
    interview.interviewers.set([personas.alice])
    return {
        "engagement_id": personas.carol_engagement.pk,
        "budget_id": budget.pk,
        "contract_id": hourly.pk,
        "draft_contract_id": draft.pk,
        "fixed_contract_id": fixed.pk,
        "milestone_id": fixed.milestones.first().pk,
        "time_entry_id": submitted.pk,
        "approved_time_entry_id": approved.pk,
        "spend_entry_id": expense.pk,
        "job_id": job.pk,
        "bid_id": bid.pk,
        "contractor_id": personas.carol_contractor.pk,
        "reference_id": reference.pk,
        "item": "registration",  # company-check items are names, not ids; the schema enumerates them
        "interview_id": interview.pk,
        "task_id": make_task(personas, hourly).pk,
        "thread_task_id": _thread_task(personas, hourly).pk,
        "deliverable_id": _accepted_deliverable(personas, hourly).pk,
    }


def _thread_task(personas, contract):
    # A sent task with a message each way: the thread's lists carry real rows.
    task = make_task(personas, contract, title="Fuzz thread")
    task = task_send(task=task, actor=personas.alice, override_reason="fuzz")
    message_post(task=task, actor=personas.alice, body="Which dishes?", from_contractor=False, urgent=True)
    message_post(task=task, actor=personas.carol, body="The cakes.", from_contractor=True)
    return task


def _accepted_deliverable(personas, contract):
    # Accepted work without feedback yet: the feedback operations have a row to act on.
    task = task_send(
        task=make_task(personas, contract, title="Fuzz hand-over"), actor=personas.alice, override_reason="fuzz"
    )
    task = task_accept(task=task, contractor=task.contractor)
    return make_deliverable(personas, task, review="accept")


def _real_value(name: str, path: str, rows: dict[str, int]) -> int | None:
    if name == "entry_id":
        return rows["spend_entry_id"] if "/ledger/" in path else rows["time_entry_id"]
    if name == "contract_id" and "{milestone_id}" in path:
        return rows["fixed_contract_id"]
    if name == "task_id" and "/messages" in path:
        return rows["thread_task_id"]
    if name == "contract_id" and path.endswith("/activate"):
        return rows["draft_contract_id"]
    return rows.get(name)


def _aim_at_real_rows(case, rows):
    # Random ids almost never exist, so half the cases use real rows: the service code behind a
    # 200 gets fuzzed too, not only the 404 path.
    for name, value in (case.path_parameters or {}).items():
        real = _real_value(name, case.path, rows)
        if real is not None and isinstance(value, int) and value % 2 == 0:
            case.path_parameters[name] = real


def test_every_path_parameter_has_real_rows(real_rows):
    names = {name for operation in schema.get_all_operations() for name in re.findall(r"{(\w+)}", operation.ok().path)}

    assert sorted(name for name in names if _real_value(name, "/x", real_rows) is None) == []


@pytest.mark.django_db
@schema.parametrize()
@FUZZ
def test_api_answers_every_generated_request_as_documented(case, real_rows, owner_token):
    _aim_at_real_rows(case, real_rows)
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
