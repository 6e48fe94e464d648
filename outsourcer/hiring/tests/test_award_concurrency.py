"""Two awards of one job at once, on PostgreSQL (SQLite serialises writers and ignores SELECT … FOR
UPDATE, so it proves nothing there)."""

import os
import threading
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection, connections

from outsourcer.budgets.periods import today_for
from outsourcer.contracts.models import Contract
from outsourcer.hiring.models import Bid, Job
from outsourcer.hiring.services import award as award_module
from outsourcer.hiring.services import bid_award
from outsourcer.hiring.services.award import AlreadyAwarded
from outsourcer.testing.builders import make_budget
from outsourcer.testing.hiring import insert_bid, insert_job, insert_vetting, second_bidder

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


def _two_bids(personas):
    # Dates from the organization's today on the test clock: the threads' activation reads it too.
    today = today_for(personas.org)
    job = insert_job(
        personas,
        budget=make_budget(personas, name="Race budget", amount_cents=10**9),
        deadline_on=today + timedelta(days=30),
    )
    erin = second_bidder(personas)
    for engagement in (personas.carol_engagement, erin):
        insert_vetting(personas, engagement)
    dates = {"proposed_start_on": today + timedelta(days=3), "finishes_on": today + timedelta(days=25)}
    return job, insert_bid(job, personas.carol_engagement, **dates), insert_bid(job, erin, **dates)


def test_two_awards_of_one_job_at_once_make_one_winner(personas):
    job, carols, erins = _two_bids(personas)
    real = award_module.vetting_result

    def slow(**kwargs):
        # Widen the race: without the job row lock both awards would have read the job as open.
        result = real(**kwargs)
        time.sleep(0.3)
        return result

    with mock.patch.object(award_module, "vetting_result", slow):
        results = _together(
            lambda: bid_award(bid=carols, actor=personas.alice, mode="keep_alternates"),
            lambda: bid_award(bid=erins, actor=personas.bob, mode="keep_alternates"),
        )

    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], AlreadyAwarded), results
    assert errors[0].status_code == 409
    assert Contract.objects.count() == 1
    winner = Bid.objects.get(job=job, status="awarded")
    assert Job.objects.get(pk=job.pk).contract.contractor_id == winner.contractor_id
    assert Bid.objects.get(job=job, status="alternate").pk != winner.pk
