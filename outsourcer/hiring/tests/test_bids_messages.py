"""job_message_post and job_messages_mark_read: a bidder's private thread, the other side told."""

from datetime import UTC, datetime

import pytest
from django.core import mail

from outsourcer.audit.models import Event
from outsourcer.hiring.services import job_message_post, job_messages_mark_read
from outsourcer.lib.errors import FieldErrors
from outsourcer.messaging.models import Message
from outsourcer.notifications.models import Notification
from outsourcer.testing.hiring import insert_invitation, insert_job, second_bidder

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(personas, frozen):
    job = insert_job(personas, created_by=personas.alice)
    insert_invitation(job, personas.carol_engagement)
    return job


def _ask(job, personas, body="Can we shoot on Saturday?"):
    return job_message_post(
        job=job, contractor=personas.carol_contractor, actor=personas.carol, body=body, from_contractor=True
    )


def _answer(job, personas, body="Saturday works."):
    return job_message_post(
        job=job, contractor=personas.carol_contractor, actor=personas.bob, body=body, from_contractor=False
    )


def test_a_question_tells_the_jobs_creator_in_app(job, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = _ask(job, personas)

    assert (message.from_contractor, message.author, message.organization_id) == (
        True,
        personas.carol,
        job.organization_id,
    )
    notice = Notification.objects.get(user=personas.alice, kind="job_message")
    assert "Carol Contractor asked" in notice.message and "Saturday" in notice.message
    assert not mail.outbox  # the organization reads it in the app
    assert Event.objects.filter(action="job_message_posted", actor=personas.carol).exists()


def test_an_answer_tells_the_contractor_in_app_and_by_email_in_working_hours(
    job, personas, django_capture_on_commit_callbacks
):
    _ask(job, personas)
    # 10:00 UTC on a Monday is inside Carol's working hours in Lisbon: the e-mail goes at once.
    with django_capture_on_commit_callbacks(execute=True):
        _answer(job, personas)

    notice = Notification.objects.get(user=personas.carol, kind="job_message")
    assert "Crumb & Co. answered" in notice.message
    [email] = mail.outbox
    assert email.to == [personas.carol.email] and "Saturday works." in email.body
    # Answering counts the question as read; the answer is unread until Carol reads it.
    assert list(Message.objects.order_by("pk").values_list("read_at", flat=True))[0] is not None
    assert job_messages_mark_read(job=job, contractor=personas.carol_contractor, by_contractor=True) == 1
    assert job_messages_mark_read(job=job, contractor=personas.carol_contractor, by_contractor=True) == 0


def test_an_empty_nul_or_too_long_message_is_refused(job, personas):
    for body in ("   ", "a\x00b", "x" * 5_001):
        with pytest.raises(FieldErrors) as caught:
            _ask(job, personas, body=body)
        assert "body" in caught.value.errors
    assert not Message.objects.exists()


def test_an_answer_at_night_waits_for_the_contractors_working_hours(
    personas, settings, time_machine, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    from django_tasks_db.models import DBTaskResult

    time_machine.move_to(datetime(2025, 3, 17, 22, 0, tzinfo=UTC))  # 22:00 in Lisbon
    job = insert_job(personas, created_by=personas.alice)
    insert_invitation(job, personas.carol_engagement)
    with django_capture_on_commit_callbacks(execute=True):
        answer = _answer(job, personas)

    # Held like every message from an organization: the notice and e-mail come with it at 09:00.
    assert answer.deliver_at == datetime(2025, 3, 18, 9, 0, tzinfo=UTC)
    assert not Notification.objects.filter(user=personas.carol, kind="job_message").exists()
    assert mail.outbox == []
    deferred = DBTaskResult.objects.filter(task_path="outsourcer.messaging.notices.message_deliver")
    assert [task.run_after for task in deferred] == [datetime(2025, 3, 18, 9, 0, tzinfo=UTC)]


def test_a_prospect_without_an_account_gets_the_answer_by_email_only(personas, job, django_capture_on_commit_callbacks):
    erin = second_bidder(personas)
    insert_invitation(job, erin)
    with django_capture_on_commit_callbacks(execute=True):
        job_message_post(job=job, contractor=erin.contractor, actor=personas.bob, body="Yes.", from_contractor=False)
    [email] = mail.outbox
    assert email.to == ["erin@bids.example"] and "once Crumb & Co. has invited you" in email.body
