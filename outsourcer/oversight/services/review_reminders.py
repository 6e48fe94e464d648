"""A hand-over waiting longer than settings.OUTSOURCER_REVIEW_REMIND_WORKING_DAYS working days of
the organization (Monday to Friday in its time zone: the end of the Nth working day after the day
it was handed over) reminds the owners and managers, once per version.

Each reminder is claimed with a conditional UPDATE of `reminded_version` in its own transaction,
so two workers never send it twice; the e-mails go on commit.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from outsourcer.oversight.models import Deliverable, DeliverableStatus
from outsourcer.oversight.services.notices import review_waiting_notify
from outsourcer.work.cadence import MAX_EVERY_DAYS, next_checkin_due

BATCH = 500


def review_remind_working_days() -> int:
    return min(max(int(settings.OUTSOURCER_REVIEW_REMIND_WORKING_DAYS), 1), MAX_EVERY_DAYS)


def review_due_at(deliverable: Deliverable, working_days: int) -> datetime:
    """When the latest version has waited `working_days` working days of the organization."""
    return next_checkin_due(
        deliverable.submitted_at,
        kind="working_days",
        every_days=working_days,
        time_zone=deliverable.organization.time_zone,
        working_hours=None,
    )


def review_reminders_send(*, now: datetime | None = None) -> int:
    """Remind the owners and managers of every hand-over waiting too long; returns how many."""
    now = now or timezone.now()
    days = review_remind_working_days()
    # N working days are at least N calendar days: the index narrows to those first.
    waiting = Deliverable.objects.filter(
        status=DeliverableStatus.SUBMITTED,
        reminded_version__lt=F("version"),
        submitted_at__lte=now - timedelta(days=days),
    )
    sent = 0
    for deliverable in waiting.select_related("organization").order_by("submitted_at", "pk")[:BATCH]:
        if review_due_at(deliverable, days) > now:
            continue
        with transaction.atomic():
            claimed = waiting.filter(pk=deliverable.pk, version=deliverable.version).update(
                reminded_version=deliverable.version
            )
            if claimed != 1:
                continue  # decided, handed over again, or another worker took it since the list was read
            deliverable = Deliverable.objects.select_related("organization", "contractor", "task").get(
                pk=deliverable.pk
            )
            review_waiting_notify(deliverable=deliverable, working_days=days)
        sent += 1
    return sent
