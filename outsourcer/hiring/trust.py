"""The trust score: 0–100 per engagement from vetting and track record (docs/trust.md).

Every part is a Metric (track_record.py) with a weight: interview scorecards, references' answers
and company checks from vetting, then every track-record metric (on-time delivery, first-time
acceptance, ratings, response time, and whatever later domains register). A part's evidence comes
as tallies per calendar quarter; each quarter with evidence is summed up on its own, scored 0–1,
and weighted DECAY ** (quarters ago), so recent quarters count more and empty ones not at all.
The score is the parts' points over the weights of the parts that have evidence; below
MIN_EVIDENCE_WEIGHT of them it is "not enough data". `trust_from_tallies` is the pure formula;
`trust_scores` reads the evidence in a fixed number of queries.
"""

import zoneinfo
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncQuarter

from outsourcer.budgets.periods import today_for
from outsourcer.contractors.models import Engagement
from outsourcer.hiring.models import (
    CompanyCheck,
    CompanyCheckStatus,
    InterviewStatus,
    ReferenceCheck,
    ReferenceStatus,
    Scorecard,
)
from outsourcer.hiring.track_record import (
    AVERAGE,
    SHARE,
    Metric,
    Tally,
    TrackRecord,
    average_text,
    quarter_of,
    share_text,
    summarize,
    track_record_metrics,
    track_records,
)

DECAY = 0.7  # a quarter's weight against the one after it
MIN_EVIDENCE_WEIGHT = 35  # the weights of the parts with evidence must reach this for a score

INTERVIEWS = Metric("interviews", "Interview scores", AVERAGE, 20, lambda v: (v - 1) / 4, average_text("scorecards", 5))
REFERENCES = Metric(
    "references",
    "References",
    AVERAGE,
    20,
    lambda v: v,
    lambda count, total, value: (
        f"{count} {'answer' if count == 1 else 'answers'} from referees, {round(value * 100)} % of the best possible"
    ),
)
CHECKS = Metric("company_checks", "Company checks", SHARE, 10, lambda v: v, share_text("company checks verified"))
VETTING_METRICS = [INTERVIEWS, REFERENCES, CHECKS]


@dataclass(frozen=True)
class TrustPart:
    """One line of "why this score": the part's score (0–1, None without evidence), the points it
    gives of its weight, and a sentence that says why."""

    key: str
    label: str
    weight: int
    score: float | None
    count: int
    why: str

    @property
    def points(self) -> float | None:
        return None if self.score is None else round(self.weight * self.score, 1)

    @property
    def has_evidence(self) -> bool:
        return self.score is not None


@dataclass(frozen=True)
class TrustScore:
    engagement_id: int
    score: int | None
    parts: list[TrustPart]

    @property
    def evidence_weight(self) -> int:
        return sum(part.weight for part in self.parts if part.has_evidence)

    @property
    def enough_data(self) -> bool:
        return self.score is not None

    @property
    def summary(self) -> str:
        if self.score is None:
            return (
                f"Not enough data: the evidence so far covers {self.evidence_weight} of the "
                f"{MIN_EVIDENCE_WEIGHT} points a score needs."
            )
        return f"{self.score} of 100 from {self.evidence_weight} points' worth of evidence."


def quarters_between(earlier: date, later: date) -> int:
    """Whole calendar quarters from `earlier`'s quarter to `later`'s (0 when the same or later)."""
    months = (later.year - earlier.year) * 12 + (later.month - earlier.month)
    return max(0, months // 3)


def _part(metric: Metric, tallies: list[Tally], today: date) -> TrustPart:
    by_quarter: dict[date, list[Tally]] = defaultdict(list)
    for tally in tallies:
        if tally.count:
            by_quarter[tally.quarter].append(tally)
    if not by_quarter:
        return TrustPart(metric.key, metric.label, metric.trust_weight, None, 0, "No evidence yet.")
    current = quarter_of(today)
    weighted = total_weight = 0.0
    # Sorted, so the same evidence in any order gives the same floating-point sums.
    for quarter in sorted(by_quarter):
        value = summarize(metric, by_quarter[quarter])
        weight = DECAY ** quarters_between(quarter, current)
        weighted += weight * min(1.0, max(0.0, metric.score(value)))
        total_weight += weight
    everything = [t for quarter in sorted(by_quarter) for t in by_quarter[quarter]]
    count = sum(t.count for t in everything)
    why = metric.describe(count, sum(t.total for t in everything), summarize(metric, everything))
    if len(by_quarter) > 1:
        why += f", over {len(by_quarter)} quarters (the latest counts most)"
    return TrustPart(
        metric.key, metric.label, metric.trust_weight, weighted / total_weight, count, why[0].upper() + why[1:] + "."
    )


def trust_from_tallies(engagement_id: int, tallies: list[Tally], *, today: date) -> TrustScore:
    """The score of one engagement from its evidence (vetting and track-record tallies)."""
    by_metric: dict[str, list[Tally]] = defaultdict(list)
    for tally in tallies:
        by_metric[tally.metric.key].append(tally)
    parts = [_part(metric, by_metric[metric.key], today) for metric in [*VETTING_METRICS, *track_record_metrics()]]
    with_evidence = [part for part in parts if part.has_evidence]
    weight = sum(part.weight for part in with_evidence)
    score = None
    if weight >= MIN_EVIDENCE_WEIGHT:
        score = round(100 * sum(part.weight * part.score for part in with_evidence) / weight)
    return TrustScore(engagement_id, score, parts)


def trust_scores(
    *,
    organization,
    engagement_ids,
    records: dict[int, TrackRecord] | None = None,
    contractor_ids: dict[int, int] | None = None,
    today: date | None = None,
) -> dict[int, TrustScore]:
    """Each engagement's trust score in a fixed number of queries: three for vetting, one for the
    engagements' contractors (unless `contractor_ids` maps them) and the track records' (unless
    `records` gives them, keyed by contractor id)."""
    ids = list(dict.fromkeys(engagement_ids))
    if not ids:
        return {}
    today = today or today_for(organization)
    if contractor_ids is None:
        contractor_ids = dict(
            Engagement.objects.filter(organization=organization, pk__in=ids).values_list("pk", "contractor_id")
        )
    ids = [engagement_id for engagement_id in ids if engagement_id in contractor_ids]
    if records is None:
        records = track_records(organization=organization, contractor_ids=[contractor_ids[e] for e in ids])
    evidence = vetting_tallies(organization=organization, engagement_ids=ids, today=today)
    scores = {}
    for engagement_id in ids:
        record = records.get(contractor_ids[engagement_id])
        tallies = list(evidence.get(engagement_id, []))
        if record is not None:
            tallies += [tally for metric in record.metrics.values() for tally in metric.quarters_tallies()]
        scores[engagement_id] = trust_from_tallies(engagement_id, tallies, today=today)
    return scores


def trust_score(*, organization, engagement_id: int) -> TrustScore | None:
    """One engagement's trust score (None when it is not the organization's)."""
    return trust_scores(organization=organization, engagement_ids=[engagement_id]).get(engagement_id)


def vetting_tallies(*, organization, engagement_ids, today: date) -> dict[int, list[Tally]]:
    """Vetting evidence per engagement as tallies by quarter (three queries): scorecards of
    interviews that were not cancelled, answers of references received, company checks decided."""
    zone = zoneinfo.ZoneInfo(organization.time_zone)
    tallies: dict[int, list[Tally]] = defaultdict(list)
    scorecards = (
        Scorecard.objects.filter(organization=organization, interview__engagement_id__in=engagement_ids)
        .exclude(interview__status=InterviewStatus.CANCELLED)
        .annotate(quarter=TruncQuarter("interview__starts_at", tzinfo=zone))
        .order_by()
        .values("interview__engagement_id", "quarter")
        .annotate(n=Count("id"), points=Sum(F("communication") + F("skill") + F("reliability") + F("understanding")))
        .values_list("interview__engagement_id", "quarter", "n", "points")
    )
    for engagement_id, quarter, n, points in scorecards:
        tallies[engagement_id].append(Tally(INTERVIEWS, 0, _quarter(quarter, today), n, points / 4))
    answers = ("reliability", "quality", "communication")
    references = (
        ReferenceCheck.objects.filter(
            organization=organization, engagement_id__in=engagement_ids, status=ReferenceStatus.RECEIVED
        )
        .annotate(quarter=TruncQuarter("received_at", tzinfo=zone))
        .order_by()
        .values("engagement_id", "quarter")
        .annotate(
            **{f"{a}_sum": Sum(a) for a in answers},
            **{f"{a}_n": Count(a) for a in answers},
            hire_n=Count("would_hire_again"),
            hire_yes=Count("id", filter=Q(would_hire_again=True)),
        )
    )
    for row in references:
        # Every answer is one observation scored 0–1: a 1–5 answer as (x − 1) / 4, "would hire again" yes/no.
        count = sum(row[f"{a}_n"] for a in answers) + row["hire_n"]
        total = sum((row[f"{a}_sum"] or 0) - row[f"{a}_n"] for a in answers) / 4 + row["hire_yes"]
        tallies[row["engagement_id"]].append(Tally(REFERENCES, 0, _quarter(row["quarter"], today), count, total))
    checks = (
        CompanyCheck.objects.filter(
            organization=organization,
            engagement_id__in=engagement_ids,
            status__in=[CompanyCheckStatus.VERIFIED, CompanyCheckStatus.FAILED],
        )
        .annotate(quarter=TruncQuarter("verified_at", tzinfo=zone))
        .order_by()
        .values("engagement_id", "quarter")
        .annotate(n=Count("id"), good=Count("id", filter=Q(status=CompanyCheckStatus.VERIFIED)))
        .values_list("engagement_id", "quarter", "n", "good")
    )
    for engagement_id, quarter, n, good in checks:
        tallies[engagement_id].append(Tally(CHECKS, 0, _quarter(quarter, today), n, good))
    return tallies


def _quarter(value, today: date) -> date:
    # A row without its moment (a check decided before verified_at was kept) counts as current.
    if value is None:
        return quarter_of(today)
    return quarter_of(value.date() if hasattr(value, "date") else value)
