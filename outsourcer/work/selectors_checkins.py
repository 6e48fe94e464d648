"""Reads for check-ins: a task's cadence and recent check-ins, and the owner's home page lists
(check-ins missed, tasks whose latest check-in is at risk or blocked)."""

from datetime import datetime

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from outsourcer.accounts.models import Organization
from outsourcer.work.models import CheckIn, CheckInCadence, Task, TaskStatus
from outsourcer.work.models_checkins import ALERT_STATUSES

WATCHED = (TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS)
RECENT_CHECKINS = 10


def checkin_cadence_for_task(*, task: Task) -> CheckInCadence | None:
    """The task's check-in cadence, or None; no query when the task was read with it (work/access.py)."""
    if Task.checkin_cadence.is_cached(task):
        return getattr(task, "checkin_cadence", None)  # None when the task has none
    return CheckInCadence.objects.filter(task=task).first()


def checkin_list_for_task(*, task: Task, limit: int = RECENT_CHECKINS) -> list[CheckIn]:
    """The task's newest check-ins, newest first."""
    return list(CheckIn.objects.filter(task=task).order_by("-id")[:limit])


def checkins_missing_for_organization(
    *, organization: Organization, now: datetime | None = None, limit: int | None = None
) -> QuerySet[CheckInCadence]:
    """Cadences of the organization's tasks in progress whose due check-in has not come, the longest
    missing first, with task and contractor."""
    now = now or timezone.now()
    cadences = (
        CheckInCadence.objects.filter(organization=organization, task__status__in=WATCHED)
        .filter(Q(missed_at__isnull=False) | Q(next_due_at__lte=now))
        .select_related("task", "task__contractor")
        .order_by(F("missed_at").asc(nulls_last=True), "next_due_at", "pk")
    )
    return cadences[:limit] if limit else cadences


def tasks_at_risk_for_organization(*, organization: Organization, limit: int | None = None) -> QuerySet[Task]:
    """The organization's open tasks whose latest check-in says at risk or blocked, newest check-in
    first, each with `checkin_status`, `checkin_percent`, `checkin_note`, `checkin_at` and contractor."""
    tasks = (
        Task.objects.filter(
            organization=organization,
            status__in=WATCHED,
            checkins__is_latest=True,
            checkins__status__in=ALERT_STATUSES,
        )
        .annotate(
            checkin_status=F("checkins__status"),
            checkin_percent=F("checkins__percent_done"),
            checkin_note=F("checkins__note"),
            checkin_at=F("checkins__created_at"),
        )
        .select_related("contractor")
        .order_by("-checkin_at", "-pk")
    )
    return tasks[:limit] if limit else tasks
