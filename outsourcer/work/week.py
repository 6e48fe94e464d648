"""A contractor's week across every organization that engaged them: tasks due, milestones and
interviews day by day in their own zone, and the capacity the week's share of their committed
tasks uses against what they declared (work/capacity.py). A constant number of queries."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from outsourcer.contractors.models import Contractor
from outsourcer.hiring.models import Interview, InterviewStatus
from outsourcer.lib.timezones import is_time_zone
from outsourcer.work.capacity import Commitment, WeekLoad, week_load
from outsourcer.work.models import Task, TaskMilestone, TaskStatus

# What a week shows as due: every sent task but the declined and cancelled ones.
DUE_STATUSES = (
    TaskStatus.SENT,
    TaskStatus.QUESTION,
    TaskStatus.ACCEPTED,
    TaskStatus.IN_PROGRESS,
    TaskStatus.SUBMITTED,
    TaskStatus.DONE,
)
# What uses capacity: work the contractor took on and has not handed in.
COMMITTED_STATUSES = (TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS)
# How many committed tasks the capacity sums at most (a contractor with more is far over anyway).
COMMITTED_LIMIT = 500
ITEM_LIMIT = 200


def week_monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def zone_of(name: str) -> ZoneInfo:
    return ZoneInfo(name if is_time_zone(name) else "UTC")


def week_bounds(monday: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """Midnight of `monday` and of the Monday after, in `zone` (a clock-change week is 167 or 169 hours)."""
    return datetime.combine(monday, time(0), tzinfo=zone), datetime.combine(
        monday + timedelta(days=7), time(0), tzinfo=zone
    )


@dataclass
class WeekItem:
    kind: str  # "deadline", "milestone" or "interview"
    title: str
    organization: str
    at: datetime | None  # None: all day (a milestone)
    task_id: int | None = None
    status: str = ""
    status_label: str = ""
    ends_at: datetime | None = None
    location: str = ""


@dataclass
class WeekDay:
    day: date
    items: list[WeekItem] = field(default_factory=list)


@dataclass
class ContractorWeek:
    monday: date
    time_zone: str
    days: list[WeekDay]
    load: WeekLoad
    # (task, minutes this week) of the committed tasks, biggest share first.
    shares: list[tuple[Task, int]]
    unplanned: list[Task]  # committed tasks without an estimate or a deadline

    @property
    def previous(self) -> date:
        return self.monday - timedelta(days=7)

    @property
    def next(self) -> date:
        return self.monday + timedelta(days=7)

    @property
    def is_empty(self) -> bool:
        return not any(day.items for day in self.days)


def _days(monday: date) -> list[WeekDay]:
    return [WeekDay(day=monday + timedelta(days=offset)) for offset in range(7)]


def contractor_week(*, contractor: Contractor, monday: date, now: datetime) -> ContractorWeek:
    """The contractor's week starting `monday` (in their zone), seen at `now`: four queries."""
    zone = zone_of(contractor.time_zone)
    start, end = week_bounds(monday, zone)
    days = _days(monday)
    sent = Task.objects.filter(contractor=contractor, sent_at__isnull=False)
    for task in (
        sent.filter(status__in=DUE_STATUSES, deadline_at__gte=start, deadline_at__lt=end)
        .select_related("organization")
        .order_by("deadline_at", "pk")[:ITEM_LIMIT]
    ):
        local = task.deadline_at.astimezone(zone)
        days[local.weekday()].items.append(
            WeekItem(
                kind="deadline",
                title=task.title,
                organization=task.organization.name,
                at=local,
                task_id=task.pk,
                status=task.status,
                status_label=task.get_status_display(),
            )
        )
    milestones = TaskMilestone.objects.filter(
        task__contractor=contractor,
        task__sent_at__isnull=False,
        task__status__in=DUE_STATUSES,
        due_on__gte=monday,
        due_on__lt=monday + timedelta(days=7),
    ).select_related("task", "task__organization")
    for milestone in milestones.order_by("due_on", "pk")[:ITEM_LIMIT]:
        days[milestone.due_on.weekday()].items.insert(
            0,
            WeekItem(
                kind="milestone",
                title=f"{milestone.title} · {milestone.task.title}",
                organization=milestone.task.organization.name,
                at=None,
                task_id=milestone.task_id,
            ),
        )
    interviews = Interview.objects.filter(
        contractor=contractor, status=InterviewStatus.SCHEDULED, starts_at__gte=start, starts_at__lt=end
    ).select_related("organization")
    for interview in interviews.order_by("starts_at", "pk")[:ITEM_LIMIT]:
        local = interview.starts_at.astimezone(zone)
        days[local.weekday()].items.append(
            WeekItem(
                kind="interview",
                title=f"Interview with {interview.organization.name}",
                organization=interview.organization.name,
                at=local,
                ends_at=local + timedelta(minutes=interview.duration_minutes),
                location=interview.location,
            )
        )
    for day in days:
        # Milestones (all day) first, then by time.
        day.items.sort(key=lambda item: (item.at is not None, item.at or start))
    load, shares, unplanned = _capacity(contractor, start=start, end=end, now=now)
    return ContractorWeek(monday=monday, time_zone=zone.key, days=days, load=load, shares=shares, unplanned=unplanned)


def _capacity(contractor: Contractor, *, start: datetime, end: datetime, now: datetime):
    committed = list(
        Task.objects.filter(contractor=contractor, status__in=COMMITTED_STATUSES)
        .select_related("organization")
        .order_by("deadline_at", "pk")[:COMMITTED_LIMIT]
    )
    planned = [task for task in committed if task.estimate_minutes and task.deadline_at]
    load = week_load(
        [Commitment(task.pk, task.estimate_minutes, task.deadline_at) for task in planned],
        week_start=start,
        week_end=end,
        now=now,
        time_zone=contractor.time_zone,
        working_hours=contractor.working_hours,
        capacity_minutes=contractor.weekly_capacity_minutes,
    )
    by_id = {task.pk: task for task in planned}
    shares = sorted(((by_id[key], minutes) for key, minutes in load.shares), key=lambda pair: -pair[1])
    unplanned = [task for task in committed if not (task.estimate_minutes and task.deadline_at)]
    return load, shares, unplanned
