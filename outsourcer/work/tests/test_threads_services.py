"""A task's thread: the organization's message held for the contractor's working window (and
its "reaches … in … h" text, across a clock change), urgent ones at once, the contractor's at once,
the held notice through the worker, read state, attachments."""

from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from outsourcer.lib.errors import DomainError
from outsourcer.messaging import selectors
from outsourcer.messaging.models import Message
from outsourcer.messaging.rules import ATTACHMENT_MAX_BYTES, arrival_text, wait_text
from outsourcer.notifications.models import Notification
from outsourcer.testing.work import make_task
from outsourcer.work import services
from outsourcer.work.selectors_threads import task_thread_key

pytestmark = pytest.mark.django_db

MONDAY_NIGHT = datetime(2025, 3, 17, 2, 0, tzinfo=UTC)  # 02:00 in Lisbon (Carol): outside her hours
MONDAY_NINE = datetime(2025, 3, 17, 9, 0, tzinfo=UTC)  # 09:00 in Lisbon: her window opens
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
PDF = b"%PDF-1.4\n% a brief\n"


@pytest.fixture
def task(personas, frozen):
    return services.task_send(task=make_task(personas), actor=personas.alice)


def _post(task, personas, body="Which dishes first?", **kwargs):
    kwargs.setdefault("from_contractor", False)
    actor = personas.carol if kwargs["from_contractor"] else personas.alice
    return services.message_post(task=task, actor=actor, body=body, **kwargs)


def _carols(task):
    return [m.body for m in selectors.thread_messages_for_contractor(key=task_thread_key(task))]


def test_a_message_written_in_her_night_waits_for_her_working_window(task, personas, time_machine):
    time_machine.move_to(MONDAY_NIGHT, tick=False)
    message = _post(task, personas)

    assert message.deliver_at == MONDAY_NINE and not message.urgent
    assert arrival_text(message.deliver_at, MONDAY_NIGHT, time_zone="Europe/Lisbon", name="Carol Contractor") == (
        "reaches Carol at 09:00 their time (in 7 h)"
    )
    assert _carols(task) == []  # invisible to her until it is due
    assert [m.body for m in selectors.thread_messages_for_organization(key=task_thread_key(task))] == [
        "Which dishes first?"
    ]
    assert selectors.message_unread_count_for_contractor(contractor_id=personas.carol_contractor.pk) == 0

    time_machine.move_to(MONDAY_NINE, tick=False)
    assert _carols(task) == ["Which dishes first?"]
    assert selectors.message_unread_count_for_contractor(contractor_id=personas.carol_contractor.pk) == 1


def test_urgent_goes_now(task, personas, time_machine, mailoutbox, django_capture_on_commit_callbacks):
    time_machine.move_to(MONDAY_NIGHT, tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        message = _post(task, personas, body="The oven is broken: do not come today.", urgent=True)

    assert message.deliver_at == MONDAY_NIGHT
    assert _carols(task) == ["The oven is broken: do not come today."]
    assert Notification.objects.filter(user=personas.carol, kind="task_message").count() == 1
    assert [m.subject for m in mailoutbox if m.to == [personas.carol.email]] == [
        "Urgent: Message from Crumb & Co.: Spring menu photos"
    ]


def test_the_contractors_message_arrives_at_once_and_tells_the_organization(
    task, personas, time_machine, mailoutbox, django_capture_on_commit_callbacks
):
    time_machine.move_to(MONDAY_NIGHT, tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        message = _post(task, personas, body="Can I shoot on Tuesday?", from_contractor=True, urgent=True)

    assert message.deliver_at == message.created_at and not message.urgent  # urgent is the organization's
    assert selectors.message_unread_count_for_organization(organization_id=personas.org.pk) == 1
    assert Notification.objects.filter(user=personas.alice, kind="task_message").count() == 1
    assert [m.to for m in mailoutbox] == [[personas.alice.email]]
    assert "Can I shoot on Tuesday?" in mailoutbox[0].body


@pytest.mark.django_db(transaction=True)
def test_the_held_notice_goes_out_through_the_worker_when_due(personas, settings, time_machine, mailoutbox):
    settings.TASKS = DB_TASKS
    time_machine.move_to(MONDAY_NIGHT, tick=False)
    task = services.task_send(task=make_task(personas), actor=personas.alice)
    DBTaskResult.objects.all().delete()  # the brief's own e-mail, held too
    Notification.objects.all().delete()
    _post(task, personas)

    assert [row.run_after for row in DBTaskResult.objects.all()] == [MONDAY_NINE]
    _work()
    assert mailoutbox == [] and not Notification.objects.filter(user=personas.carol).exists()

    time_machine.move_to(datetime(2025, 3, 17, 9, 1, tzinfo=UTC), tick=False)
    _work()
    assert [m.to for m in mailoutbox] == [[personas.carol.email]]
    assert "Which dishes first?" in mailoutbox[0].body
    assert Notification.objects.filter(user=personas.carol, kind="task_message").count() == 1


def _work():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_the_wait_is_real_time_across_a_clock_change(task, personas, time_machine):
    # Lisbon moves to summer time at 01:00 UTC on Sunday 30 March 2025. Carol works Sundays here.
    contractor = personas.carol_contractor
    contractor.working_hours = {"sun": ["09:00", "17:00"]}
    contractor.save()
    task.refresh_from_db()
    saturday_night = datetime(2025, 3, 30, 0, 30, tzinfo=UTC)  # 00:30 winter time
    time_machine.move_to(saturday_night, tick=False)
    message = _post(task, personas)

    assert message.deliver_at == datetime(2025, 3, 30, 8, 0, tzinfo=UTC)  # 09:00 summer time
    text = arrival_text(message.deliver_at, saturday_night, time_zone="Europe/Lisbon", name=contractor.name)
    assert text == "reaches Carol at 09:00 their time (in 7 h 30 min)"  # the wall clock says 8 h 30


def test_the_arrival_names_the_day_when_it_is_not_hers_today():
    friday_evening = datetime(2025, 3, 21, 18, 0, tzinfo=UTC)
    monday_nine = datetime(2025, 3, 24, 9, 0, tzinfo=UTC)
    assert arrival_text(monday_nine, friday_evening, time_zone="Europe/Lisbon", name="Carol") == (
        "reaches Carol on Mon at 09:00 their time (in 63 h)"
    )
    assert [wait_text(m) for m in (0, 45, 60, 90, 420)] == ["1 min", "45 min", "1 h", "1 h 30 min", "7 h"]


def test_answering_marks_the_other_sides_messages_read(task, personas, time_machine):
    time_machine.move_to(MONDAY_NINE, tick=False)
    _post(task, personas, body="Ready?", from_contractor=True)
    _post(task, personas, body="Yes, go ahead.")
    assert Message.objects.get(body="Ready?").read_at == MONDAY_NINE
    assert Message.objects.get(body="Yes, go ahead.").read_at is None

    assert services.thread_mark_read(task=task, by_contractor=True) == 1
    assert services.thread_mark_read(task=task, by_contractor=True) == 0


def test_the_contractor_cannot_mark_a_held_message_read(task, personas, time_machine):
    time_machine.move_to(MONDAY_NIGHT, tick=False)
    _post(task, personas)
    assert services.thread_mark_read(task=task, by_contractor=True) == 0
    assert Message.objects.get().read_at is None


def test_a_draft_has_no_thread_yet(personas, frozen):
    with pytest.raises(DomainError, match="Send the task first"):
        _post(make_task(personas), personas)


def test_an_empty_message_is_refused(task, personas):
    with pytest.raises(DomainError, match="Write a message or attach a file"):
        _post(task, personas, body="   ")
    assert not Message.objects.exists()


def test_an_attachment_is_stored_under_a_generated_name(task, personas):
    file = SimpleUploadedFile("../../menu brief.pdf", PDF, content_type="application/pdf")
    message = _post(task, personas, body="", attachment=file, urgent=True)

    assert message.attachment_name == "menu brief.pdf" and message.attachment_size == len(PDF)
    assert "menu" not in message.attachment.name and message.attachment.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("brief.pdf", b"MZ\x90\x00 not a pdf", "Upload the attachment as a PDF, PNG, JPEG or WebP file."),
        ("brief.exe", PDF, "Upload the attachment as a PDF, PNG, JPEG or WebP file."),
        ("huge.pdf", PDF + b"0" * ATTACHMENT_MAX_BYTES, "An attachment is at most 10 MB."),
    ],
)
def test_attachments_have_limits(task, personas, name, content, error):
    with pytest.raises(DomainError) as raised:
        _post(task, personas, attachment=SimpleUploadedFile(name, content))
    assert raised.value.message == error and raised.value.field == "attachment"
    assert not Message.objects.exists()
