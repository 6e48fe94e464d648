"""A contractor's track record with an organization: the one selector later domains plug into.

`track_records(organization=…, contractor_ids=…)` asks every registered input for its tally rows
(an SQL aggregate grouped by contractor and calendar quarter), runs them all as one query (UNION
ALL: `tallies_fetch`, which the trust score also uses to add the vetting evidence to the same
query) and sums them per metric. The built-in inputs (track_inputs.py, registered by
HiringConfig.ready) read the completed work that exists today:

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

    track_record_input_register(TrackInput(metric=RATING, source=rating_source))

where `rating_source(*, organization, contractor_ids)` returns its rows, unevaluated, through
`tally_query(rows, contractor=…, quarter=…, count=…, total=…)`. Every registered metric with a
`trust_weight` also becomes a part of the trust score (trust.py).
"""

import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    DateField,
    FloatField,
    Func,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast

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
    """The unit (given in the plural) for `count`: "replies" → "reply", "scorecards" → "scorecard"."""
    if count != 1:
        return unit
    return unit[:-3] + "y" if unit.endswith("ies") else unit.removesuffix("s")


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
    """A registered input: `source(*, organization, contractor_ids)` returns an unevaluated
    queryset of tally rows for `metric`, built with `tally_query`."""

    metric: Metric
    source: Callable[..., QuerySet]


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
    def summary(self) -> str:
        """How much completed work there is: "2 milestones, 8 time entries, 1 reply"."""
        nouns = {ON_TIME.key: "milestones", FIRST_TIME.key: "time entries", RATING.key: "ratings"}
        nouns[RESPONSE.key] = "replies"
        parts = [
            f"{r.count} {_plural(r.count, nouns.get(key, r.metric.label.lower()))}"
            for key, r in self.metrics.items()
            if r.count
        ]
        return ", ".join(parts) if parts else "No history yet"

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


class QuarterStart(Func):
    """The first day of the calendar quarter of a date expression, as a date."""

    output_field = DateField()
    arity = 1
    template = "CAST(date_trunc('quarter', %(expressions)s) AS date)"

    def as_sqlite(self, compiler, connection, **extra):
        # The date appears twice, so its parameters (a time zone) are passed twice.
        sql, params = compiler.compile(self.source_expressions[0])
        month = f"CAST(strftime('%%m', {sql}) AS INTEGER)"
        return f"date({sql}, 'start of month', '-' || (({month} - 1) %% 3) || ' months')", [*params, *params]


TALLY_COLUMNS = ("t_contractor", "t_quarter", "t_count", "t_total")


def tally_query(rows: QuerySet, *, contractor, quarter, count, total, grouped: bool = True) -> QuerySet:
    """`rows` as tally rows (contractor id, quarter start date, count, total): grouped by contractor
    and quarter (`count` and `total` are aggregates), or one row per observation (grouped=False).
    `quarter` is a date expression; QuarterStart makes it the quarter's first day."""
    rows = rows.order_by().annotate(t_contractor=contractor, t_quarter=QuarterStart(quarter))
    if grouped:
        rows = rows.values("t_contractor", "t_quarter")
    rows = rows.annotate(t_count=count, t_total=Cast(total, FloatField()))
    return rows.values_list(*TALLY_COLUMNS)


def tallies_fetch(sources: list[tuple[Metric, QuerySet]]) -> list[Tally]:
    """Every source's tally rows in one query (UNION ALL), whatever the number of sources."""
    if not sources:
        return []
    metrics = {metric.key: metric for metric, _ in sources}
    queries = [
        rows.annotate(t_metric=Value(metric.key)).values_list("t_metric", *TALLY_COLUMNS) for metric, rows in sources
    ]
    union = queries[0].union(*queries[1:], all=True).order_by() if len(queries) > 1 else queries[0]
    return [
        Tally(metrics[key], contractor_id, quarter, int(count), float(total or 0))
        for key, contractor_id, quarter, count, total in union
    ]


def track_record_sources(*, organization, contractor_ids) -> list[tuple[Metric, QuerySet]]:
    """Every registered input's unevaluated tally rows (for `tallies_fetch`, alone or with more)."""
    ids = list(contractor_ids)
    return [(i.metric, i.source(organization=organization, contractor_ids=ids)) for i in _INPUTS]


def track_records(*, organization, contractor_ids, tallies: list[Tally] | None = None) -> dict[int, TrackRecord]:
    """Each contractor's track record with the organization, in one query whatever the number of
    contractors and inputs (none when `tallies`, fetched together with other evidence, are given);
    a contractor without any evidence has `has_history` False."""
    ids = list(dict.fromkeys(contractor_ids))
    metrics = track_record_metrics()
    records = {cid: TrackRecord(cid, {m.key: MetricRecord(m) for m in metrics}) for cid in ids}
    if not ids:
        return records
    if tallies is None:
        tallies = tallies_fetch(track_record_sources(organization=organization, contractor_ids=ids))
    for tally in tallies:
        if tally.contractor_id not in records or tally.metric.key not in records[tally.contractor_id].metrics:
            continue  # another kind of evidence fetched in the same query (the trust score's vetting)
        record = records[tally.contractor_id].metrics[tally.metric.key]
        record.count += tally.count
        record.total += tally.total
        record.quarters[tally.quarter].append(tally)
    return records
