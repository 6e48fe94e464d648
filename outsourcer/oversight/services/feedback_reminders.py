"""Reminders that feedback is owed, sent by the worker (oversight/jobs.py): work accepted more than
OUTSOURCER_FEEDBACK_REMINDER_DAYS days ago (default 2) without feedback reminds the person who
accepted it — or, when they can no longer give feedback there, the organization's owners — once.

Like work's reminders: `feedback_reminders_plan` writes one row per deliverable (its one-to-one
key makes a second run or worker write nothing), `feedback_reminders_send` claims each row with a
conditional UPDATE and sends it in the same transaction, e-mails on commit. A run that dies before
its commit leaves the row unclaimed and the next run sends it; a claimed row is never retried."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from outsourcer.accounts.models import Membership, User
from outsourcer.accounts.roles import OWNER, role_may
from outsourcer.audit.events import event_record
from outsourcer.notifications.email import email_send_on_commit
from outsourcer.notifications.services import notification_create
from outsourcer.oversight import events
from outsourcer.oversight.models import (
    Deliverable,
    DeliverableStatus,
    Feedback,
    FeedbackReminder,
    Review,
    ReviewDecision,
)

BATCH = 500
DEFAULT_DAYS = 2
REMINDER_KIND = "feedback_owed"


def feedback_reminder_days() -> int:
    """How many days feedback may be owed before a reminder (settings.OUTSOURCER_FEEDBACK_REMINDER_DAYS)."""
    return int(getattr(settings, "OUTSOURCER_FEEDBACK_REMINDER_DAYS", DEFAULT_DAYS))


def feedback_reminders_plan(*, now: datetime | None = None) -> int:
    """Write a reminder row for every deliverable accepted more than the reminder days ago that has
    neither feedback nor a reminder yet. Returns how many rows were offered."""
    now = now or timezone.now()
    accepted_by = Review.objects.filter(deliverable=OuterRef("pk"), decision=ReviewDecision.ACCEPT).order_by(
        "-decided_at", "-pk"
    )
    owed = (
        Deliverable.objects.filter(
            status=DeliverableStatus.ACCEPTED, accepted_at__lte=now - timedelta(days=feedback_reminder_days())
        )
        .exclude(Exists(Feedback.objects.filter(deliverable=OuterRef("pk"))))
        .exclude(Exists(FeedbackReminder.objects.filter(deliverable=OuterRef("pk"))))
        .annotate(accepted_by=Subquery(accepted_by.values("reviewer")[:1]))
        .order_by("accepted_at", "pk")
        .values_list("pk", "organization_id", "accepted_by")[:BATCH]
    )
    rows = [
        FeedbackReminder(organization_id=org_id, deliverable_id=pk, recipient_id=user_id, created_at=now)
        for pk, org_id, user_id in owed
    ]
    FeedbackReminder.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _recipients(reminder: FeedbackReminder) -> list[User]:
    """The person who accepted, while they may still give feedback there; else the owners."""
    members = Membership.objects.filter(organization_id=reminder.organization_id, user__is_active=True)
    if reminder.recipient_id is not None:
        role = members.filter(user_id=reminder.recipient_id).values_list("role", flat=True).first()
        if role_may(role, "feedback.give"):
            return [reminder.recipient]
    return [m.user for m in members.filter(role=OWNER).select_related("user").order_by("pk")]


def _deliver(reminder: FeedbackReminder, user: User, *, days: int) -> None:
    deliverable = reminder.deliverable
    organization = deliverable.organization
    url = reverse("feedback:give", kwargs={"org_slug": organization.slug, "deliverable_id": deliverable.pk})
    message = (
        f"{deliverable.contractor.name}'s work “{deliverable.title}” was accepted {days} days ago or more and "
        "has no feedback yet. Two minutes of ratings and a comment tell them what to keep doing."
    )
    notification_create(user=user, organization=organization, kind=REMINDER_KIND, message=message, url=url)
    email_send_on_commit(
        to=user.email,
        subject=f"Feedback owed: {deliverable.title}",
        template="emails/feedback_reminder.txt",
        context={"name": user.display_name, "message": message, "url": url},
    )
    event_record(
        action=events.FEEDBACK_REMINDER_SENT,
        organization=organization,
        obj=deliverable,
        after={"recipient": user.display_name, "days": days},
    )


def feedback_reminders_send(*, now: datetime | None = None) -> int:
    """Send every planned reminder, each claimed by a conditional UPDATE in its own transaction;
    one whose feedback has been given meanwhile is claimed and dropped. Returns how many were sent."""
    now = now or timezone.now()
    waiting = FeedbackReminder.objects.filter(claimed_at__isnull=True)
    days = feedback_reminder_days()
    sent = 0
    for reminder_id in waiting.order_by("pk").values_list("pk", flat=True)[:BATCH]:
        with transaction.atomic():
            if waiting.filter(pk=reminder_id).update(claimed_at=now) != 1:
                continue  # another worker took it since the list was read
            reminder = FeedbackReminder.objects.select_related(
                "recipient", "deliverable", "deliverable__organization", "deliverable__contractor"
            ).get(pk=reminder_id)
            if Feedback.objects.filter(deliverable_id=reminder.deliverable_id).exists():
                continue
            recipients = _recipients(reminder)
            for user in recipients:
                _deliver(reminder, user, days=days)
            if recipients:
                FeedbackReminder.objects.filter(pk=reminder_id).update(sent_at=now)
                sent += 1
    return sent
