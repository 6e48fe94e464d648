"""Reminders through the worker: a missed check-in reminds the contractor inside their working
hours; the deadline approaching and passed remind the contractor (in their hours) and the author;
each once, however often the job runs, and a run that dies halfway sends nothing twice."""

from datetime import UTC, datetime
from unittest import mock

import pytest
import time_machine
from django.core import mail

from outsourcer.audit.models import Event
from outsourcer.lib.timezones import next_working_moment
from outsourcer.notifications.models import Notification
from outsourcer.testing.builders import NOW
from outsourcer.testing.work import make_task
from outsourcer.work import services
from outsourcer.work.jobs import task_reminders
from outsourcer.work.models import CheckInCadence, Reminder
from outsourcer.work.services.checkins import checkin_cadence_set, checkin_post
from outsourcer.work.services.reminders import reminders_plan, reminders_send
from outsourcer.work.tests.test_checkins import in_progress

pytestmark = pytest.mark.django_db


def _at(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


FAR = _at(2025, 6, 27, 16)  # a deadline out of the way of the check-in tests


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the job (plan, then send) at a moment; returns how many were sent then."""

    def _run(moment: datetime) -> int:
        with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
            reminders_plan()
            return reminders_send()

    return _run


def _mails_to(email: str) -> list:
    return [m for m in mail.outbox if m.to == [email]]


def _in_hours(contractor, moment: datetime) -> bool:
    return next_working_moment(moment, contractor.time_zone, contractor.working_hours) == moment


def test_a_missed_check_in_reminds_the_contractor_inside_her_working_hours(personas, run):
    with time_machine.travel(NOW, tick=False):  # Monday 10:00 in Lisbon
        task = in_progress(personas, deadline_at=FAR)
        checkin_cadence_set(task=task, actor=personas.alice, kind="weekly", weekday=0)  # due today 17:00 Lisbon

    assert run(_at(2025, 3, 17, 16)) == 0  # not due yet
    assert not Reminder.objects.exists()
    assert run(_at(2025, 3, 17, 20)) == 0  # due passed at 17:00, but 20:00 is her evening: it waits
    reminder = Reminder.objects.get()
    assert (reminder.kind, reminder.recipient, reminder.due_at) == (
        "checkin_missing",
        personas.carol,
        _at(2025, 3, 17, 17),
    )
    assert reminder.send_at == _at(2025, 3, 18, 9)  # Tuesday 09:00 in Lisbon
    assert CheckInCadence.objects.get().missed_at == _at(2025, 3, 17, 17)

    assert run(_at(2025, 3, 18, 9, 5)) == 1
    assert run(_at(2025, 3, 18, 9, 10)) == 0  # once
    [sent] = _mails_to(personas.carol.email)
    assert sent.subject == f"Check-in missing: {task.title}" and "Mon 17:00" in sent.body
    reminder.refresh_from_db()
    assert reminder.sent_at == _at(2025, 3, 18, 9, 5) and _in_hours(personas.carol_contractor, reminder.sent_at)
    assert Notification.objects.filter(user=personas.carol, kind="task_reminder").count() == 1
    assert Event.objects.get(action="task_reminder_sent").after["kind"] == "checkin_missing"

    # The next Monday passes without a check-in too: a second reminder, for that due moment.
    assert run(_at(2025, 3, 24, 18)) == 0
    assert run(_at(2025, 3, 25, 9, 1)) == 1
    assert list(Reminder.objects.values_list("due_at", flat=True)) == [_at(2025, 3, 17, 17), _at(2025, 3, 24, 17)]

    # A check-in settles it: nothing missing, the next one due a week on.
    with time_machine.travel(_at(2025, 3, 25, 10), tick=False):
        checkin_post(task=task, contractor=personas.carol_contractor, status="on_track", percent_done=50)
    cadence = CheckInCadence.objects.get()
    assert cadence.missed_at is None and cadence.next_due_at == _at(2025, 3, 31, 16)  # 17:00 WEST
    assert run(_at(2025, 3, 31, 12)) == 0 and Reminder.objects.count() == 2


def test_a_reminder_whose_check_in_came_meanwhile_is_not_sent(personas, run):
    with time_machine.travel(NOW, tick=False):
        task = in_progress(personas, deadline_at=FAR)
        checkin_cadence_set(task=task, actor=personas.alice, kind="weekly", weekday=0)
    run(_at(2025, 3, 17, 20))
    with time_machine.travel(_at(2025, 3, 17, 21), tick=False):
        checkin_post(task=task, contractor=personas.carol_contractor, status="on_track", percent_done=50)
    assert run(_at(2025, 3, 18, 9, 5)) == 0
    reminder = Reminder.objects.get()
    # Claimed, never sent, never retried: the policy for a reminder that lost its reason.
    assert reminder.claimed_at is not None and reminder.sent_at is None
    assert run(_at(2025, 3, 18, 10)) == 0 and not mail.outbox


def test_a_cadence_set_on_a_draft_counts_from_the_acceptance(personas, run):
    with time_machine.travel(NOW, tick=False):
        draft = services.task_send(task=make_task(personas, deadline_at=FAR), actor=personas.alice)
        checkin_cadence_set(task=draft, actor=personas.alice, kind="working_days", every_days=1)  # due Tue 17:00
    with time_machine.travel(_at(2025, 3, 20, 10), tick=False):  # accepted on Thursday
        task = services.task_accept(task=draft, contractor=personas.carol_contractor)
    assert run(_at(2025, 3, 20, 11)) == 0
    assert not Reminder.objects.exists()
    assert CheckInCadence.objects.get().next_due_at == _at(2025, 3, 21, 17)  # a working day after the acceptance
    assert task.status == "accepted"


def test_deadline_approaching_and_overdue_remind_each_person_once(personas, run, settings):
    with time_machine.travel(NOW, tick=False):
        task = in_progress(personas)  # due Friday 21 March 16:00 Lisbon
    assert settings.TASK_DEADLINE_REMINDER_HOURS == 48
    assert run(_at(2025, 3, 19, 15)) == 0  # 49 h before
    assert run(_at(2025, 3, 19, 16, 30)) == 2  # Wednesday 16:30 in Lisbon: inside her hours
    assert run(_at(2025, 3, 19, 16, 40)) == 0
    assert {tuple(m.to) for m in mail.outbox} == {(personas.carol.email,), (personas.alice.email,)}
    assert all(m.subject == f"Deadline approaching: {task.title}" for m in mail.outbox)

    # Overdue on Friday evening: Alice at once, Carol on Monday morning.
    assert run(_at(2025, 3, 21, 18)) == 1
    assert [m.to for m in mail.outbox[2:]] == [[personas.alice.email]]
    assert run(_at(2025, 3, 22, 12)) == 0  # Saturday
    assert run(_at(2025, 3, 24, 9, 15)) == 1
    assert run(_at(2025, 3, 24, 10)) == 0
    assert [m.subject for m in _mails_to(personas.carol.email)] == [
        f"Deadline approaching: {task.title}",
        f"Overdue: {task.title}",
    ]
    carols = Reminder.objects.filter(recipient=personas.carol)
    assert all(_in_hours(personas.carol_contractor, r.sent_at) for r in carols)
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 4


def test_the_lead_time_is_a_setting(personas, run, settings):
    settings.TASK_DEADLINE_REMINDER_HOURS = 24
    with time_machine.travel(NOW, tick=False):
        in_progress(personas)
    assert run(_at(2025, 3, 19, 16, 30)) == 0
    assert run(_at(2025, 3, 20, 16, 30)) == 2


def test_a_submitted_task_is_not_overdue(personas, run):
    with time_machine.travel(NOW, tick=False):
        task = in_progress(personas)
        services.task_submit(task=task, contractor=personas.carol_contractor)
    assert run(_at(2025, 3, 21, 18)) == 0 and not Reminder.objects.exists()


def test_a_run_that_dies_before_its_commit_sends_nothing_and_the_next_sends_once(personas, run):
    with time_machine.travel(NOW, tick=False):
        in_progress(personas)
    boom = mock.patch("outsourcer.work.services.reminders.event_record", side_effect=RuntimeError("worker killed"))
    with boom, pytest.raises(RuntimeError):
        run(_at(2025, 3, 19, 16, 30))
    assert not mail.outbox and not Notification.objects.filter(kind="task_reminder").exists()
    assert not Reminder.objects.filter(claimed_at__isnull=False).exists()  # the claim rolled back with it
    assert run(_at(2025, 3, 19, 16, 35)) == 2
    assert run(_at(2025, 3, 19, 16, 40)) == 0
    assert len(mail.outbox) == 2


def test_the_periodic_job(personas, django_capture_on_commit_callbacks):
    with time_machine.travel(NOW, tick=False):
        in_progress(personas)
    with time_machine.travel(_at(2025, 3, 19, 16, 30), tick=False), django_capture_on_commit_callbacks(execute=True):
        assert task_reminders.call() == {"planned": 2, "sent": 2}
        assert task_reminders.call() == {"planned": 0, "sent": 0}


def test_a_lead_time_without_working_hours_reminds_her_at_the_end_of_her_last_day_before(personas, run):
    monday_9 = _at(2025, 3, 24, 9)  # 48 h before is Saturday: no working hour of Carol's in between
    with time_machine.travel(NOW, tick=False):
        task = in_progress(personas, deadline_at=monday_9)
    assert run(_at(2025, 3, 21, 12)) == 0
    carols = Reminder.objects.get(kind="deadline_soon", recipient=personas.carol)
    assert carols.send_at == _at(2025, 3, 21, 17)  # Friday 17:00 in Lisbon, the end of her week
    assert run(_at(2025, 3, 21, 17)) == 1
    assert run(_at(2025, 3, 22, 9)) == 1  # Alice's, 48 h before
    assert [m.to for m in mail.outbox] == [[personas.carol.email], [personas.alice.email]]
    assert task.deadline_at == monday_9


def test_an_approaching_reminder_that_comes_too_late_is_not_sent(personas, run):
    with time_machine.travel(NOW, tick=False):
        in_progress(personas)
    with time_machine.travel(_at(2025, 3, 19, 16, 30), tick=False):
        reminders_plan()
    assert reminders_send(now=_at(2025, 3, 21, 17)) == 0  # after the deadline: the overdue one says it
    assert not mail.outbox
