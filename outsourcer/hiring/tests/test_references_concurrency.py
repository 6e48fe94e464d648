"""Two workers reminding at once, and two answers sent at once, on PostgreSQL (SQLite serialises
writers, so these prove nothing there)."""

import os
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, connections

from outsourcer.audit.models import Event
from outsourcer.hiring.models import ReferenceCheck
from outsourcer.hiring.services import reference_answer, reference_remind
from outsourcer.lib.errors import DomainError
from outsourcer.testing.references import insert_reference

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]

ANSWERS = {"worked_together_months": 6, "reliability": 4, "quality": 4, "communication": 5, "would_hire_again": True}


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        if os.environ.get("OUTSOURCER_REQUIRE_POSTGRES") == "1":
            pytest.fail("OUTSOURCER_REQUIRE_POSTGRES=1 but the test database is not PostgreSQL")
        pytest.skip("Concurrency needs PostgreSQL: SQLite serialises writers")


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


def test_two_workers_remind_each_referee_once(personas):
    references = [insert_reference(personas.carol_engagement, referee_email=f"r{n}@referee.example") for n in range(12)]
    later = max(r.requested_at for r in references) + timedelta(days=3)

    results = _together(lambda: reference_remind(now=later), lambda: reference_remind(now=later))

    assert sum(results) == 12, results
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.referee_email for r in references)
    assert Event.objects.filter(action="reference_reminded").count() == 12
    assert not ReferenceCheck.objects.filter(reminded_at__isnull=True).exists()


def test_two_answers_at_once_record_one(personas):
    reference = insert_reference(personas.carol_engagement)
    nonce = reference.token_nonce

    results = _together(
        lambda: reference_answer(reference=reference, nonce=nonce, **{**ANSWERS, "reliability": 1}),
        lambda: reference_answer(reference=reference, nonce=nonce, **{**ANSWERS, "reliability": 5}),
    )

    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], DomainError), results
    assert Event.objects.filter(action="reference_received").count() == 1
