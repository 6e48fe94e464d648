"""The side-by-side comparison of a job's bids: cost against the budget, timeline against the
deadline, track record, vetting, capacity left and trust, in a fixed number of queries."""

from dataclasses import dataclass
from datetime import date

from django.db.models import IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from outsourcer.budgets.exchange import rate_text
from outsourcer.budgets.periods import today_for
from outsourcer.budgets.selectors import BudgetFigures, budget_figures
from outsourcer.contractors.models import Engagement, EngagementStatus
from outsourcer.hiring.models import Bid, BidStatus, Job, RateModel
from outsourcer.hiring.track_record import TrackRecord, tallies_fetch, track_records
from outsourcer.hiring.trust import TrustScore, trust_scores, trust_sources
from outsourcer.hiring.vetting import VettingResult, vetting_results
from outsourcer.lib.csv_files import csv_safe
from outsourcer.lib.durations import duration_text, minutes_to_hours
from outsourcer.lib.money import amount_text, format_money

COMPARED = (BidStatus.SUBMITTED, BidStatus.ALTERNATE, BidStatus.AWARDED)
SORTS = {
    "total": "Lowest total",
    "trust": "Most trusted",
    "finish": "Earliest finish",
    "record": "Best track record",
}
DEFAULT_SORT = "total"


@dataclass
class ComparedBid:
    """One column of the comparison."""

    bid: Bid
    record: TrackRecord
    vetting: VettingResult
    trust: TrustScore
    capacity_left_minutes: int
    percent_of_remaining: int | None  # None when nothing is left in the budget
    is_cheapest: bool = False
    is_most_trusted: bool = False

    @property
    def contractor(self):
        return self.bid.contractor

    @property
    def own_total_text(self) -> str | None:
        """The total in the bid's own currency and the recorded rate, when it is not the budget's."""
        bid = self.bid
        if bid.exchange_rate_micros is None or bid.currency == bid.job.budget.currency:
            return None
        return f"{format_money(bid.total_cents, bid.currency)} at {rate_text(bid.exchange_rate_micros)}"

    @property
    def terms_text(self) -> str:
        return bid_terms_text(self.bid)

    @property
    def days_late(self) -> int | None:
        """Days the proposed finish falls after the job's deadline (0: on time; None: unknown)."""
        deadline, finish = self.bid.job.deadline_on, self.bid.finishes_on
        if deadline is None or finish is None:
            return None
        return max(0, (finish - deadline).days)


@dataclass
class Comparison:
    job: Job
    figures: BudgetFigures
    bids: list[ComparedBid]
    sort: str

    @property
    def remaining_cents(self) -> int:
        return self.figures.remaining_cents


def bid_terms_text(bid: Bid) -> str:
    """The bid's rate model with its terms in its own currency: "€55.00/h × 30 h"."""
    money = lambda cents: format_money(cents, bid.currency)  # noqa: E731
    if bid.rate_model == RateModel.HOURLY:
        return f"{money(bid.hourly_rate_cents)}/h × {duration_text(bid.estimated_minutes)}"
    if bid.rate_model == RateModel.RETAINER:
        months = bid.retainer_months or 0
        return f"{money(bid.retainer_fee_cents)}/month × {months} month{'' if months == 1 else 's'}"
    return f"{money(bid.fixed_total_cents)} fixed"


def _capacity_given():
    # What the contractor has promised to the clients they still work with (contractors'
    # capacity rule, selectors.capacity_given_minutes), for each bid's contractor at once.
    given = (
        Engagement.objects.filter(contractor_id=OuterRef("contractor_id"))
        .exclude(status=EngagementStatus.ENDED)
        .order_by()
        .values("contractor_id")
        .annotate(total=Sum("weekly_capacity_minutes"))
        .values("total")
    )
    return Coalesce(Subquery(given, output_field=IntegerField()), Value(0))


def _sort_key(sort: str):
    last = float("inf")
    keys = {
        "total": lambda c: (c.bid.total_budget_cents,),
        "trust": lambda c: (-c.trust.score if c.trust.score is not None else last,),
        "finish": lambda c: (c.bid.finishes_on or date.max,),
        "record": lambda c: (-c.record.score if c.record.score is not None else last,),
    }
    first = keys[sort]
    return lambda c: (*first(c), c.bid.total_budget_cents, c.contractor.name.lower(), c.bid.pk)


def bid_comparison(*, job: Job, organization, sort: str = DEFAULT_SORT, today: date | None = None) -> Comparison:
    """The job's bids that are still in the running (withdrawn and declined ones left out), each
    with what the comparison shows, sorted by `sort` (SORTS; anything else sorts by total). The
    same number of queries for any number of bids."""
    sort = sort if sort in SORTS else DEFAULT_SORT
    today = today or today_for(organization)
    figures = budget_figures(budget=job.budget, today=today)
    bids = list(
        Bid.objects.filter(organization=organization, job=job, status__in=COMPARED)
        .select_related("contractor")
        .annotate(capacity_given=_capacity_given())
    )
    engagement_ids = [bid.engagement_id for bid in bids]
    contractor_ids = {bid.engagement_id: bid.contractor_id for bid in bids}
    # The track records' and the trust scores' evidence in one query.
    tallies = tallies_fetch(
        trust_sources(organization=organization, contractor_ids=contractor_ids.values(), today=today)
    )
    records = track_records(organization=organization, contractor_ids=contractor_ids.values(), tallies=tallies)
    vetting = vetting_results(organization=organization, engagement_ids=engagement_ids)
    trust = trust_scores(
        organization=organization,
        engagement_ids=engagement_ids,
        contractor_ids=contractor_ids,
        tallies=tallies,
        today=today,
    )
    remaining = figures.remaining_cents
    compared = []
    for bid in bids:
        bid.job = job  # already loaded, with its budget
        compared.append(
            ComparedBid(
                bid=bid,
                record=records[bid.contractor_id],
                vetting=vetting[bid.engagement_id],
                trust=trust[bid.engagement_id],
                capacity_left_minutes=bid.contractor.weekly_capacity_minutes - bid.capacity_given,
                percent_of_remaining=_percent(bid.total_budget_cents, remaining),
            )
        )
    _mark_best(compared)
    compared.sort(key=_sort_key(sort))
    return Comparison(job=job, figures=figures, bids=compared, sort=sort)


def _percent(part: int, whole: int) -> int | None:
    # Whole percent, half up, in integers (money never goes through a float).
    return (part * 200 + whole) // (2 * whole) if whole > 0 else None


def _mark_best(compared: list[ComparedBid]) -> None:
    if not compared:
        return
    cheapest = min(c.bid.total_budget_cents for c in compared)
    scores = [c.trust.score for c in compared if c.trust.score is not None]
    most_trusted = max(scores) if scores else None
    for c in compared:
        c.is_cheapest = c.bid.total_budget_cents == cheapest
        c.is_most_trusted = most_trusted is not None and c.trust.score == most_trusted


CSV_HEADER = [
    "contractor",
    "bid status",
    "rate model",
    "terms",
    "total (budget currency)",
    "budget currency",
    "total (bid currency)",
    "bid currency",
    "% of what is left",
    "start",
    "finish",
    "days past the deadline",
    "on-time %",
    "first-time acceptance %",
    "average rating",
    "response hours (median)",
    "vetting",
    "capacity left (hours a week)",
    "trust score",
    "cheapest",
    "most trusted",
]


def bid_comparison_csv_rows(comparison: Comparison):
    """The comparison as CSV rows, header first, in the page's order."""
    budget_currency = comparison.figures.currency
    yield CSV_HEADER
    for c in comparison.bids:
        bid, record = c.bid, c.record
        yield [
            csv_safe(c.contractor.name),
            bid.get_status_display(),
            bid.get_rate_model_display(),
            csv_safe(c.terms_text),
            amount_text(bid.total_budget_cents, budget_currency),
            budget_currency,
            amount_text(bid.total_cents, bid.currency),
            bid.currency,
            "" if c.percent_of_remaining is None else c.percent_of_remaining,
            bid.proposed_start_on.isoformat() if bid.proposed_start_on else "",
            bid.finishes_on.isoformat() if bid.finishes_on else "",
            "" if c.days_late is None else c.days_late,
            _blank(record.on_time_percent),
            _blank(record.first_time_percent),
            _blank(record.average_rating),
            _blank(record.response_hours),
            "passed" if c.vetting.passed else csv_safe("missing: " + "; ".join(c.vetting.missing)),
            minutes_to_hours(c.capacity_left_minutes),
            _blank(c.trust.score),
            "yes" if c.is_cheapest else "",
            "yes" if c.is_most_trusted else "",
        ]


def _blank(value) -> object:
    return "" if value is None else value
