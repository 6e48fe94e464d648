"""The home page's work items: questions asked on tasks, contractors' messages with no reply yet,
and open tasks past their deadline, as ordered querysets (the home cuts each to its first rows
inside one UNION, home/need_rows.py); each first rows are one of the organization's index ranges."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth

from outsourcer.accounts.models import Organization
from outsourcer.messaging.models import Message
from outsourcer.work.models import Task, TaskStatus

# A task still owed by the contractor or waiting on the organization: sent and not yet done.
OVERDUE_STATUSES = (
    TaskStatus.SENT,
    TaskStatus.QUESTION,
    TaskStatus.ACCEPTED,
    TaskStatus.IN_PROGRESS,
    TaskStatus.SUBMITTED,
)


def tasks_with_question_for_organization(*, organization: Organization) -> QuerySet[Task]:
    """Tasks whose contractor asked a question before accepting, the oldest first."""
    rows = Task.objects.filter(organization=organization, status=TaskStatus.QUESTION)
    return rows.select_related("contractor").order_by("id")


def messages_unanswered_for_organization(*, organization: Organization) -> QuerySet[Message]:
    """Per task thread, the contractor's latest message when nothing came after it (no reply from
    the organization yet), the longest-waiting first, with its task and contractor."""
    later = Message.objects.filter(organization_id=OuterRef("organization_id"), thread_id=OuterRef("thread_id"))
    rows = Message.objects.filter(organization=organization, task__isnull=False, from_contractor=True).exclude(
        Exists(later.filter(id__gt=OuterRef("id")))
    )
    return rows.select_related("task", "contractor").order_by("id")


def tasks_overdue_for_organization(*, organization: Organization, now: datetime) -> QuerySet[Task]:
    """Open tasks (sent, not done) whose deadline has passed, the longest overdue first."""
    rows = Task.objects.filter(organization=organization, status__in=OVERDUE_STATUSES, deadline_at__lt=now)
    return rows.select_related("contractor").order_by("deadline_at", "id")


# What uses a contractor's capacity: work taken on and not handed in (work/week.py's rule).
COMMITTED_STATUSES = (TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS)


def tasks_committed_for_organization(*, organization: Organization, limit: int = 500) -> list[dict]:
    """The organization's tasks its contractors took on and have not handed in, with an estimate
    and a deadline (what capacity.week_load spreads), as rows of COMMITTED_COLUMNS (the task's
    figures and its contractor's name, zone, hours and capacity); the nearest deadline first, at
    most `limit`. Rows, not tasks: the utilization chart reads hundreds and shows none of them."""
    rows = Task.objects.filter(
        organization=organization,
        status__in=COMMITTED_STATUSES,
        estimate_minutes__gt=0,
        deadline_at__isnull=False,
    )
    return list(rows.order_by("deadline_at", "id").values(*COMMITTED_COLUMNS)[:limit])


COMMITTED_COLUMNS = (
    "id",
    "estimate_minutes",
    "deadline_at",
    "contractor_id",
    "contractor__name",
    "contractor__time_zone",
    "contractor__working_hours",
    "contractor__weekly_capacity_minutes",
)


def tasks_done_by_month(*, organization: Organization, since: datetime, time_zone: str) -> list[dict]:
    """Per month (in `time_zone`) since `since`: tasks with a deadline marked done, and how many of
    them were done by it. One grouped query: [{"month": date, "done": n, "on_time": n}, …]."""
    rows = (
        Task.objects.filter(
            organization=organization, status=TaskStatus.DONE, done_at__gte=since, deadline_at__isnull=False
        )
        .annotate(month=TruncMonth("done_at", tzinfo=ZoneInfo(time_zone)))
        .values("month")
        .annotate(done=Count("id"), on_time=Count("id", filter=Q(done_at__lte=F("deadline_at"))))
        .order_by("month")
    )
    return [{"month": _as_date(row["month"]), "done": row["done"], "on_time": row["on_time"]} for row in rows]


def _as_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value
