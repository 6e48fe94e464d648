from typing import Any

from outsourcer.contracts.models import (
    Contract,
    RateModel,
)
from outsourcer.lib.validation import Errors

TERM_FIELDS = {
    RateModel.HOURLY: ("hourly_rate_cents", "weekly_cap_minutes"),
    RateModel.RETAINER: ("monthly_fee_cents", "included_minutes", "overage_rate_cents"),
    RateModel.FIXED: ("total_cents",),
}
ALL_TERM_FIELDS = tuple(field for fields in TERM_FIELDS.values() for field in fields)

NOT_DRAFT = "Only a draft contract can be changed; its terms are fixed once it is active."
NOT_LOGGABLE = "Time is logged against an active hourly or retainer contract."
OVER_BUDGET = "{contract} commits {cost} this period: {over} over the {remaining} remaining in “{budget}”."
OVER_BUDGET_NONE_LEFT = "{contract} commits {cost} this period, and “{budget}” has nothing left ({remaining})."
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
