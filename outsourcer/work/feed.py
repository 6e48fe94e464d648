"""What a user's calendar feed holds, as `CalendarEvent`s (lib/calendar_files.py).

A member of an organization sees that organization's open tasks' deadlines and milestones and the
interviews they sit in; a contractor sees their own sent tasks' deadlines and milestones and their
own interviews — in every organization that engaged them, each event naming only its own client,
never another client's work. A user may be both (Carol, a contractor and a manager somewhere).

Each kind of event is one source in `FEED_SOURCES`: a function of the `FeedViewer` returning events,
one query each, so the feed's query count does not grow with its events. A new kind is one more
function added to that tuple.

Check-ins due repeat without end, so the feed lists each cadence's due moments for the next
FEED_CHECKIN_WEEKS weeks only: to the contractor on their own tasks, to the owners and managers
(who set cadences and hear of an "at risk") on their organization's."""

import hashlib
import heapq
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from outsourcer.accounts.models import Membership, User
from outsourcer.accounts.roles import RUNNERS
from outsourcer.contractors.models import Contractor
from outsourcer.hiring.models import Interview, InterviewStatus
from outsourcer.hiring.services.interview_notices import interview_uid
from outsourcer.lib.calendar_files import CalendarEvent
from outsourcer.lib.timezones import is_time_zone
from outsourcer.work.cadence import cadence_due_after
from outsourcer.work.models import OPEN_STATUSES, CalendarFeed, CheckInCadence, Task, TaskMilestone, TaskStatus
from outsourcer.work.selectors_checkins import WATCHED

FEED_PREFIX = "cal_"  # noqa: S105 - a public marker, not a secret
# A secret longer than this was never made here: refuse it before hashing.
FEED_SECRET_MAX = 100

# A contractor's own commitments: sent and not declined, done or cancelled.
CONTRACTOR_OPEN_STATUSES = (
    TaskStatus.SENT,
    TaskStatus.QUESTION,
    TaskStatus.ACCEPTED,
    TaskStatus.IN_PROGRESS,
    TaskStatus.SUBMITTED,
)
# How far back the feed reaches: last month's deadlines stay visible, older ones drop out.
FEED_PAST_DAYS = 31
# Each source's cap, so one organization's thousands of tasks cannot make a feed of megabytes.
FEED_SOURCE_LIMIT = 1000
# How far ahead check-ins due are listed: a cadence repeats without end.
FEED_CHECKIN_WEEKS = 8


def feed_secret_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def calendar_feed_for_secret(raw: str) -> CalendarFeed | None:
    """The feed (with its user) a raw secret names, or None: unknown, revoked, malformed, or the
    user's account is off."""
    if not raw or not raw.startswith(FEED_PREFIX) or len(raw) > FEED_SECRET_MAX:
        return None
    return (
        CalendarFeed.objects.select_related("user").filter(digest=feed_secret_digest(raw), user__is_active=True).first()
    )


@dataclass(frozen=True)
class FeedViewer:
    """Who a feed is for: the user, their contractor profile (if any), the organizations they
    are a member of (and those they run: owner or manager), the zone times are written in, and
    the moment the feed is made."""

    user: User
    contractor: Contractor | None
    organization_ids: frozenset[int]
    time_zone: str
    now: datetime
    managed_organization_ids: frozenset[int] = frozenset()

    @property
    def since(self) -> datetime:
        return self.now - timedelta(days=FEED_PAST_DAYS)


def feed_viewer(*, user: User, now: datetime) -> FeedViewer:
    """The viewer of `user`'s feed: their contractor profile and memberships (two queries)."""
    contractor = Contractor.objects.filter(user=user).first()
    roles = dict(
        Membership.objects.filter(user=user, organization__closed_at=None).values_list("organization_id", "role")
    )
    zone = contractor.time_zone if contractor else user.time_zone
    return FeedViewer(
        user=user,
        contractor=contractor,
        organization_ids=frozenset(roles),
        managed_organization_ids=frozenset(org for org, role in roles.items() if role in RUNNERS),
        time_zone=zone if is_time_zone(zone) else "UTC",
        now=now,
    )


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "outsourcer"


def _task_scope(viewer: FeedViewer, prefix: str = "") -> Q:
    """The tasks the viewer may see in a feed: their organizations' open ones, their own sent ones."""
    scope = Q(**{f"{prefix}organization_id__in": viewer.organization_ids, f"{prefix}status__in": OPEN_STATUSES})
    if viewer.contractor is not None:
        scope |= Q(
            **{
                f"{prefix}contractor": viewer.contractor,
                f"{prefix}status__in": CONTRACTOR_OPEN_STATUSES,
                f"{prefix}sent_at__isnull": False,
            }
        )
    return scope


def _task_view(viewer: FeedViewer, task: Task) -> tuple[str, str]:
    """(who the task is with, its page) as the viewer sees it: a member sees the contractor and the
    organization's page; the contractor sees the client and their portal page."""
    if task.organization_id in viewer.organization_ids:
        url = reverse("tasks:detail", args=[task.organization.slug, task.pk])
        return task.contractor.name, settings.SITE_URL + url
    return task.organization.name, settings.SITE_URL + reverse("tasks-portal:detail", args=[task.pk])


def task_deadline_events(viewer: FeedViewer) -> list[CalendarEvent]:
    """A moment at each visible task's deadline (from a month ago on)."""
    tasks = (
        Task.objects.filter(_task_scope(viewer), deadline_at__gte=viewer.since)
        .select_related("organization", "contractor")
        .order_by("deadline_at", "pk")[:FEED_SOURCE_LIMIT]
    )
    events = []
    for task in tasks:
        who, url = _task_view(viewer, task)
        events.append(
            CalendarEvent(
                uid=f"task-{task.pk}-deadline@{_host()}",
                starts_at=task.deadline_at,
                ends_at=None,
                summary=f"Due: {task.title} ({who})",
                description=f"Deadline of “{task.title}” ({task.get_status_display().lower()}).",
                url=url,
                time_zone=viewer.time_zone,
                categories=("Deadline",),
                stamp=task.updated_at,
            )
        )
    return events


def task_milestone_events(viewer: FeedViewer) -> list[CalendarEvent]:
    """An all-day event on each visible task's milestone date (from a month ago on)."""
    milestones = (
        TaskMilestone.objects.filter(_task_scope(viewer, "task__"), due_on__gte=viewer.since.date())
        .select_related("task", "task__organization", "task__contractor")
        .order_by("due_on", "pk")[:FEED_SOURCE_LIMIT]
    )
    events = []
    for milestone in milestones:
        who, url = _task_view(viewer, milestone.task)
        events.append(
            CalendarEvent(
                uid=f"task-milestone-{milestone.pk}@{_host()}",
                starts_at=milestone.due_on,
                ends_at=None,
                summary=f"Milestone: {milestone.title} · {milestone.task.title} ({who})",
                url=url,
                categories=("Milestone",),
                stamp=milestone.created_at,
            )
        )
    return events


def interview_events(viewer: FeedViewer) -> list[CalendarEvent]:
    """Scheduled interviews: the contractor's own, and those the user sits in as an interviewer
    (in an organization they are still a member of)."""
    scope = Q(interviewers=viewer.user, organization_id__in=viewer.organization_ids)
    if viewer.contractor is not None:
        scope |= Q(contractor=viewer.contractor)
    interviews = (
        Interview.objects.filter(scope, status=InterviewStatus.SCHEDULED, starts_at__gte=viewer.since)
        .select_related("organization", "contractor")
        .distinct()
        .order_by("starts_at", "pk")[:FEED_SOURCE_LIMIT]
    )
    events = []
    for interview in interviews:
        if viewer.contractor is not None and interview.contractor_id == viewer.contractor.pk:
            summary, url = f"Interview with {interview.organization.name}", reverse("hiring-portal:interviews")
        else:
            summary = f"Interview: {interview.contractor.name}"
            url = reverse("hiring:interview-detail", args=[interview.organization.slug, interview.pk])
        events.append(
            CalendarEvent(
                uid=interview_uid(interview),
                starts_at=interview.starts_at,
                ends_at=interview.starts_at + timedelta(minutes=interview.duration_minutes),
                summary=summary,
                location=interview.location,
                url=settings.SITE_URL + url,
                time_zone=viewer.time_zone,
                categories=("Interview",),
                sequence=interview.sequence,
                stamp=interview.created_at,
            )
        )
    return events


def _checkin_dues(cadence: CheckInCadence, *, since: datetime, until: datetime) -> Iterator[tuple[datetime, int]]:
    """(due moment, cadence id) of each check-in the cadence asks for up to `until`: its next one
    (still listed while missing, unless older than `since`), then each following one in the
    contractor's zone and working week."""
    contractor = cadence.task.contractor
    due = cadence.next_due_at if cadence.next_due_at >= since else cadence_due_after(cadence, since, contractor)
    while due <= until:
        yield due, cadence.pk
        due = cadence_due_after(cadence, due, contractor)


def checkin_due_events(viewer: FeedViewer) -> list[CalendarEvent]:
    """A moment at each check-in due in the next FEED_CHECKIN_WEEKS weeks on the tasks being worked
    on (accepted or in progress): the contractor's own, and those of the organizations the viewer
    runs. One query; the due moments are computed (work/cadence.py), earliest first."""
    scope = Q(organization_id__in=viewer.managed_organization_ids)
    if viewer.contractor is not None:
        scope |= Q(task__contractor=viewer.contractor)
    cadences = {
        cadence.pk: cadence
        for cadence in CheckInCadence.objects.filter(scope, task__status__in=WATCHED)
        .select_related("task", "task__organization", "task__contractor")
        .order_by("next_due_at", "pk")[:FEED_SOURCE_LIMIT]
    }
    until = viewer.now + timedelta(weeks=FEED_CHECKIN_WEEKS)
    dues = heapq.merge(*(_checkin_dues(c, since=viewer.since, until=until) for c in cadences.values()))
    events = []
    for due, pk in islice(dues, FEED_SOURCE_LIMIT):
        cadence = cadences[pk]
        task = cadence.task
        who, url = _task_view(viewer, task)
        events.append(
            CalendarEvent(
                uid=f"task-{task.pk}-checkin-{due:%Y%m%dT%H%M%SZ}@{_host()}",
                starts_at=due,
                ends_at=None,
                summary=f"Check-in due: {task.title} ({who})",
                description=f"Check-ins on “{task.title}” are due {cadence.description}.",
                url=url,
                time_zone=viewer.time_zone,
                categories=("Check-in",),
                stamp=cadence.updated_at,
            )
        )
    return events


# Every kind of event a feed holds.
FEED_SOURCES: tuple[Callable[[FeedViewer], Iterable[CalendarEvent]], ...] = (
    task_deadline_events,
    task_milestone_events,
    interview_events,
    checkin_due_events,
)


def feed_event_list(*, viewer: FeedViewer) -> list[CalendarEvent]:
    """Every event of the viewer's feed, source by source (one query each)."""
    return [event for source in FEED_SOURCES for event in source(viewer)]
