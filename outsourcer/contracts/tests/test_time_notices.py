"""Who hears about time: the contractor about reviews (with the reason), the owners and the
managers who run the contract about time waiting for review (contracts/services/time_notices.py)."""

from datetime import UTC, date, datetime

import pytest

from outsourcer.accounts.roles import Role
from outsourcer.contracts.services import (
    time_entry_approve,
    time_entry_approve_bulk,
    time_entry_reject,
    time_entry_reject_bulk,
    time_entry_update,
)
from outsourcer.notifications.models import Notification
from outsourcer.testing.builders import NOW, TODAY, log_time, make_budget, make_contract
from outsourcer.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _monday_morning(time_machine):
    # Monday 17 March 2025, 10:00 UTC: inside Carol's working hours in Lisbon.
    time_machine.move_to(NOW)


@pytest.fixture
def contract(personas):
    return make_contract(personas, make_budget(personas, amount_cents=10**9), title="Spring lookbook photos")


def _carols(kind):
    return Notification.objects.filter(user__email="carol@studio.example", kind=kind)


def test_a_rejection_tells_the_contractor_why_in_app_and_by_email(
    personas, contract, mailoutbox, django_capture_on_commit_callbacks
):
    entry = log_time(contract, minutes=90)
    with django_capture_on_commit_callbacks(execute=True):
        time_entry_reject(entry=entry, actor=personas.bob, reason="Only one hour was agreed")

    notification = _carols("time_rejected").get()
    assert notification.message == (
        "Crumb & Co. rejected 1 h 30 min on Spring lookbook photos (Mon 17 Mar). Reason: “Only one hour was "
        "agreed”. Correct the time and save it to submit it again, or delete it."
    )
    assert notification.url == f"/portal/time/{entry.pk}/"
    [mail] = mailoutbox
    assert mail.to == ["carol@studio.example"]
    assert mail.subject == "Time rejected: Spring lookbook photos (Crumb & Co.)"
    assert "Only one hour was agreed" in mail.body and f"/portal/time/{entry.pk}/" in mail.body


def test_a_bulk_review_is_one_notice_per_contract_not_one_per_entry(
    personas, contract, mailoutbox, django_capture_on_commit_callbacks
):
    entries = [log_time(contract, worked_on=date(2025, 3, day), minutes=60) for day in (10, 11, 12)]
    with django_capture_on_commit_callbacks(execute=True):
        time_entry_approve_bulk(entries=entries[:2], actor=personas.bob)
        time_entry_reject_bulk(entries=entries[2:], actor=personas.bob, reason="Duplicate of Tuesday")

    approved = _carols("time_approved").get()
    assert approved.message == (
        "Crumb & Co. has approved 2 entries (2 h) of your time on Spring lookbook photos in March 2025."
    )
    assert approved.url == f"/portal/time/?month=2025-03&contract={contract.pk}"
    assert "Duplicate of Tuesday" in _carols("time_rejected").get().message
    assert len(mailoutbox) == 2


def test_approvals_one_by_one_keep_one_running_line_and_mail_once(
    personas, contract, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        time_entry_approve(entry=log_time(contract, minutes=45), actor=personas.alice)
        assert _carols("time_approved").get().message == (
            "Crumb & Co. has approved 0 h 45 min of your time on Spring lookbook photos in March 2025."
        )
        time_entry_approve(entry=log_time(contract, worked_on=date(2025, 3, 14), minutes=60), actor=personas.alice)

    assert _carols("time_approved").get().message == (
        "Crumb & Co. has approved 2 entries (1 h 45 min) of your time on Spring lookbook photos in March 2025."
    )
    assert [m.subject for m in mailoutbox] == ["Time approved: Spring lookbook photos (Crumb & Co.)"]

    # Once Carol has read it, the next approval is news again.
    Notification.objects.update(read_at=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        time_entry_approve(entry=log_time(contract, worked_on=date(2025, 3, 13), minutes=15), actor=personas.alice)
    assert _carols("time_approved").filter(read_at=None).count() == 1 and len(mailoutbox) == 2


def test_the_email_waits_for_the_contractors_working_hours(
    personas, contract, settings, mailoutbox, time_machine, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    from django_tasks_db.models import DBTaskResult

    entry = log_time(contract, minutes=60)
    time_machine.move_to(datetime(2025, 3, 17, 22, 0, tzinfo=UTC))  # 22:00 in Lisbon
    with django_capture_on_commit_callbacks(execute=True):
        time_entry_reject(entry=entry, actor=personas.alice, reason="Wrong week")

    assert _carols("time_rejected").exists()  # in-app at once
    assert mailoutbox == []
    deferred = DBTaskResult.objects.filter(task_path="outsourcer.notifications.deferred.email_deferred_send")
    assert [task.run_after for task in deferred] == [datetime(2025, 3, 18, 9, 0, tzinfo=UTC)]


def _waiting(user):
    return Notification.objects.filter(user=user, kind="time_waiting")


def test_time_waiting_is_one_running_line_per_contract_and_week(personas, contract):
    log_time(contract, worked_on=date(2025, 3, 17), minutes=60)
    log_time(contract, worked_on=date(2025, 3, 17), minutes=30)
    log_time(contract, worked_on=date(2025, 3, 10), minutes=15)  # the week before

    lines = list(_waiting(personas.alice).order_by("pk"))
    assert [n.message for n in lines] == [
        "Carol Contractor has 2 entries (1 h 30 min) waiting for review on Spring lookbook photos, "
        "week of 17 Mar 2025.",
        "Carol Contractor has 0 h 15 min waiting for review on Spring lookbook photos, week of 10 Mar 2025.",
    ]
    assert lines[0].url == f"/o/crumb/contracts/time/?contract={contract.pk}&week=2025-W12"
    # Bob has not run this contract (Alice made it, nobody reviewed yet); Vera only reads.
    assert not _waiting(personas.bob).exists() and not _waiting(personas.vera).exists()


def test_managers_who_run_the_contract_hear_about_waiting_time(personas, contract):
    time_entry_approve(entry=log_time(contract, minutes=30), actor=personas.bob)  # Bob now runs it
    other_manager = MembershipFactory(organization=personas.org, role=Role.MANAGER).user

    log_time(contract, minutes=60)

    assert _waiting(personas.bob).get().message.startswith("Carol Contractor has 1 h waiting")
    assert not _waiting(other_manager).exists()


def test_a_corrected_entry_is_waiting_again(personas, contract):
    entry = log_time(contract, minutes=90)
    Notification.objects.update(read_at=NOW)
    time_entry_reject(entry=entry, actor=personas.alice, reason="Too long")

    time_entry_update(entry=entry, contractor=personas.carol_contractor, worked_on=TODAY, minutes=60)

    assert _waiting(personas.alice).filter(read_at=None).get().message.startswith("Carol Contractor has 1 h waiting")


def test_a_review_settles_the_reviewers_waiting_line(personas, contract):
    first = log_time(contract, worked_on=date(2025, 3, 17), minutes=60)
    second = log_time(contract, worked_on=date(2025, 3, 17), minutes=30)
    line = _waiting(personas.alice).get()

    time_entry_approve(entry=first, actor=personas.alice)
    line.refresh_from_db()
    assert line.read_at is None and line.message.startswith("Carol Contractor has 0 h 30 min waiting")

    time_entry_reject(entry=second, actor=personas.alice, reason="Not this week")
    line.refresh_from_db()
    assert line.read_at is not None  # nothing waits any more
