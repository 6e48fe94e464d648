"""Concurrent approvals and fee postings on PostgreSQL (SQLite serialises writers, and
select_for_update is a no-op there, so these prove nothing on it)."""

import os
import threading
import time
from unittest import mock

import pytest
from django.db import connection, connections

from outsourcer.budgets import ledger as budget_ledger
from outsourcer.budgets.models import SpendEntry
from outsourcer.contracts.jobs import retainer_fees_post
from outsourcer.contracts.models import TimeEntry
from outsourcer.contracts.services import time_entry_approve
from outsourcer.lib.errors import OverrideRequired
from outsourcer.testing.builders import TODAY, log_time, make_budget, make_contract

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        if os.environ.get("OUTSOURCER_REQUIRE_POSTGRES") == "1":
            pytest.fail("OUTSOURCER_REQUIRE_POSTGRES=1 but the test database is not PostgreSQL")
        pytest.skip("Concurrency needs PostgreSQL: SQLite serialises writers and ignores SELECT … FOR UPDATE")


def _together(*jobs):
    """Run each job in its own thread (own database connection), released at the same moment."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # collected and asserted by the test
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def _slow_spent(**kwargs):
    # Widen the race: read the period's spend, then dawdle before posting. Without the budget
    # row lock both approvals would read the same total and both pass the 100 % check.
    total = budget_ledger.budget_period_spent(**kwargs)
    time.sleep(0.3)
    return total


def test_two_simultaneous_approvals_cannot_both_pass_the_limit(personas):
    budget = make_budget(personas, amount_cents=10_000)  # 100 €
    contract = make_contract(personas, budget, weekly_cap_minutes=6000)
    first, second = log_time(contract, minutes=60), log_time(contract, minutes=60)  # 60 € each

    with mock.patch("outsourcer.contracts.services.time_review.budget_period_spent", _slow_spent):
        results = _together(
            lambda: time_entry_approve(entry=first, actor=personas.bob),
            lambda: time_entry_approve(entry=second, actor=personas.bob),
        )

    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], OverrideRequired), results
    assert errors[0].details["spent_cents"] == 6_000
    assert TimeEntry.objects.filter(status="approved").count() == 1
    assert SpendEntry.objects.filter(budget=budget).count() == 1


def test_the_same_entry_approved_twice_at_once_posts_once(personas):
    budget = make_budget(personas, amount_cents=10**9)
    entry = log_time(make_contract(personas, budget))

    results = _together(*[lambda: time_entry_approve(entry=entry, actor=personas.bob)] * 2)

    assert sum(isinstance(r, Exception) for r in results) == 1
    assert SpendEntry.objects.filter(time_entry=entry).count() == 1


def test_two_workers_posting_retainer_fees_at_once_post_one(personas):
    budget = make_budget(personas, amount_cents=10**9)
    make_contract(personas, budget, rate_model="retainer")

    results = _together(lambda: retainer_fees_post(today=TODAY), lambda: retainer_fees_post(today=TODAY))

    assert sorted(results) == [0, 1], results
    assert SpendEntry.objects.filter(kind="retainer_fee").count() == 1
