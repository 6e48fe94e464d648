from typing import Any

from outsourcer.budgets.models import Budget
from outsourcer.budgets.selectors import BudgetFigures
from outsourcer.contracts.commitments import Commitment, weekly_cap_that_fits
from outsourcer.contracts.models import (
    Contract,
    RateModel,
)
from outsourcer.lib.durations import duration_text
from outsourcer.lib.errors import OverrideRequired
from outsourcer.lib.money import format_money
from outsourcer.lib.validation import Errors

TERM_FIELDS = {
    RateModel.HOURLY: ("hourly_rate_cents", "weekly_cap_minutes"),
    RateModel.RETAINER: ("monthly_fee_cents", "included_minutes", "overage_rate_cents"),
    RateModel.FIXED: ("total_cents",),
}
ALL_TERM_FIELDS = tuple(field for fields in TERM_FIELDS.values() for field in fields)

NOT_DRAFT = "Only a draft contract can be changed; its terms are fixed once it is active."
NOT_LOGGABLE = "Time is logged against an active hourly or retainer contract."
# The activation guard's message shows its sum: the budget's projection for the period (the same
# rule as the budget's status, bar and remaining) plus this contract, against the amount.
OVER_BUDGET = (
    "{contract} would take “{budget}” to {total} of its {budgeted} this period ({over} over): "
    "spent {spent} + committed {committed} + expected hourly {forecast} + this contract {cost}."
)
FITS_CAP = " A weekly cap of up to {cap} would fit."
FITS_AMOUNT = " Up to {fits} would fit."
FITS_NOTHING = " Nothing more fits this period."
OVER_CAP = "This week would reach {total} of the {cap} weekly cap ({over} over)."
OVER_LIMIT = "Approving this posts {amount} and takes “{budget}” to {after} of {budgeted} ({over} over)."
OWNER_ONLY = " Only an owner can approve it with a reason."
GIVE_REASON = " Confirm with a reason to go ahead."


def _original(contract: Contract, amount_cents: int) -> dict[str, Any]:
    if contract.exchange_rate_micros is None:
        return {}
    return {
        "original_amount_cents": amount_cents,
        "original_currency": contract.currency,
        "exchange_rate_micros": contract.exchange_rate_micros,
    }


def _clean_reason(reason: str, *, field: str = "reason", required: bool = False) -> str:
    errors = Errors()
    reason = errors.text(reason, field=field, label="Reason", max_length=500, required=required)
    errors.raise_if_any()
    return reason


def _over_budget(
    contract: Contract, budget: Budget, commitment: Commitment, figures: BudgetFigures, *, may_override: bool
) -> OverrideRequired:
    """The activation guard's warning: the period's projection (spent + committed + expected
    hourly, the rule of the budget's status) plus this contract against the amount, and what fits."""
    cost, remaining = commitment.total_cents, figures.remaining_cents
    fits = max(remaining, 0)
    cap = weekly_cap_that_fits(contract=contract, commitment=commitment, fits_cents=fits)
    details = {
        "currency": budget.currency,
        "cost_cents": cost,
        "remaining_cents": remaining,
        "over_cents": cost - fits,
        "budget_id": budget.pk,
        "period_start": commitment.period.start.isoformat(),
        "can_override": may_override,
        "budgeted_cents": figures.budgeted_cents,
        "spent_cents": figures.spent_cents,
        "committed_cents": figures.committed_cents,
        "forecast_cents": figures.forecast_hourly_cents,
        "total_cents": figures.projected_cents + cost,
        "total_over_cents": cost - remaining,
        "fits_cents": fits,
        "fitting_weekly_cap_minutes": cap if contract.rate_model == RateModel.HOURLY else None,
    }
    money = {
        key: format_money(details[f"{key}_cents"], budget.currency)
        for key in ("cost", "budgeted", "spent", "committed", "forecast", "total")
    }
    message = OVER_BUDGET.format(
        contract=contract.title, budget=budget.name, over=format_money(cost - remaining, budget.currency), **money
    )
    if contract.rate_model == RateModel.HOURLY and cap > 0:
        message += FITS_CAP.format(cap=duration_text(cap))
    elif fits > 0 and contract.rate_model != RateModel.HOURLY:
        message += FITS_AMOUNT.format(fits=format_money(fits, budget.currency))
    else:
        message += FITS_NOTHING
    message += GIVE_REASON if may_override else OWNER_ONLY.replace("approve", "activate")
    return OverrideRequired(message, code="over_budget", details=details)
