"""A contractor's track record with an organization: the one selector later domains plug into.

`track_records(organization=…, contractor_ids=…)` asks every registered input for its tallies (one
SQL aggregate each, grouped by contractor and calendar quarter) and sums them per metric. The
built-in inputs read the completed work that exists today:

- on-time delivery: fixed-price milestones accepted on or before their due date, of all accepted;
- first-time acceptance: reviewed time entries approved without ever having been rejected (a
  correction clears the rejection from the row, so the audit's `time_entry_rejected` events say
  which were), of all reviewed (approved or still rejected) entries;
- response time: hours from the organization's message in a job's Q&A thread to the contractor's
  next reply (the first of several messages in a row starts the clock; a question left unanswered
  for RESPONSE_OPEN_HOURS counts as waiting that long so far); the median is shown.

Average rating has no input yet (no reviews exist), so it stays None. A later domain adds its
evidence without editing this module: declare a Metric (or reuse one) and register an input from
its AppConfig.ready:

    track_record_input_register(TrackInput(metric=RATING, tallies=my_rating_tallies))

where `my_rating_tallies(*, organization, contractor_ids)` returns Tally rows in one query. Every
registered metric with a `trust_weight` also becomes a part of the trust score (trust.py).
"""

import statistics
import zoneinfo
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import CharField, Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast, TruncDate, TruncQuarter
from django.utils import timezone

from outsourcer.audit.models import Event
from outsourcer.contracts.models import Milestone, MilestoneStatus, RateModel, TimeEntry, TimeEntryStatus
from outsourcer.hiring.models import JobMessage
from outsourcer.lib.timezones import date_in

SHARE, AVERAGE, MEDIAN = "share", "average", "median"
RESPONSE_FAST_HOURS = 8
RESPONSE_SLOW_HOURS = 72
RESPONSE_OPEN_HOURS = RESPONSE_SLOW_HOURS


def quarter_of(day: date) -> date:
    """The first day of the calendar quarter of `day` (budgets.periods' quarters)."""
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def _response_score(hours: float) -> float:
    # A reply within a working day is perfect; three days or more is the worst.
    span = RESPONSE_SLOW_HOURS - RESPONSE_FAST_HOURS
    return min(1.0, max(0.0, (RESPONSE_SLOW_HOURS - hours) / span))


def share_text(unit: str) -> Callable[[int, float, float], str]:
    """ "7 of 8 milestones on time (88 %)"."""
    return lambda count, total, value: f"{round(total):g} of {count} {unit} ({round(value * 100)} %)"


def average_text(unit: str, best: int) -> Callable[[int, float, float], str]:
    """ "4.3 of 5 on average from 2 scorecards"."""
    return lambda count, total, value: f"{value:.1f} of {best} on average from {count} {_plural(count, unit)}"


def median_text(unit: str) -> Callable[[int, float, float], str]:
    """ "a median of 5 h over 4 replies"."""
    return lambda count, total, value: f"a median of {value:.0f} h over {count} {_plural(count, unit)}"


def _plural(count: int, unit: str) -> str:
    return unit.removesuffix("s") if count == 1 else unit


@dataclass(frozen=True)
class Metric:
    """One kind of track-record evidence. `kind` says how a set of observations sums up: SHARE
    (values 0 or 1, shown as a percentage), AVERAGE (e.g. 1–5 stars) or MEDIAN (e.g. hours).
    `score` maps that summary to 0–1 (1 is best) for the trust score, which gives the metric
    `trust_weight` points of 100; `describe(count, total, value)` says it in words."""

    key: str
    label: str
    kind: str
    trust_weight: int
    score: Callable[[float], float] = field(compare=False)
    describe: Callable[[int, float, float], str] = field(compare=False)


ON_TIME = Metric(
    "on_time", "On-time delivery", SHARE, 20, lambda v: v, share_text("milestones accepted by their due date")
)
FIRST_TIME = Metric(
    "first_time", "First-time acceptance", SHARE, 15, lambda v: v, share_text("time entries approved the first time")
)
RATING = Metric("rating", "Average rating", AVERAGE, 10, lambda v: (v - 1) / 4, average_text("ratings", 5))
RESPONSE = Metric("response", "Response time", MEDIAN, 5, _response_score, median_text("replies"))


@dataclass(frozen=True)
class Tally:
    """`count` observations of `metric` for one contractor in the quarter starting `quarter`,
    whose values add up to `total` (SHARE: how many were good; AVERAGE: the sum of the values).
    MEDIAN metrics give one tally per observation (count 1, total = the value)."""

    metric: Metric
    contractor_id: int
    quarter: date
    count: int
    total: float


@dataclass(frozen=True)
class TrackInput:
    metric: Metric
    tallies: Callable[..., Iterable[Tally]]


@dataclass
class MetricRecord:
    """What one metric says about one contractor: all quarters together, and quarter by quarter."""

    metric: Metric
    count: int = 0
    total: float = 0
    values: list[float] = field(default_factory=list)
    quarters: dict[date, list[Tally]] = field(default_factory=lambda: defaultdict(list))

    @property
    def value(self) -> float | None:
        return summarize(self.metric, self.quarters_tallies()) if self.count else None

    def quarters_tallies(self) -> list[Tally]:
        return [tally for tallies in self.quarters.values() for tally in tallies]


def summarize(metric: Metric, tallies: list[Tally]) -> float | None:
    """The metric's value over `tallies`: the share of good ones, the average or the median."""
    count = sum(t.count for t in tallies)
    if not count:
        return None
    if metric.kind == MEDIAN:
        return float(statistics.median(t.total for t in tallies))
    return sum(t.total for t in tallies) / count


@dataclass
class TrackRecord:
    """A contractor's completed work with one organization, per metric (see the module docstring)."""

    contractor_id: int
    metrics: dict[str, MetricRecord]

    def _value(self, metric: Metric) -> float | None:
        record = self.metrics.get(metric.key)
        return record.value if record else None

    def _count(self, metric: Metric) -> int:
        record = self.metrics.get(metric.key)
        return record.count if record else 0

    @property
    def on_time_percent(self) -> int | None:
        value = self._value(ON_TIME)
        return None if value is None else round(value * 100)

    @property
    def first_time_percent(self) -> int | None:
        value = self._value(FIRST_TIME)
        return None if value is None else round(value * 100)

    @property
    def average_rating(self) -> float | None:
        value = self._value(RATING)
        return None if value is None else round(value, 1)

    @property
    def response_hours(self) -> float | None:
        value = self._value(RESPONSE)
        return None if value is None else round(value, 1)

    @property
    def milestones(self) -> int:
        return self._count(ON_TIME)

    @property
    def time_entries(self) -> int:
        return self._count(FIRST_TIME)

    @property
    def ratings(self) -> int:
        return self._count(RATING)

    @property
    def replies(self) -> int:
        return self._count(RESPONSE)

    @property
    def has_history(self) -> bool:
        return any(record.count for record in self.metrics.values())

    @property
    def score(self) -> float | None:
        """The metrics' scores weighted by their trust weights, all quarters alike (0–1), or None
        without history: what the comparison sorts "record" by."""
        parts = [(r.metric.trust_weight, r.metric.score(r.value)) for r in self.metrics.values() if r.count]
        weight = sum(w for w, _ in parts)
        return sum(w * s for w, s in parts) / weight if weight else None


_INPUTS: list[TrackInput] = []


def track_record_input_register(track_input: TrackInput) -> None:
    """Add an input to every track record (call once, e.g. from AppConfig.ready)."""
    if track_input not in _INPUTS:
        _INPUTS.append(track_input)


def track_record_metrics() -> list[Metric]:
    """Every metric a track record shows, built-in first, then those later inputs added."""
    metrics = [ON_TIME, FIRST_TIME, RATING, RESPONSE]
    for track_input in _INPUTS:
        if track_input.metric not in metrics:
            metrics.append(track_input.metric)
    return metrics


def track_records(*, organization, contractor_ids) -> dict[int, TrackRecord]:
    """Each contractor's track record with the organization, one query per registered input
    whatever the number of contractors; a contractor without any evidence has `has_history` False."""
    ids = list(dict.fromkeys(contractor_ids))
    metrics = track_record_metrics()
    records = {cid: TrackRecord(cid, {m.key: MetricRecord(m) for m in metrics}) for cid in ids}
    if not ids:
        return records
    for track_input in _INPUTS:
        for tally in track_input.tallies(organization=organization, contractor_ids=ids):
            record = records[tally.contractor_id].metrics[tally.metric.key]
            record.count += tally.count
            record.total += tally.total
            record.quarters[tally.quarter].append(tally)
    return records


# --- the built-in inputs: completed work that exists today -----------------------------------------


def on_time_tallies(*, organization, contractor_ids) -> list[Tally]:
    """Accepted milestones of fixed-price contracts, and how many on or before their due date, by
    the quarter they were due."""
    # accepted_at is a moment; "on time" compares its date in the organization's zone.
    zone = zoneinfo.ZoneInfo(organization.time_zone)
    rows = (
        Milestone.objects.filter(
            organization=organization,
            contract__contractor_id__in=contractor_ids,
            contract__rate_model=RateModel.FIXED,
            status=MilestoneStatus.ACCEPTED,
        )
        .annotate(quarter=TruncQuarter("due_on"), accepted_on=TruncDate("accepted_at", tzinfo=zone))
        .order_by()
        .values("contract__contractor_id", "quarter")
        .annotate(n=Count("id"), good=Count("id", filter=Q(accepted_on__lte=F("due_on"))))
        .values_list("contract__contractor_id", "quarter", "n", "good")
    )
    return [Tally(ON_TIME, cid, _day(quarter), n, good) for cid, quarter, n, good in rows]


def first_time_tallies(*, organization, contractor_ids) -> list[Tally]:
    """Reviewed time entries (approved or rejected), and how many were approved without a
    `time_entry_rejected` event ever recorded for them, by the quarter they were worked."""
    rejected = Event.objects.filter(
        organization=organization,
        action="time_entry_rejected",
        object_type=TimeEntry._meta.label_lower,
        object_id=Cast(OuterRef("pk"), CharField()),
    )
    rows = (
        TimeEntry.objects.filter(
            organization=organization,
            contractor_id__in=contractor_ids,
            status__in=[TimeEntryStatus.APPROVED, TimeEntryStatus.REJECTED],
        )
        .annotate(quarter=TruncQuarter("worked_on"), was_rejected=Exists(rejected))
        .order_by()
        .values("contractor_id", "quarter")
        .annotate(
            n=Count("id"),
            good=Count("id", filter=Q(status=TimeEntryStatus.APPROVED, was_rejected=False)),
        )
        .values_list("contractor_id", "quarter", "n", "good")
    )
    return [Tally(FIRST_TIME, cid, _day(quarter), n, good) for cid, quarter, n, good in rows]


def response_tallies(*, organization, contractor_ids) -> list[Tally]:
    """One tally per question the organization asked in a job's Q&A thread: the hours until the
    contractor's next message, by the quarter it was asked (organization's time zone). Only the
    first of several questions in a row counts; one unanswered for RESPONSE_OPEN_HOURS counts as
    waiting so far, one asked more recently is not judged yet."""
    thread = JobMessage.objects.filter(job_id=OuterRef("job_id"), contractor_id=OuterRef("contractor_id"))
    rows = (
        JobMessage.objects.filter(organization=organization, contractor_id__in=contractor_ids, from_contractor=False)
        .annotate(
            reply_at=Subquery(
                thread.filter(from_contractor=True, created_at__gt=OuterRef("created_at"))
                .order_by("created_at")
                .values("created_at")[:1]
            )
        )
        .order_by("created_at", "pk")
        .values_list("contractor_id", "job_id", "created_at", "reply_at")
    )
    now = timezone.now()
    first_asked: dict[tuple, tuple[int, object]] = {}
    for contractor_id, job_id, asked_at, reply_at in rows:
        # Questions answered by the same reply (or all still open in a thread) form one burst.
        first_asked.setdefault((job_id, contractor_id, reply_at), (contractor_id, asked_at))
    tallies = []
    for (_, _, reply_at), (contractor_id, asked_at) in first_asked.items():
        answered = reply_at or now
        hours = (answered - asked_at) / timedelta(hours=1)
        if reply_at is None and hours < RESPONSE_OPEN_HOURS:
            continue
        quarter = quarter_of(date_in(asked_at, organization.time_zone))
        tallies.append(Tally(RESPONSE, contractor_id, quarter, 1, round(hours, 2)))
    return tallies


def _day(value) -> date:
    # PostgreSQL's DATE_TRUNC gives a timestamp even for a date column.
    return value.date() if hasattr(value, "date") else value


track_record_input_register(TrackInput(metric=ON_TIME, tallies=on_time_tallies))
track_record_input_register(TrackInput(metric=FIRST_TIME, tallies=first_time_tallies))
track_record_input_register(TrackInput(metric=RESPONSE, tallies=response_tallies))
