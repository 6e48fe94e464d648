"""A contractor's performance with one organization (per engagement): on-time delivery,
first-time acceptance, the average of the organization's feedback, response times, and the same
month by month for a history chart.

Four queries whatever the history (each an SQL aggregate grouped by month, or one number per
observation for the medians): the contractor's page keeps its query count as the work grows.

- On time: tasks done by their deadline, of the done tasks that had one; and hand-overs accepted
  by their deadline (a milestone's due day in the organization's calendar, else the task's
  deadline), of the accepted hand-overs that had one.
- First-time acceptance: accepted hand-overs accepted at version 1, of all accepted.
- Ratings: the averages of quality, timeliness and communication over the feedback given.
- Response time: the median hours from the organization's message in a task's thread (from when
  it reached the contractor; the first of several in a row) to the contractor's next message; and
  the median hours from a task being sent to the contractor accepting it.
"""

import statistics
import zoneinfo
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Avg, Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import TruncDate, TruncMonth

from outsourcer.contractors.models import Engagement
from outsourcer.hiring.track_inputs import HoursBetween
from outsourcer.messaging.models import Message
from outsourcer.oversight.models import Deliverable, DeliverableStatus, Feedback
from outsourcer.work.models import Task, TaskStatus

HISTORY_MONTHS = 12
REPLY, ACCEPT = "reply", "accept"


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _median(values: list[float]) -> float | None:
    return round(float(statistics.median(values)), 1) if values else None


@dataclass
class Month:
    """One month of the history: the same counts as the totals."""

    month: date
    due: int = 0  # tasks and hand-overs with a deadline, done or accepted this month
    on_time: int = 0
    accepted: int = 0
    first_time: int = 0
    ratings: int = 0
    rating_sum: float = 0.0

    @property
    def on_time_percent(self) -> int | None:
        return _percent(self.on_time, self.due)

    @property
    def first_time_percent(self) -> int | None:
        return _percent(self.first_time, self.accepted)

    @property
    def average_rating(self) -> float | None:
        return round(self.rating_sum / self.ratings, 1) if self.ratings else None


@dataclass
class Performance:
    tasks_due: int = 0
    tasks_on_time: int = 0
    handovers_due: int = 0
    handovers_on_time: int = 0
    accepted: int = 0
    first_time: int = 0
    feedback_count: int = 0
    quality: float | None = None
    timeliness: float | None = None
    communication: float | None = None
    reply_hours: float | None = None
    replies: int = 0
    accept_hours: float | None = None
    tasks_accepted: int = 0
    history: list[Month] = field(default_factory=list)

    @property
    def on_time_percent(self) -> int | None:
        return _percent(self.tasks_on_time + self.handovers_on_time, self.tasks_due + self.handovers_due)

    @property
    def tasks_on_time_percent(self) -> int | None:
        return _percent(self.tasks_on_time, self.tasks_due)

    @property
    def handovers_on_time_percent(self) -> int | None:
        return _percent(self.handovers_on_time, self.handovers_due)

    @property
    def first_time_percent(self) -> int | None:
        return _percent(self.first_time, self.accepted)

    @property
    def average_rating(self) -> float | None:
        parts = [self.quality, self.timeliness, self.communication]
        return None if self.quality is None else round(sum(parts) / 3, 1)

    @property
    def has_history(self) -> bool:
        return bool(self.tasks_due or self.accepted or self.feedback_count or self.replies or self.tasks_accepted)


def _month_add(day: date, months: int) -> date:
    years, month = divmod(day.month - 1 + months, 12)
    return date(day.year + years, month + 1, 1)


def performance_for_engagement(*, engagement: Engagement, today: date) -> Performance:
    """The engagement's performance (see the module docstring), with the history of the
    HISTORY_MONTHS months up to `today` (the organization's date). Four queries."""
    organization, contractor_id = engagement.organization, engagement.contractor_id
    zone = zoneinfo.ZoneInfo(organization.time_zone)
    result = Performance()
    months: dict[date, Month] = {}

    def bucket(moment) -> Month:
        key = moment.date()
        return months.setdefault(key, Month(key))

    tasks = (
        Task.objects.filter(
            organization=organization, contractor_id=contractor_id, status=TaskStatus.DONE, deadline_at__isnull=False
        )
        .annotate(month=TruncMonth("done_at", tzinfo=zone))
        .values("month")
        .annotate(due=Count("id"), on_time=Count("id", filter=Q(done_at__lte=F("deadline_at"))))
        .order_by("month")
    )
    for row in tasks:
        result.tasks_due += row["due"]
        result.tasks_on_time += row["on_time"]
        month = bucket(row["month"])
        month.due += row["due"]
        month.on_time += row["on_time"]

    with_deadline = Q(milestone__isnull=False) | Q(task__deadline_at__isnull=False)
    by_deadline = Q(milestone__isnull=False, accepted_on__lte=F("milestone__due_on")) | Q(
        milestone__isnull=True, accepted_at__lte=F("task__deadline_at")
    )
    handovers = (
        Deliverable.objects.filter(
            organization=organization, contractor_id=contractor_id, status=DeliverableStatus.ACCEPTED
        )
        .annotate(month=TruncMonth("accepted_at", tzinfo=zone), accepted_on=TruncDate("accepted_at", tzinfo=zone))
        .values("month")
        .annotate(
            accepted=Count("id"),
            first_time=Count("id", filter=Q(version=1)),
            due=Count("id", filter=with_deadline),
            on_time=Count("id", filter=with_deadline & by_deadline),
        )
        .order_by("month")
    )
    for row in handovers:
        result.accepted += row["accepted"]
        result.first_time += row["first_time"]
        result.handovers_due += row["due"]
        result.handovers_on_time += row["on_time"]
        month = bucket(row["month"])
        month.accepted += row["accepted"]
        month.first_time += row["first_time"]
        month.due += row["due"]
        month.on_time += row["on_time"]

    feedback = (
        Feedback.objects.filter(organization=organization, contractor_id=contractor_id)
        .annotate(month=TruncMonth("created_at", tzinfo=zone))
        .values("month")
        .annotate(count=Count("id"), q=Avg("quality"), t=Avg("timeliness"), c=Avg("communication"))
        .order_by("month")
    )
    sums = [0.0, 0.0, 0.0]
    for row in feedback:
        result.feedback_count += row["count"]
        for index, key in enumerate("qtc"):
            sums[index] += float(row[key]) * row["count"]
        month = bucket(row["month"])
        month.ratings += row["count"]
        month.rating_sum += (float(row["q"]) + float(row["t"]) + float(row["c"])) / 3 * row["count"]
    if result.feedback_count:
        result.quality, result.timeliness, result.communication = (
            round(total / result.feedback_count, 1) for total in sums
        )

    replies, accepts = _response_hours(organization, contractor_id)
    result.replies, result.reply_hours = len(replies), _median(replies)
    result.tasks_accepted, result.accept_hours = len(accepts), _median(accepts)

    this_month = date(today.year, today.month, 1)
    shown = (_month_add(this_month, -back) for back in range(HISTORY_MONTHS - 1, -1, -1))
    result.history = [months.get(month) or Month(month) for month in shown]
    return result


def _response_hours(organization, contractor_id: int) -> tuple[list[float], list[float]]:
    """In one query: the hours from each of the organization's messages (the first of several in a
    row, from when it reached the contractor) to the contractor's next message — unanswered ones are
    left out —, and the hours from each task sent to the contractor accepting it."""
    thread = Message.objects.filter(thread_id=OuterRef("thread_id"))
    before = Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
    previous = thread.filter(before).order_by("-created_at", "-pk").values("from_contractor")[:1]
    reply = thread.filter(from_contractor=True, created_at__gt=OuterRef("deliver_at")).order_by("created_at")
    replies = (
        Message.objects.filter(
            organization=organization, contractor_id=contractor_id, task__isnull=False, from_contractor=False
        )
        .annotate(previous_from_contractor=Subquery(previous), reply_at=Subquery(reply.values("created_at")[:1]))
        .filter(Q(previous_from_contractor=True) | Q(previous_from_contractor__isnull=True))
        .filter(reply_at__isnull=False)
        .annotate(kind=Value(REPLY), hours=HoursBetween(F("deliver_at"), F("reply_at")))
        .values_list("kind", "hours")
        .order_by()
    )
    accepts = (
        Task.objects.filter(
            organization=organization, contractor_id=contractor_id, sent_at__isnull=False, accepted_at__isnull=False
        )
        .annotate(kind=Value(ACCEPT), hours=HoursBetween(F("sent_at"), F("accepted_at")))
        .values_list("kind", "hours")
        .order_by()
    )
    found: dict[str, list[float]] = {REPLY: [], ACCEPT: []}
    for kind, hours in replies.union(accepts, all=True).order_by():
        found[kind].append(max(float(hours), 0.0))
    return found[REPLY], found[ACCEPT]
