"""An organization's timeline: its tasks and their milestones per contractor over some weeks, as
the numbers of an SVG drawing (bars from a task's start to its deadline, a diamond per milestone)
and of the table under it. Dates are the organization's. Two queries, whatever the task count."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Q

from outsourcer.accounts.models import Organization
from outsourcer.lib.timezones import date_in
from outsourcer.work.models import Task, TaskMilestone, TaskStatus
from outsourcer.work.week import week_bounds, zone_of

DEFAULT_WEEKS = 6
MAX_WEEKS = 26
TASK_LIMIT = 300
CLOSED = (TaskStatus.DONE, TaskStatus.CANCELLED)
# The drawing's grid, in SVG user units: the names' column, a day, a task's row, a lane's heading.
LABEL_WIDTH = 180
DAY_WIDTH = 16
ROW_HEIGHT = 22
LANE_HEAD = 22
TOP = 30


@dataclass
class TimelineMilestone:
    title: str
    due_on: date
    is_overdue: bool
    x: float = 0
    y: float = 0


@dataclass
class TimelineTask:
    task: Task
    starts_on: date
    deadline_on: date
    is_overdue: bool
    milestones: list[TimelineMilestone] = field(default_factory=list)
    x: float = 0
    y: float = 0
    width: float = 0
    clipped_left: bool = False
    clipped_right: bool = False


@dataclass
class TimelineLane:
    contractor: str
    tasks: list[TimelineTask]
    y: float = 0


@dataclass
class WeekTick:
    monday: date
    x: float


@dataclass
class Timeline:
    monday: date
    weeks: int
    today: date
    lanes: list[TimelineLane]
    ticks: list[WeekTick]
    width: int
    height: int
    today_x: float | None
    is_capped: bool

    @property
    def last_day(self) -> date:
        return self.monday + timedelta(days=self.weeks * 7 - 1)

    @property
    def previous(self) -> date:
        return self.monday - timedelta(days=self.weeks * 7)

    @property
    def next(self) -> date:
        return self.monday + timedelta(days=self.weeks * 7)

    @property
    def overdue_count(self) -> int:
        return sum(task.is_overdue for lane in self.lanes for task in lane.tasks)

    @property
    def summary(self) -> str:
        count, people = sum(len(lane.tasks) for lane in self.lanes), len(self.lanes)
        text = f"{count} task{'s' if count != 1 else ''} of {people} contractor{'s' if people != 1 else ''}"
        text += f" from {self.monday:%d %b} to {self.last_day:%d %b %Y}"
        return text + (f", {self.overdue_count} overdue" if self.overdue_count else "")


def _x(day: date, monday: date) -> float:
    return LABEL_WIDTH + (day - monday).days * DAY_WIDTH


def organization_timeline(*, organization: Organization, monday: date, weeks: int, now: datetime) -> Timeline:
    """Tasks with a deadline that overlap the `weeks` from `monday`, and open ones already overdue
    (drawn at the left edge), grouped per contractor; cancelled tasks are left out."""
    zone = zone_of(organization.time_zone)
    start = week_bounds(monday, zone)[0]
    end = week_bounds(monday + timedelta(days=(weeks - 1) * 7), zone)[1]
    today = date_in(now, zone.key)
    tasks = list(
        Task.objects.filter(organization=organization, deadline_at__isnull=False, created_at__lt=end)
        .exclude(status=TaskStatus.CANCELLED)
        .filter(Q(deadline_at__gte=start) | (Q(deadline_at__lt=now) & ~Q(status__in=CLOSED)))
        .select_related("contractor")
        .order_by("contractor__name", "contractor_id", "deadline_at", "pk")[: TASK_LIMIT + 1]
    )
    is_capped = len(tasks) > TASK_LIMIT
    tasks = tasks[:TASK_LIMIT]
    last_day = monday + timedelta(days=weeks * 7 - 1)
    milestones: dict[int, list[TaskMilestone]] = {}
    for milestone in TaskMilestone.objects.filter(
        task_id__in=[task.pk for task in tasks], due_on__gte=monday, due_on__lte=last_day
    ).order_by("due_on", "pk"):
        milestones.setdefault(milestone.task_id, []).append(milestone)
    lanes: list[TimelineLane] = []
    y = TOP
    for task in tasks:
        if not lanes or lanes[-1].contractor != task.contractor.name:
            lanes.append(TimelineLane(contractor=task.contractor.name, tasks=[], y=y))
            y += LANE_HEAD
        lanes[-1].tasks.append(_place(task, milestones.get(task.pk, []), monday, last_day, today, now, zone, y))
        y += ROW_HEIGHT
    width = LABEL_WIDTH + weeks * 7 * DAY_WIDTH
    return Timeline(
        monday=monday,
        weeks=weeks,
        today=today,
        lanes=lanes,
        ticks=[
            WeekTick(monday + timedelta(days=7 * n), _x(monday + timedelta(days=7 * n), monday)) for n in range(weeks)
        ],
        width=width,
        height=y + 8,
        today_x=_x(today, monday) + DAY_WIDTH // 2 if monday <= today <= last_day else None,
        is_capped=is_capped,
    )


def _place(task, milestones, monday, last_day, today, now, zone, y) -> TimelineTask:
    begun = task.accepted_at or task.sent_at or task.created_at
    starts_on = date_in(begun, zone.key)
    deadline_on = date_in(task.deadline_at, zone.key)
    is_overdue = task.deadline_at < now and task.status not in CLOSED
    first, last = max(min(starts_on, deadline_on), monday), min(deadline_on, last_day)
    if last < monday:
        # Overdue from before the range: a one-day stub at the left edge.
        first = last = monday
    placed = TimelineTask(
        task=task,
        starts_on=starts_on,
        deadline_on=deadline_on,
        is_overdue=is_overdue,
        x=_x(first, monday),
        y=y,
        width=((last - first).days + 1) * DAY_WIDTH,
        clipped_left=min(starts_on, deadline_on) < monday,
        clipped_right=deadline_on > last_day,
    )
    for milestone in milestones:
        placed.milestones.append(
            TimelineMilestone(
                title=milestone.title,
                due_on=milestone.due_on,
                is_overdue=milestone.due_on < today and task.status not in CLOSED,
                x=_x(milestone.due_on, monday) + DAY_WIDTH // 2,
                y=y + ROW_HEIGHT // 2,
            )
        )
    return placed
