"""Two workers running the reminder job at once, on PostgreSQL (SQLite serialises writers, so this
proves nothing there): every reminder is planned once and sent once."""

import os
import threading
from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection, connections

from outsourcer.audit.models import Event
from outsourcer.testing.builders import NOW
from outsourcer.work.models import Reminder
from outsourcer.work.services.reminders import reminders_plan, reminders_send
from outsourcer.work.tests.test_checkins import in_progress

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]

ALERT_AT = datetime(2025, 3, 19, 16, 30, tzinfo=UTC)  # 47.5 h before the builders' deadline, in Carol's hours


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
        thread.join(timeout=60)
    return results


def _job():
    reminders_plan(now=ALERT_AT)
    return reminders_send(now=ALERT_AT)


def test_two_workers_send_each_reminder_once(personas):
    with time_machine.travel(NOW, tick=False):
        tasks = [in_progress(personas, title=f"Task {n}") for n in range(8)]
    mail.outbox.clear()  # the briefs sent and accepted

    results = _together(_job, _job)

    assert sum(results) == 16, results  # Carol and Alice for each task
    assert Reminder.objects.count() == 16
    assert not Reminder.objects.filter(sent_at__isnull=True).exists()
    assert len(mail.outbox) == 16
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == sorted(
        (email, f"Deadline approaching: {task.title}")
        for task in tasks
        for email in (personas.alice.email, personas.carol.email)
    )
    assert Event.objects.filter(action="task_reminder_sent").count() == 16
    # And a third run afterwards (a restarted worker) sends nothing.
    assert _job() == 0 and len(mail.outbox) == 16
