"""E-mail that waits for the recipient's working hours (notifications/deferred.py)."""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from outsourcer.notifications.deferred import email_send_in_working_hours

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
NINE_TO_FIVE = {"mon": ["09:00", "17:00"], "tue": ["09:00", "17:00"]}


def _send():
    return email_send_in_working_hours(
        to="carol@studio.example",
        subject="Time rejected",
        template="emails/time_reviewed.txt",
        context={"name": "Carol", "message": "Crumb & Co. rejected 1 h.", "url": "/portal/time/"},
        time_zone="Europe/Lisbon",
        working_hours=NINE_TO_FIVE,
    )


def _work():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_it_waits_until_the_recipients_working_hours_open(settings, mailoutbox, time_machine):
    settings.TASKS = DB_TASKS
    time_machine.move_to(datetime(2025, 3, 17, 3, 0, tzinfo=UTC), tick=False)  # Monday 03:00 in Lisbon

    assert _send() == datetime(2025, 3, 17, 9, 0, tzinfo=UTC)
    assert mailoutbox == []
    assert DBTaskResult.objects.get().run_after == datetime(2025, 3, 17, 9, 0, tzinfo=UTC)

    _work()  # 03:00: not yet
    assert mailoutbox == []

    time_machine.move_to(datetime(2025, 3, 17, 9, 1, tzinfo=UTC), tick=False)
    _work()
    assert [m.to for m in mailoutbox] == [["carol@studio.example"]]
    assert "Crumb & Co. rejected 1 h." in mailoutbox[0].body  # plain text: no &amp;


@pytest.mark.django_db(transaction=True)
def test_inside_working_hours_it_goes_out_at_once(settings, mailoutbox, time_machine):
    settings.TASKS = DB_TASKS
    time_machine.move_to(datetime(2025, 3, 17, 10, 0, tzinfo=UTC), tick=False)

    _send()

    assert len(mailoutbox) == 1 and not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_a_backend_that_cannot_defer_sends_at_once(mailoutbox, time_machine, django_capture_on_commit_callbacks):
    time_machine.move_to(datetime(2025, 3, 17, 3, 0, tzinfo=UTC), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        _send()
    assert len(mailoutbox) == 1
