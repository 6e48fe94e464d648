"""A winning bid's terms as the contract services take them (contracts.services.contract_create), per
rate model: a fixed total with one milestone at the finish; an hourly rate with a weekly cap spread
from the estimated hours over the timeline; a retainer's monthly fee for its months."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from outsourcer.budgets.periods import add_months
from outsourcer.hiring.models import Bid, RateModel
from outsourcer.lib.errors import FieldErrors
from outsourcer.lib.limits import MAX_RATE_CENTS, MAX_WEEK_MINUTES
from outsourcer.lib.money import round_half_up

NO_END = "The bid has no finish date and the job no deadline: choose the contract's end date."
ENDS_BEFORE_START = "The contract would end on {end:%d %b %Y}, before it starts: choose its dates."
NO_ESTIMATE = "The bid gives no estimated hours to spread into a weekly cap: choose the weekly hour cap."
MILESTONE_TITLE = "Delivery"


def _weekly_cap(estimated_minutes: int, starts_on: date, ends_on: date | None) -> int:
    # The estimate spread evenly over the timeline's weeks (all of it in one week without an end),
    # rounded up to whole hours, at most a full week.
    weeks = 1 if ends_on is None else max(1, -(-((ends_on - starts_on).days + 1) // 7))
    per_week = -(-estimated_minutes // weeks)
    return min(-(-per_week // 60) * 60, MAX_WEEK_MINUTES)


def award_terms(
    *,
    bid: Bid,
    today: date,
    starts_on: date | None = None,
    ends_on: date | None = None,
    weekly_cap_minutes: int | None = None,
    included_minutes: int | None = None,
) -> dict[str, Any]:
    """The contract terms (contract_create's keyword arguments) a bid becomes, in the bid's
    currency at its recorded exchange rate. Starts on the proposed start (today when that has
    passed), ends on the bid's finish or the job's deadline; the keyword arguments replace what the
    bid implies. Raises FieldErrors when the bid leaves a needed term open."""
    job = bid.job
    starts_on = starts_on or max(bid.proposed_start_on or today, today)
    if ends_on is None and bid.rate_model == RateModel.RETAINER and bid.retainer_months:
        ends_on = add_months(starts_on, bid.retainer_months) - timedelta(days=1)
    ends_on = ends_on or bid.finishes_on or job.deadline_on
    if ends_on is not None and ends_on < starts_on:
        raise FieldErrors({"ends_on": ENDS_BEFORE_START.format(end=ends_on)})
    terms: dict[str, Any] = {
        "title": job.title,
        "rate_model": bid.rate_model,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "currency": bid.currency,
        "exchange_rate_micros": bid.exchange_rate_micros,
    }
    if bid.rate_model == RateModel.FIXED:
        if ends_on is None:
            raise FieldErrors({"ends_on": NO_END})
        terms["total_cents"] = bid.fixed_total_cents
        terms["milestones"] = [{"title": MILESTONE_TITLE, "amount_cents": bid.fixed_total_cents, "due_on": ends_on}]
    elif bid.rate_model == RateModel.HOURLY:
        if weekly_cap_minutes is None:
            if not bid.estimated_minutes:
                raise FieldErrors({"weekly_cap_minutes": NO_ESTIMATE})
            weekly_cap_minutes = _weekly_cap(bid.estimated_minutes, starts_on, ends_on)
        terms["hourly_rate_cents"] = bid.hourly_rate_cents
        terms["weekly_cap_minutes"] = weekly_cap_minutes
    else:
        if included_minutes is None:
            months = bid.retainer_months or 1
            included_minutes = (bid.estimated_minutes or 0) // months
        fee = bid.retainer_fee_cents or 0
        # Hours beyond the included ones cost what an included hour does.
        overage = round_half_up(Decimal(fee * 60) / included_minutes) if included_minutes else 0
        terms["monthly_fee_cents"] = bid.retainer_fee_cents
        terms["included_minutes"] = included_minutes
        terms["overage_rate_cents"] = min(overage, MAX_RATE_CENTS)
    return terms
