"""The trust score: 0–100 per engagement from vetting and track record (docs/trust.md).

Every part is a Metric (track_record.py) with a weight: interview scorecards, references' answers
and company checks from vetting, then every track-record metric (on-time delivery, first-time
acceptance, ratings, response time, and whatever later domains register). A part's evidence comes
as tallies per calendar quarter; each quarter with evidence is summed up on its own, scored 0–1,
and weighted DECAY ** (quarters ago), so recent quarters count more and empty ones not at all.
The score is the parts' points over the weights of the parts that have evidence; below
MIN_EVIDENCE_WEIGHT of them it is "not enough data". `trust_from_tallies` is the pure formula;
`trust_scores` reads all the evidence in one query (`trust_sources` through `tallies_fetch`).
"""

import zoneinfo
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, DateTimeField, F, FloatField, Q, QuerySet, Sum, Value
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils import timezone

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
    average_text,
    quarter_of,
    share_text,
    summarize,
    tallies_fetch,
    tally_query,
    track_record_metrics,
    track_record_sources,
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
    contractor_ids: dict[int, int] | None = None,
    tallies: list[Tally] | None = None,
    today: date | None = None,
) -> dict[int, TrustScore]:
    """Each engagement's trust score: one query for all the evidence (vetting and track record,
    `tallies_fetch`), plus one for the engagements' contractors unless `contractor_ids` maps them;
    none with `tallies` fetched by the caller (from `trust_sources`)."""
    ids = list(dict.fromkeys(engagement_ids))
    if not ids:
        return {}
    today = today or today_for(organization)
    if contractor_ids is None:
        contractor_ids = dict(
            Engagement.objects.filter(organization=organization, pk__in=ids).values_list("pk", "contractor_id")
        )
    ids = [engagement_id for engagement_id in ids if engagement_id in contractor_ids]
    if tallies is None:
        tallies = tallies_fetch(
            trust_sources(organization=organization, contractor_ids=[contractor_ids[e] for e in ids], today=today)
        )
    by_contractor: dict[int, list[Tally]] = defaultdict(list)
    for tally in tallies:
        by_contractor[tally.contractor_id].append(tally)
    return {e: trust_from_tallies(e, by_contractor[contractor_ids[e]], today=today) for e in ids}


def trust_score(*, organization, engagement_id: int) -> TrustScore | None:
    """One engagement's trust score (None when it is not the organization's)."""
    return trust_scores(organization=organization, engagement_ids=[engagement_id]).get(engagement_id)


def trust_sources(*, organization, contractor_ids, today: date) -> list[tuple[Metric, QuerySet]]:
    """The unevaluated evidence of the trust score, for `tallies_fetch`: the track record's inputs
    and vetting's (scorecards of interviews that were not cancelled, answers of references
    received, company checks decided). Keyed by contractor: an organization has one engagement
    per contractor."""
    zone = zoneinfo.ZoneInfo(organization.time_zone)
    ids = list(contractor_ids)
    scorecards = Scorecard.objects.filter(organization=organization, interview__contractor_id__in=ids).exclude(
        interview__status=InterviewStatus.CANCELLED
    )
    points = F("communication") + F("skill") + F("reliability") + F("understanding")
    references = ReferenceCheck.objects.filter(
        organization=organization, contractor_id__in=ids, status=ReferenceStatus.RECEIVED
    )
    answers = ("reliability", "quality", "communication")
    # Every answer is one observation scored 0–1: a 1–5 answer as (x − 1) / 4, "would hire again" yes/no.
    answered = sum((Count(a) for a in answers), Count("would_hire_again"))
    points_above_one = sum((Coalesce(Sum(a), 0) - Count(a) for a in answers), Value(0))
    checks = CompanyCheck.objects.filter(
        organization=organization,
        engagement__contractor_id__in=ids,
        status__in=[CompanyCheckStatus.VERIFIED, CompanyCheckStatus.FAILED],
    )
    now = Value(timezone.now(), output_field=DateTimeField())
    return [
        *track_record_sources(organization=organization, contractor_ids=ids),
        (
            INTERVIEWS,
            tally_query(
                scorecards,
                contractor=F("interview__contractor_id"),
                quarter=TruncDate("interview__starts_at", tzinfo=zone),
                count=Count("id"),
                total=Cast(Sum(points), FloatField()) / 4,
            ),
        ),
        (
            REFERENCES,
            tally_query(
                references,
                contractor=F("contractor_id"),
                quarter=TruncDate("received_at", tzinfo=zone),
                count=answered,
                total=Cast(points_above_one, FloatField()) / 4 + Count("id", filter=Q(would_hire_again=True)),
            ),
        ),
        (
            CHECKS,
            tally_query(
                checks,
                contractor=F("engagement__contractor_id"),
                # A check decided before verified_at was kept counts as this quarter's.
                quarter=TruncDate(Coalesce(F("verified_at"), now), tzinfo=zone),
                count=Count("id"),
                total=Count("id", filter=Q(status=CompanyCheckStatus.VERIFIED)),
            ),
        ),
    ]
