"""Bids: a contractor submits, revises and withdraws their offer on an open job until its bid
deadline. Every submission is kept as a BidRevision; the expected total is computed once here
(integer cents, half-up) in the bid's currency and in the budget's, through a recorded rate."""

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from outsourcer.accounts.models import User
from outsourcer.audit.events import event_record
from outsourcer.budgets.exchange import convert_cents
from outsourcer.contractors.models import Contractor, Engagement
from outsourcer.hiring import events
from outsourcer.hiring.flows import BID_FLOW
from outsourcer.hiring.models import Bid, BidRevision, BidStatus, Job, JobInvitation, JobStatus, RateModel
from outsourcer.lib.errors import DomainError
from outsourcer.lib.limits import MAX_AMOUNT_CENTS, MAX_ESTIMATE_MINUTES, MAX_RATE_CENTS, MAX_RATE_MICROS
from outsourcer.lib.money import cents_for_minutes, format_money, round_half_up
from outsourcer.lib.validation import Errors
from outsourcer.notifications.services import notification_create

MAX_APPROACH = 5_000
MAX_QUESTIONS = 2_000
MAX_RETAINER_MONTHS = 60

JOB_NOT_OPEN = "This job is not open for bids."
DEADLINE_PASSED = "The bid deadline has passed."
NOT_INVITED = "Only contractors invited to this job (or applying through its share link) may bid."
ENGAGEMENT_MISSING = "The contractor has no engagement with this organization."
BID_ARRIVED_KIND = "bid_received"

# The terms of each rate model; the other models' fields are cleared, never left lingering.
TERM_FIELDS = {
    RateModel.FIXED: ("fixed_total_cents",),
    RateModel.HOURLY: ("hourly_rate_cents", "estimated_minutes"),
    RateModel.RETAINER: ("retainer_fee_cents", "retainer_months"),
}
ALL_TERM_FIELDS = tuple(field for fields in TERM_FIELDS.values() for field in fields)
TERM_LIMITS = {
    "fixed_total_cents": ("Total", 1, MAX_AMOUNT_CENTS),
    "hourly_rate_cents": ("Hourly rate", 1, MAX_RATE_CENTS),
    "estimated_minutes": ("Estimated hours", 1, MAX_ESTIMATE_MINUTES),
    "retainer_fee_cents": ("Monthly fee", 1, MAX_AMOUNT_CENTS),
    "retainer_months": ("Months", 1, MAX_RETAINER_MONTHS),
}
SNAPSHOT_FIELDS = (
    "rate_model",
    "currency",
    "exchange_rate_micros",
    *ALL_TERM_FIELDS,
    "total_cents",
    "total_budget_cents",
    "approach",
    "questions",
)


def bid_total_cents(*, rate_model: str, terms: dict[str, int | None]) -> int:
    """The expected total cost of a bid's terms in its own currency, in integer cents rounded
    half-up: the fixed total, rate × estimated hours, or monthly fee × months."""
    if rate_model == RateModel.FIXED:
        return int(terms["fixed_total_cents"] or 0)
    if rate_model == RateModel.HOURLY:
        return cents_for_minutes(int(terms["estimated_minutes"] or 0), int(terms["hourly_rate_cents"] or 0))
    return round_half_up(Decimal(terms["retainer_fee_cents"] or 0) * Decimal(terms["retainer_months"] or 0))


def _clean_rate(errors: Errors, rate: Any, *, currency: str, budget_currency: str) -> int | None:
    # The same rule as a contract's: none in the budget's currency, required in any other.
    if currency == budget_currency:
        if rate not in (None, 1_000_000):
            errors.add("exchange_rate_micros", "The bid is in the job's currency; leave the rate empty.")
        return None
    rate = errors.integer(rate, field="exchange_rate_micros", label="Exchange rate", minimum=1, maximum=MAX_RATE_MICROS)
    if rate is None and "exchange_rate_micros" in errors:
        errors.replace("exchange_rate_micros", f"A bid in {currency} needs the exchange rate to {budget_currency}.")
    return rate


def _clean_bid(job: Job, values: dict[str, Any]) -> dict[str, Any]:
    errors = Errors()
    rate_model = values.get("rate_model") or job.rate_model
    errors.choice(rate_model, field="rate_model", choices=RateModel.values, message="Choose fixed, hourly or retainer.")
    budget_currency = job.budget.currency
    currency = errors.currency(values.get("currency") or budget_currency)
    cleaned: dict[str, Any] = {
        "rate_model": rate_model,
        "currency": currency,
        "exchange_rate_micros": _clean_rate(
            errors, values.get("exchange_rate_micros"), currency=currency, budget_currency=budget_currency
        ),
        "proposed_start_on": errors.day(values.get("proposed_start_on"), field="proposed_start_on", label="Start"),
        "finishes_on": errors.day(values.get("finishes_on"), field="finishes_on", label="Finish date"),
        "approach": errors.text(
            values.get("approach"), field="approach", label="Approach", max_length=MAX_APPROACH, required=False
        ),
        "questions": errors.text(
            values.get("questions"), field="questions", label="Questions", max_length=MAX_QUESTIONS, required=False
        ),
    }
    start, finish = cleaned["proposed_start_on"], cleaned["finishes_on"]
    if start and finish and finish < start:
        errors.add("finishes_on", "The finish date is on or after the start.")
    for field in ALL_TERM_FIELDS:
        if field in TERM_FIELDS.get(rate_model, ()):
            label, low, high = TERM_LIMITS[field]
            cleaned[field] = errors.integer(values.get(field), field=field, label=label, minimum=low, maximum=high)
        else:
            cleaned[field] = None
    errors.raise_if_any()
    total = bid_total_cents(rate_model=rate_model, terms=cleaned)
    budget_total = convert_cents(
        total, from_currency=currency, to_currency=budget_currency, rate_micros=cleaned["exchange_rate_micros"]
    )
    if max(total, budget_total) > MAX_AMOUNT_CENTS:
        raise DomainError("The bid's total is too large.", field=TERM_FIELDS[rate_model][0])
    cleaned["total_cents"], cleaned["total_budget_cents"] = total, budget_total
    return cleaned


def _snapshot(bid: Bid) -> dict[str, Any]:
    snapshot = {field: getattr(bid, field) for field in SNAPSHOT_FIELDS}
    snapshot.update(
        proposed_start_on=bid.proposed_start_on.isoformat() if bid.proposed_start_on else None,
        finishes_on=bid.finishes_on.isoformat() if bid.finishes_on else None,
    )
    return snapshot


def _check_open(job: Job) -> None:
    if job.status != JobStatus.OPEN:
        raise DomainError(JOB_NOT_OPEN, code="job_not_open")
    if job.bids_due_at is not None and timezone.now() >= job.bids_due_at:
        raise DomainError(DEADLINE_PASSED, code="bid_deadline_passed")


def _engagement_for(job: Job, contractor: Contractor, *, through_share_link: bool) -> Engagement:
    """The engagement the bid hangs on: the invitation's, the earlier bid's, or (share link) the
    organization's engagement with the contractor."""
    invitation = JobInvitation.objects.filter(job=job, contractor=contractor).select_related("engagement").first()
    if invitation is not None:
        return invitation.engagement
    earlier = Bid.objects.filter(job=job, contractor=contractor).select_related("engagement").first()
    if earlier is not None:
        return earlier.engagement
    if not through_share_link:
        raise DomainError(NOT_INVITED, code="not_invited")
    engagement = Engagement.objects.filter(organization_id=job.organization_id, contractor=contractor).first()
    if engagement is None:
        raise DomainError(ENGAGEMENT_MISSING, code="no_engagement")
    return engagement


def _notify_creator(job: Job, bid: Bid, *, revised: bool) -> None:
    user = job.created_by
    if user is None or not user.is_active:
        return
    verb = f"revised their bid (revision {bid.revision})" if revised else "sent a bid"
    amount = format_money(bid.total_cents, bid.currency)
    notification_create(
        user=user,
        organization=job.organization,
        kind=BID_ARRIVED_KIND,
        message=f"{bid.contractor.name} {verb} on “{job.title}”: {amount}.",
        url=reverse(
            "hiring:job-thread",
            kwargs={"org_slug": job.organization.slug, "job_id": job.pk, "contractor_id": bid.contractor_id},
        ),
        replace_unread=True,
    )


def bid_submit(
    *,
    job: Job,
    contractor: Contractor,
    actor: User | None,
    rate_model: str = "",
    currency: str = "",
    exchange_rate_micros: int | None = None,
    fixed_total_cents: int | None = None,
    hourly_rate_cents: int | None = None,
    estimated_minutes: int | None = None,
    retainer_fee_cents: int | None = None,
    retainer_months: int | None = None,
    proposed_start_on=None,
    finishes_on=None,
    approach: str = "",
    questions: str = "",
    through_share_link: bool = False,
) -> Bid:
    """Submit the contractor's bid on `job`, or revise it (a withdrawn bid is submitted again), while
    the job is open and before its bid deadline. The contractor must be invited, have bid before,
    or come `through_share_link`. Keeps every submission as a BidRevision, tells the job's creator
    in-app. Raises FieldErrors for the terms, DomainError for the job's state."""
    values = {
        "rate_model": rate_model,
        "currency": currency,
        "exchange_rate_micros": exchange_rate_micros,
        "fixed_total_cents": fixed_total_cents,
        "hourly_rate_cents": hourly_rate_cents,
        "estimated_minutes": estimated_minutes,
        "retainer_fee_cents": retainer_fee_cents,
        "retainer_months": retainer_months,
        "proposed_start_on": proposed_start_on,
        "finishes_on": finishes_on,
        "approach": approach,
        "questions": questions,
    }
    _check_open(job)
    cleaned = _clean_bid(job, values)
    with transaction.atomic():
        # The job row is the lock: a bid and the job's closing or award cannot cross.
        job = (
            Job.objects.select_for_update(of=("self",))
            .select_related("budget", "organization", "created_by")
            .get(pk=job.pk)
        )
        _check_open(job)
        engagement = _engagement_for(job, contractor, through_share_link=through_share_link)
        bid = Bid.objects.select_for_update().filter(job=job, contractor=contractor).first()
        revised = bid is not None
        if bid is None:
            bid = Bid(organization_id=job.organization_id, job=job, contractor=contractor, engagement=engagement)
        else:
            bid.status = BID_FLOW.next(bid.status, BidStatus.SUBMITTED)
            bid.revision += 1
        for field, value in cleaned.items():
            setattr(bid, field, value)
        bid.submitted_at = timezone.now()
        bid.save()
        snapshot = _snapshot(bid)
        BidRevision.objects.create(
            organization_id=job.organization_id,
            bid=bid,
            number=bid.revision,
            terms=snapshot,
            created_at=bid.submitted_at,
        )
        event_record(
            action=events.BID_REVISED if revised else events.BID_SUBMITTED,
            organization=job.organization,
            actor=actor,
            obj=bid,
            after={
                **snapshot,
                "revision": bid.revision,
                "job": job.title,
                "contractor": contractor.name,
                "through_share_link": through_share_link,
            },
        )
        _notify_creator(job, bid, revised=revised)
    return bid


def bid_withdraw(*, bid: Bid, actor: User | None) -> Bid:
    """Withdraw a submitted bid until the job's bid deadline; it may be submitted again before then.
    Raises DomainError after the deadline, once the job is no longer open, or from another status."""
    with transaction.atomic():
        job = Job.objects.select_for_update(of=("self",)).select_related("organization").get(pk=bid.job_id)
        _check_open(job)
        bid = Bid.objects.select_for_update(of=("self",)).select_related("contractor").get(pk=bid.pk)
        before = bid.status
        bid.status = BID_FLOW.next(bid.status, BidStatus.WITHDRAWN)
        bid.save(update_fields=["status", "updated_at"])
        event_record(
            action=events.BID_WITHDRAWN,
            organization=job.organization,
            actor=actor,
            obj=bid,
            before={"status": before},
            after={"status": bid.status, "job": job.title, "contractor": bid.contractor.name},
        )
    return bid


__all__ = ["bid_submit", "bid_total_cents", "bid_withdraw"]
