"""Reference checks: asking, the one answer, the worker's one reminder and the expiry."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from outsourcer.audit.models import Event
from outsourcer.contractors.models import EngagementStatus
from outsourcer.hiring.jobs import references_remind_and_expire
from outsourcer.hiring.models import ReferenceCheck, ReferenceStatus
from outsourcer.hiring.services import reference_answer, reference_expire, reference_remind, reference_request
from outsourcer.hiring.services import references as reference_services
from outsourcer.lib.errors import DomainError, FieldErrors
from outsourcer.notifications.models import Notification
from outsourcer.testing.hiring import second_bidder
from outsourcer.testing.references import insert_reference

pytestmark = pytest.mark.django_db

ANSWERS = {
    "worked_together_months": 18,
    "reliability": 5,
    "quality": 4,
    "communication": 3,
    "would_hire_again": True,
    "comments": "Careful & quick.",
}


def _ask(personas, engagement=None, **kwargs):
    values = {"referee_name": "Pat Referee", "referee_email": "Pat@Referee.example", "relationship": "Client"}
    return reference_request(
        engagement=engagement or personas.carol_engagement, actor=personas.bob, **{**values, **kwargs}
    )


def test_it_asks_the_referee_by_email_with_a_single_use_link(personas, django_capture_on_commit_callbacks, settings):
    settings.SITE_URL = "https://outsourcer.example"
    with django_capture_on_commit_callbacks(execute=True):
        reference = _ask(personas)

    assert reference.status == ReferenceStatus.REQUESTED
    assert reference.referee_email == "pat@referee.example"
    assert len(reference.token_nonce) == 32
    assert reference.expires_at - reference.requested_at == timedelta(days=14)
    [message] = mail.outbox
    assert message.to == ["pat@referee.example"]
    assert message.subject == "Crumb & Co. asks about Carol Contractor"
    assert "https://outsourcer.example/h/references/" in message.body
    assert Event.objects.filter(action="reference_requested").count() == 1


def test_the_link_lifetime_is_a_setting(personas, settings):
    settings.REFERENCE_LINK_DAYS = 5
    reference = _ask(personas)
    assert reference.expires_at - reference.requested_at == timedelta(days=5)


def test_it_moves_a_prospect_to_vetting_and_leaves_an_active_engagement_alone(personas):
    prospect = second_bidder(personas)
    _ask(personas, prospect)
    prospect.refresh_from_db()
    assert prospect.status == EngagementStatus.VETTING

    _ask(personas)
    personas.carol_engagement.refresh_from_db()
    assert personas.carol_engagement.status == EngagementStatus.ACTIVE


def test_it_refuses_bad_input_and_saves_nothing(personas):
    with pytest.raises(FieldErrors) as caught:
        _ask(personas, referee_name="", referee_email="not an address", relationship="x" * 201)
    assert set(caught.value.errors) == {"referee_name", "referee_email", "relationship"}
    with pytest.raises(FieldErrors):
        _ask(personas, referee_name="Pat\x00")
    assert not ReferenceCheck.objects.exists()


def test_it_refuses_asking_the_same_referee_twice_while_waiting(personas):
    _ask(personas)
    with pytest.raises(DomainError) as caught:
        _ask(personas, referee_email="pat@referee.example")
    assert caught.value.field == "referee_email"


def test_the_answer_is_recorded_once_and_the_requester_is_told(personas):
    reference = _ask(personas)
    nonce = reference.token_nonce

    answered = reference_answer(reference=reference, nonce=nonce, **ANSWERS)

    assert answered.status == ReferenceStatus.RECEIVED
    assert (answered.reliability, answered.would_hire_again, answered.token_nonce) == (5, True, "")
    assert answered.received_at is not None
    note = Notification.objects.get(user=personas.bob)
    assert "Pat Referee answered" in note.message
    assert note.url == f"/o/crumb/hiring/contractors/{personas.carol_engagement.pk}/vetting/"
    with pytest.raises(DomainError) as caught:
        reference_answer(reference=reference, nonce=nonce, **{**ANSWERS, "reliability": 1})
    assert caught.value.code == "not_open"
    reference.refresh_from_db()
    assert reference.reliability == 5
    assert Event.objects.filter(action="reference_received").count() == 1


def test_an_answer_with_another_nonce_is_refused(personas):
    reference = _ask(personas)
    with pytest.raises(DomainError):
        reference_answer(reference=reference, nonce="0" * 32, **ANSWERS)
    with pytest.raises(DomainError):
        reference_answer(reference=reference, nonce="", **ANSWERS)


@pytest.mark.parametrize(
    ("field", "value"),
    [("reliability", 0), ("quality", 6), ("communication", None), ("worked_together_months", -1),
     ("worked_together_months", 601), ("would_hire_again", None), ("comments", "x" * 5001), ("comments", "a\x00b")],
)  # fmt: skip
def test_answers_are_validated(personas, field, value):
    reference = _ask(personas)
    with pytest.raises(FieldErrors) as caught:
        reference_answer(reference=reference, nonce=reference.token_nonce, **{**ANSWERS, field: value})
    assert field in caught.value.errors
    reference.refresh_from_db()
    assert reference.status == ReferenceStatus.REQUESTED and reference.token_nonce


def test_an_expired_request_cannot_be_answered(personas, time_machine):
    reference = _ask(personas)
    time_machine.move_to(reference.expires_at + timedelta(seconds=1))
    with pytest.raises(DomainError):
        reference_answer(reference=reference, nonce=reference.token_nonce, **ANSWERS)


def test_one_reminder_after_three_days_and_never_a_second(personas, django_capture_on_commit_callbacks):
    reference = _ask(personas)
    mail.outbox.clear()
    now = reference.requested_at
    with django_capture_on_commit_callbacks(execute=True):
        assert reference_remind(now=now + timedelta(days=2, hours=23)) == 0
        assert reference_remind(now=now + timedelta(days=3)) == 1
        assert reference_remind(now=now + timedelta(days=4)) == 0
        assert reference_remind(now=now + timedelta(days=10)) == 0

    [message] = mail.outbox
    assert message.subject == "Reminder: Crumb & Co. asks about Carol Contractor"
    assert "/h/references/" in message.body
    assert Event.objects.filter(action="reference_reminded").count() == 1


def test_the_reminder_days_are_a_setting(personas, settings):
    settings.REFERENCE_REMINDER_DAYS = 1
    reference = _ask(personas)
    assert reference_remind(now=reference.requested_at + timedelta(days=1)) == 1


def test_no_reminder_to_answered_or_expired_requests(personas):
    answered = insert_reference(personas.carol_engagement, status=ReferenceStatus.RECEIVED)
    insert_reference(personas.carol_engagement, referee_email="old@referee.example", status=ReferenceStatus.EXPIRED)
    lapsing = insert_reference(
        personas.carol_engagement, referee_email="late@referee.example", expires_at=timezone.now() + timedelta(days=2)
    )
    assert reference_remind(now=answered.requested_at + timedelta(days=3)) == 0
    lapsing.refresh_from_db()
    assert lapsing.reminded_at is None


def test_the_reminder_claim_is_a_conditional_update(personas):
    # Two workers read the same due row; the second one's claim finds it already reminded.
    reference = _ask(personas)
    later = reference.requested_at + timedelta(days=3)
    due = ReferenceCheck.objects.filter(pk=reference.pk, reminded_at__isnull=True)
    assert due.update(reminded_at=later) == 1  # the other worker got there first
    assert reference_remind(now=later) == 0
    assert not Event.objects.filter(action="reference_reminded").exists()


def test_a_run_that_crashed_halfway_is_safe_to_restart(personas, monkeypatch, django_capture_on_commit_callbacks):
    first = _ask(personas)
    _ask(personas, referee_email="sam@referee.example", referee_name="Sam")
    mail.outbox.clear()
    later = first.requested_at + timedelta(days=3, minutes=1)
    real_record, calls = reference_services.event_record, []

    def crash_on_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("worker killed")
        return real_record(**kwargs)

    monkeypatch.setattr(reference_services, "event_record", crash_on_second)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        reference_remind(now=later)
    monkeypatch.setattr(reference_services, "event_record", real_record)
    with django_capture_on_commit_callbacks(execute=True):
        assert reference_remind(now=later) == 1  # only the one whose claim was rolled back

    assert sorted(m.to[0] for m in mail.outbox) == ["pat@referee.example", "sam@referee.example"]
    assert ReferenceCheck.objects.filter(reminded_at__isnull=True).count() == 0


def test_past_expiry_requests_are_marked_expired_once(personas):
    reference = _ask(personas)
    answered = insert_reference(
        personas.carol_engagement, status=ReferenceStatus.RECEIVED, expires_at=timezone.now() - timedelta(days=1)
    )
    after = reference.expires_at + timedelta(seconds=1)
    assert reference_expire(now=reference.expires_at - timedelta(seconds=1)) == 0
    assert reference_expire(now=after) == 1
    assert reference_expire(now=after) == 0

    reference.refresh_from_db()
    answered.refresh_from_db()
    assert (reference.status, reference.token_nonce) == (ReferenceStatus.EXPIRED, "")
    assert answered.status == ReferenceStatus.RECEIVED
    assert Event.objects.filter(action="reference_expired").count() == 1


def test_the_periodic_job_expires_then_reminds(personas, time_machine):
    reference = _ask(personas)
    time_machine.move_to(reference.requested_at + timedelta(days=3, minutes=1))
    assert references_remind_and_expire.call() == {"expired": 0, "reminded": 1}
    time_machine.move_to(reference.expires_at + timedelta(minutes=1))
    assert references_remind_and_expire.call() == {"expired": 1, "reminded": 0}
    reference.refresh_from_db()
    assert reference.status == ReferenceStatus.EXPIRED


def test_the_scheduler_collects_the_job():
    from outsourcer.home.management.commands.scheduler import periodic_jobs

    assert references_remind_and_expire in periodic_jobs()
