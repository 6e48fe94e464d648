"""Feedback both ways: given once on accepted work, the contractor told without the private note;
the organization rated once per finished task, seen only as averages of three or more; the
feedback-owed reminder sent once to whoever accepted (or the owners)."""

from datetime import timedelta

import pytest
from django.core import mail

from outsourcer.accounts.models import Membership
from outsourcer.audit.models import Event
from outsourcer.lib.errors import DomainError, FieldErrors
from outsourcer.notifications.models import Notification
from outsourcer.oversight.models import Feedback, FeedbackReminder, OrganizationRating
from outsourcer.oversight.selectors.feedback import (
    feedback_owed_for_organization,
    organization_rating_due_for_contractor,
    organization_rating_summary,
)
from outsourcer.oversight.services import deliverable_accept, feedback_give, organization_rate
from outsourcer.oversight.services.feedback_reminders import feedback_reminders_plan, feedback_reminders_send
from outsourcer.testing.oversight import make_deliverable, make_working_task

pytestmark = pytest.mark.django_db
GOOD = {"quality": 5, "timeliness": 4, "communication": 3}
FAIR = {"brief_clarity": 4, "responsiveness": 3, "payment_timeliness": 5}


def test_it_gives_feedback_once_and_tells_the_contractor_without_the_private_note(
    personas, frozen, django_capture_on_commit_callbacks
):
    deliverable = make_deliverable(personas, review="accept")
    with django_capture_on_commit_callbacks(execute=True):
        feedback = feedback_give(
            deliverable=deliverable, actor=personas.alice, comment="Lovely light.", private_note="Pricey.", **GOOD
        )
    assert (feedback.quality, feedback.contractor, feedback.given_by) == (5, personas.carol_contractor, personas.alice)
    assert Event.objects.filter(action="feedback_given", object_id=str(deliverable.pk)).exists()
    note = Notification.objects.get(user=personas.carol, kind="feedback_received")
    assert "quality 5/5" in note.message and "Pricey" not in note.message
    (email,) = mail.outbox
    assert email.to == [personas.carol.email] and "Lovely light." in email.body and "Pricey" not in email.body
    assert "Pricey" not in email.alternatives[0][0]

    with pytest.raises(DomainError, match="given already"):
        feedback_give(deliverable=deliverable, actor=personas.bob, **GOOD)
    assert Feedback.objects.count() == 1


def test_feedback_waits_for_the_work_to_be_accepted(personas, frozen):
    deliverable = make_deliverable(personas)
    with pytest.raises(DomainError, match="accepted work"):
        feedback_give(deliverable=deliverable, actor=personas.alice, **GOOD)
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("bad", [0, 6, "5", None, 4.5, True])
def test_a_rating_outside_1_to_5_saves_nothing(personas, frozen, bad):
    deliverable = make_deliverable(personas, review="accept")
    with pytest.raises(FieldErrors) as caught:
        feedback_give(deliverable=deliverable, actor=personas.alice, **{**GOOD, "timeliness": bad})
    assert caught.value.field_errors == {"timeliness": "Choose 1 to 5 stars."}
    assert not Feedback.objects.exists()


def test_the_owed_queue_lists_accepted_work_without_feedback_oldest_first(personas, frozen):
    first = make_deliverable(personas, review="accept")
    second = make_deliverable(personas, review="accept")
    make_deliverable(personas)  # waiting for review: not owed yet
    assert list(feedback_owed_for_organization(organization=personas.org)) == [first, second]
    feedback_give(deliverable=first, actor=personas.alice, **GOOD)
    assert list(feedback_owed_for_organization(organization=personas.org)) == [second]
    assert list(feedback_owed_for_organization(organization=personas.other_org)) == []


def test_the_contractor_rates_the_organization_once_per_finished_task(personas, frozen):
    unfinished = make_working_task(personas)
    with pytest.raises(DomainError, match="once the task is done"):
        organization_rate(task=unfinished, contractor=personas.carol_contractor, **FAIR)
    deliverable = make_deliverable(personas, review="accept")
    assert list(organization_rating_due_for_contractor(contractor=personas.carol_contractor)) == [deliverable.task]
    rating = organization_rate(task=deliverable.task, contractor=personas.carol_contractor, comment="Clear.", **FAIR)
    assert (rating.organization, rating.brief_clarity) == (personas.org, 4)
    with pytest.raises(DomainError, match="already"):
        organization_rate(task=deliverable.task, contractor=personas.carol_contractor, **FAIR)
    assert OrganizationRating.objects.count() == 1
    assert list(organization_rating_due_for_contractor(contractor=personas.carol_contractor)) == []
    # No audit event: the organization's activity page would say who rated, and when.
    assert not Event.objects.filter(object_type="oversight.organizationrating").exists()


def test_the_organization_sees_ratings_only_averaged_and_from_three_on(personas, frozen):
    for number, clarity in enumerate((5, 4, 2)):
        assert organization_rating_summary(organization=personas.org) is None
        task = make_deliverable(personas, review="accept").task
        organization_rate(task=task, contractor=personas.carol_contractor, **{**FAIR, "brief_clarity": clarity})
        assert OrganizationRating.objects.count() == number + 1
    summary = organization_rating_summary(organization=personas.org)
    assert (summary.count, summary.brief_clarity, summary.responsiveness, summary.payment_timeliness) == (3, 3.7, 3, 5)
    assert summary.overall == 3.9
    assert organization_rating_summary(organization=personas.other_org) is None


def test_feedback_owed_two_days_reminds_the_one_who_accepted_once(personas, frozen, django_capture_on_commit_callbacks):
    deliverable = make_deliverable(personas)
    deliverable_accept(deliverable=deliverable, actor=personas.bob)
    assert feedback_reminders_plan(now=frozen + timedelta(days=1, hours=23)) == 0
    later = frozen + timedelta(days=2, minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert feedback_reminders_plan(now=later) == 1
        assert feedback_reminders_send(now=later) == 1
        assert feedback_reminders_plan(now=later + timedelta(days=1)) == 0
        assert feedback_reminders_send(now=later + timedelta(days=1)) == 0
    (email,) = mail.outbox
    assert email.to == [personas.bob.email] and "Feedback owed" in email.subject
    assert Notification.objects.filter(user=personas.bob, kind="feedback_owed").count() == 1
    assert FeedbackReminder.objects.get().sent_at == later


def test_the_owners_are_reminded_when_the_one_who_accepted_left(personas, frozen):
    deliverable = make_deliverable(personas)
    deliverable_accept(deliverable=deliverable, actor=personas.bob)
    Membership.objects.filter(user=personas.bob, organization=personas.org).delete()
    later = frozen + timedelta(days=3)
    feedback_reminders_plan(now=later)
    assert feedback_reminders_send(now=later) == 1
    assert list(Notification.objects.filter(kind="feedback_owed").values_list("user", flat=True)) == [personas.alice.pk]


def test_feedback_given_meanwhile_cancels_the_reminder(personas, frozen):
    deliverable = make_deliverable(personas, review="accept")
    later = frozen + timedelta(days=3)
    feedback_reminders_plan(now=later)
    feedback_give(deliverable=deliverable, actor=personas.alice, **GOOD)
    assert feedback_reminders_send(now=later) == 0
    assert not Notification.objects.filter(kind="feedback_owed").exists()
