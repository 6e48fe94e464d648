"""Utilization: each contractor's declared weekly capacity against what is allocated to them (the
remaining estimates of their sent, unfinished tasks, spread over their working time until each
deadline: work/capacity.py) and the time they logged, week by week, across every client.

An organization sees its own share of the allocation and of the logged time, and of the rest only
the total as "capacity left": the queries for other clients' tasks read numbers (estimate,
deadline, logged minutes), never a title or an id that leaves this module (docs/oversight_utilization.md).
A constant number of queries: three for any number of contractors and tasks."""

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db.models import IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from outsourcer.contractors.models import Contractor, Engagement, EngagementStatus
from outsourcer.contracts.models import TimeEntry, TimeEntryStatus
from outsourcer.lib.working_time import working_windows
from outsourcer.work.capacity import Commitment
from outsourcer.work.models import Task, TaskStatus
from outsourcer.work.week import week_bounds, week_monday, zone_of

# Work the organization has handed over and the contractor has not handed in: it takes their time.
ALLOCATED_STATUSES = (TaskStatus.SENT, TaskStatus.QUESTION, TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS)
UNDER_USED_PERCENT = 50  # below: under-used
OVER_BOOKED_PERCENT = 100  # above: over-booked
WEEKS = 4  # the current week and the three after it
MAX_CHECK_WEEKS = 26  # how far a new task's warning looks (a later deadline counts as this far)
CONTRACTOR_LIMIT = 200
# A deadline further off counts as this far (the spread is thin by then, and the count bounded).
HORIZON = timedelta(days=5 * 365)
# How many allocated tasks are summed per page at most: far past the point of being over-booked.
TASK_LIMIT = 5000


@dataclass(frozen=True)
class WeekUse:
    """One contractor's week: capacity, allocation and logged time (all clients, and this one's)."""

    monday: date
    capacity_minutes: int
    allocated_minutes: int
    logged_minutes: int
    own_allocated_minutes: int = 0
    own_logged_minutes: int = 0

    @property
    def used_minutes(self) -> int:
        return self.allocated_minutes + self.logged_minutes

    @property
    def left_minutes(self) -> int:
        return max(self.capacity_minutes - self.used_minutes, 0)

    @property
    def percent(self) -> int | None:
        """Used minutes as a whole percentage of capacity (half up); None without capacity."""
        if self.capacity_minutes <= 0:
            return None
        return (self.used_minutes * 200 + self.capacity_minutes) // (self.capacity_minutes * 2)

    @property
    def state(self) -> str:
        """ "over" (> 100 %), "under" (< 50 %), "ok", or "unknown" without a declared capacity."""
        if self.capacity_minutes <= 0:
            return "over" if self.used_minutes else "unknown"
        if self.used_minutes * 100 > self.capacity_minutes * OVER_BOOKED_PERCENT:
            return "over"
        if self.used_minutes * 100 < self.capacity_minutes * UNDER_USED_PERCENT:
            return "under"
        return "ok"


@dataclass
class ContractorUse:
    contractor: Contractor
    engagement_id: int
    weeks: list[WeekUse]

    @property
    def current(self) -> WeekUse:
        return self.weeks[0]

    @property
    def peak(self) -> WeekUse:
        """The week using the most of the capacity (the first of equals)."""
        return max(self.weeks, key=lambda week: (week.state == "over", week.used_minutes - week.capacity_minutes))

    @property
    def state(self) -> str:
        """ "over" when any week shown is over-booked, "under" when every one is under-used: a
        Sunday's nearly finished week alone says little."""
        states = {week.state for week in self.weeks}
        if "over" in states:
            return "over"
        return "under" if states == {"under"} else "ok"


@dataclass
class OrganizationUtilization:
    monday: date
    rows: list[ContractorUse]
    is_capped: bool

    @property
    def over_booked(self) -> list[ContractorUse]:
        return [row for row in self.rows if row.state == "over"]

    @property
    def under_used(self) -> list[ContractorUse]:
        return [row for row in self.rows if row.state == "under"]


@dataclass(frozen=True)
class _Allocation:
    organization_id: int
    remaining_minutes: int
    deadline_at: datetime


def _logged_on_task():
    minutes = (
        TimeEntry.objects.filter(task=OuterRef("pk"))
        .exclude(status=TimeEntryStatus.REJECTED)
        .order_by()
        .values("task")
        .annotate(total=Sum("minutes"))
        .values("total")
    )
    return Coalesce(Subquery(minutes, output_field=IntegerField()), 0)


def _allocations(contractor_ids, *, exclude_task_id: int | None = None) -> dict[int, list[_Allocation]]:
    """Each contractor's allocated tasks in every organization, as numbers only: one query."""
    tasks = Task.objects.filter(
        contractor_id__in=contractor_ids,
        status__in=ALLOCATED_STATUSES,
        estimate_minutes__gt=0,
        deadline_at__isnull=False,
    )
    if exclude_task_id is not None:
        tasks = tasks.exclude(pk=exclude_task_id)
    rows = (
        tasks.annotate(logged=_logged_on_task())
        .order_by("deadline_at", "pk")
        .values_list("contractor_id", "organization_id", "estimate_minutes", "logged", "deadline_at")[:TASK_LIMIT]
    )
    by_contractor: dict[int, list[_Allocation]] = defaultdict(list)
    for contractor_id, organization_id, estimate, logged, deadline_at in rows:
        remaining = max(estimate - logged, 0)
        if remaining:
            by_contractor[contractor_id].append(_Allocation(organization_id, remaining, deadline_at))
    return by_contractor


def _logged(contractor_ids, *, first: date, last: date) -> dict[tuple[int, date], list[tuple[int, int]]]:
    """(contractor, Monday) → [(organization, minutes)] of the time logged (not rejected): one query."""
    rows = (
        TimeEntry.objects.filter(contractor_id__in=contractor_ids, worked_on__gte=first, worked_on__lt=last)
        .exclude(status=TimeEntryStatus.REJECTED)
        .order_by()
        .values_list("contractor_id", "organization_id", "worked_on")
        .annotate(total=Sum("minutes"))
    )
    logged: dict[tuple[int, date], list[tuple[int, int]]] = defaultdict(list)
    for contractor_id, organization_id, worked_on, total in rows:
        logged[(contractor_id, week_monday(worked_on))].append((organization_id, total))
    return logged


class _WorkingClock:
    """A contractor's working seconds from `now`, cumulated window by window, so the working time
    between two moments is two binary searches: work/capacity.py's rule (`week_load`), without
    walking the calendar again for every task and week."""

    def __init__(self, contractor: Contractor, *, now: datetime, until: datetime):
        self.now = now
        self.opens: list[datetime] = []
        self.closes: list[datetime] = []
        self.before: list[int] = []  # working seconds from `now` to each window's opening
        total = 0
        hours = {"time_zone": contractor.time_zone, "working_hours": contractor.working_hours}
        for opens, closes in working_windows(now, until, **hours):
            self.opens.append(opens)
            self.closes.append(closes)
            self.before.append(total)
            total += int((closes - opens).total_seconds())

    def _seconds_to(self, moment: datetime) -> int:
        n = bisect_right(self.opens, moment) - 1
        if n < 0:
            return 0
        inside = min(moment, self.closes[n]) - self.opens[n]
        return self.before[n] + int(inside.total_seconds())

    def minutes_between(self, start: datetime, end: datetime) -> int:
        if end <= start:
            return 0
        return (self._seconds_to(end) - self._seconds_to(start)) // 60


def _share(estimate: int, part: int, whole: int) -> int:
    # work/capacity.py's rounding: integer half-up, the same minutes on every machine.
    return (estimate * part * 2 + whole) // (whole * 2)


def _week_use(
    clock: _WorkingClock,
    contractor: Contractor,
    commitments: list[Commitment],
    logged: list[tuple[int, int]],
    *,
    monday: date,
    organization_id: int | None,
) -> WeekUse:
    start, end = week_bounds(monday, zone_of(contractor.time_zone))
    now = clock.now
    now_in_week = start <= now < end
    shares: dict[object, int] = defaultdict(int)
    for commitment in commitments:
        whole = clock.minutes_between(now, commitment.deadline_at)
        if whole == 0:
            # Overdue, or no working time left: the whole remainder is owed now.
            minutes = commitment.estimate_minutes if now_in_week else 0
        else:
            part = clock.minutes_between(max(now, start), min(commitment.deadline_at, end))
            minutes = _share(commitment.estimate_minutes, part, whole)
        shares[commitment.key] += minutes
    # Commitment keys are organization ids (the new task's key is None): shares sum per client.
    return WeekUse(
        monday=monday,
        capacity_minutes=max(contractor.weekly_capacity_minutes, 0),
        allocated_minutes=sum(shares.values()),
        logged_minutes=sum(minutes for _, minutes in logged),
        own_allocated_minutes=shares.get(organization_id, 0) if organization_id is not None else 0,
        own_logged_minutes=sum(minutes for org, minutes in logged if org == organization_id),
    )


def _commitments(allocations: list[_Allocation], now: datetime, extra: Commitment | None = None) -> list[Commitment]:
    commitments = [Commitment(a.organization_id, a.remaining_minutes, a.deadline_at) for a in allocations]
    if extra is not None:
        commitments.append(extra)
    return [Commitment(c.key, c.estimate_minutes, min(c.deadline_at, now + HORIZON)) for c in commitments]


def _clock(contractor: Contractor, commitments: list[Commitment], *, now: datetime, last_monday: date) -> _WorkingClock:
    _, weeks_end = week_bounds(last_monday, zone_of(contractor.time_zone))
    until = max([weeks_end, *(c.deadline_at for c in commitments)])
    return _WorkingClock(contractor, now=now, until=until)


def weeks_for_contractors(
    contractors: list[Contractor], *, today: date, now: datetime, organization_id: int | None, weeks: int = WEEKS
) -> dict[int, list[WeekUse]]:
    """Each contractor's weeks from the one holding `today` (in their own zone), across every
    client, with `organization_id`'s share: two queries whatever their number."""
    monday = week_monday(today)
    ids = [contractor.pk for contractor in contractors]
    if not ids:
        return {}
    allocations = _allocations(ids)
    logged = _logged(ids, first=monday, last=monday + timedelta(days=7 * weeks))
    mondays = [monday + timedelta(days=7 * n) for n in range(weeks)]
    answer = {}
    for contractor in contractors:
        commitments = _commitments(allocations.get(contractor.pk, []), now)
        clock = _clock(contractor, commitments, now=now, last_monday=mondays[-1])
        answer[contractor.pk] = [
            _week_use(
                clock,
                contractor,
                commitments,
                logged.get((contractor.pk, week), []),
                monday=week,
                organization_id=organization_id,
            )
            for week in mondays
        ]
    return answer


def utilization_for_organization(*, organization, today: date, now: datetime) -> OrganizationUtilization:
    """Every active contractor of the organization, the week holding `today` and the WEEKS - 1
    after it: three queries."""
    engagements = list(
        Engagement.objects.filter(organization=organization, status=EngagementStatus.ACTIVE)
        .select_related("contractor")
        .order_by("contractor__name", "pk")[: CONTRACTOR_LIMIT + 1]
    )
    weeks = weeks_for_contractors(
        [engagement.contractor for engagement in engagements[:CONTRACTOR_LIMIT]],
        today=today,
        now=now,
        organization_id=organization.pk,
    )
    return utilization_from_weeks(engagements, today=today, weeks=weeks)


def utilization_from_weeks(engagements: list[Engagement], *, today: date, weeks) -> OrganizationUtilization:
    """The utilization of the organization's active `engagements` (with their contractors, in the
    order shown) from their contractors' `weeks` (`weeks_for_contractors`), for a caller that read
    them already: no query."""
    rows = [
        ContractorUse(
            contractor=engagement.contractor, engagement_id=engagement.pk, weeks=weeks[engagement.contractor_id]
        )
        for engagement in engagements[:CONTRACTOR_LIMIT]
    ]
    return OrganizationUtilization(monday=week_monday(today), rows=rows, is_capped=len(engagements) > CONTRACTOR_LIMIT)


def capacity_left_for_contractor(
    *, contractor: Contractor, today: date, now: datetime, organization_id: int | None = None, weeks: int = WEEKS
) -> list[WeekUse]:
    """The contractor's weeks from the one holding `today`: two queries."""
    return weeks_for_contractors([contractor], today=today, now=now, organization_id=organization_id, weeks=weeks)[
        contractor.pk
    ]


@dataclass(frozen=True)
class OverbookedWeek:
    """A week the new task would take past capacity: the capacity left before it and its share."""

    monday: date
    capacity_minutes: int
    left_before_minutes: int
    task_minutes: int
    percent_after: int | None


def capacity_check(
    *,
    contractor: Contractor,
    estimate_minutes: int | None,
    deadline_at: datetime | None,
    today: date,
    now: datetime,
    exclude_task_id: int | None = None,
) -> list[OverbookedWeek]:
    """The weeks in which a task of `estimate_minutes` due `deadline_at` would book the contractor
    past their declared capacity across all their clients (empty when it fits, or without an
    estimate or deadline). `exclude_task_id`: the task being edited, already allocated."""
    if not estimate_minutes or estimate_minutes <= 0 or deadline_at is None:
        return []
    if timezone.is_naive(deadline_at):
        deadline_at = timezone.make_aware(deadline_at, UTC)
    monday = week_monday(today)
    last = week_monday(max(min(deadline_at.date(), monday + timedelta(days=7 * MAX_CHECK_WEEKS)), monday))
    count = (last - monday).days // 7 + 1
    allocations = _allocations([contractor.pk], exclude_task_id=exclude_task_id).get(contractor.pk, [])
    logged = _logged([contractor.pk], first=monday, last=monday + timedelta(days=7 * count))
    without = _commitments(allocations, now)
    with_task = _commitments(allocations, now, Commitment(None, estimate_minutes, deadline_at))
    clock = _clock(contractor, with_task, now=now, last_monday=last)
    found = []
    for n in range(count):
        week = monday + timedelta(days=7 * n)
        week_logged = logged.get((contractor.pk, week), [])
        before = _week_use(clock, contractor, without, week_logged, monday=week, organization_id=None)
        after = _week_use(clock, contractor, with_task, week_logged, monday=week, organization_id=None)
        task_minutes = after.allocated_minutes - before.allocated_minutes
        if task_minutes and after.state == "over":
            found.append(OverbookedWeek(week, after.capacity_minutes, before.left_minutes, task_minutes, after.percent))
    return found
