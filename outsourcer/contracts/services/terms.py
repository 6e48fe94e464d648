"""Contract terms as typed: checked per rate model, every problem reported at once (`Errors`)."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from outsourcer.accounts.models import Organization
from outsourcer.budgets.models import Budget
from outsourcer.budgets.periods import covers
from outsourcer.contractors.models import Contractor, Engagement, EngagementStatus
from outsourcer.contracts.models import RateModel
from outsourcer.contracts.services._common import (
    ALL_TERM_FIELDS,
    TERM_FIELDS,
)
from outsourcer.lib.errors import DomainError
from outsourcer.lib.limits import (
    MAX_AMOUNT_CENTS,
    MAX_MILESTONES,
    MAX_MONTH_MINUTES,
    MAX_RATE_CENTS,
    MAX_RATE_MICROS,
    MAX_WEEK_MINUTES,
)
from outsourcer.lib.validation import Errors

# Label, minimum and maximum of each term field, for the rate models that use it.
TERM_LIMITS = {
    "hourly_rate_cents": ("Hourly rate", 1, MAX_RATE_CENTS),
    "weekly_cap_minutes": ("Weekly hour cap", 1, MAX_WEEK_MINUTES),
    "monthly_fee_cents": ("Monthly fee", 1, MAX_AMOUNT_CENTS),
    "included_minutes": ("Included hours", 0, MAX_MONTH_MINUTES),
    "overage_rate_cents": ("Overage rate", 0, MAX_RATE_CENTS),
    "total_cents": ("Total", 1, MAX_AMOUNT_CENTS),
}


def _clean_exchange_rate(errors: Errors, rate: Any, *, currency: str | None, budget: Budget) -> int | None:
    """The agreed rate to the budget's currency: none for a contract in that currency, required otherwise."""
    if currency == budget.currency:
        if rate not in (None, 1_000_000):
            errors.add("exchange_rate_micros", "The contract is in the budget's currency; leave the rate empty.")
        return None
    rate = errors.integer(rate, field="exchange_rate_micros", label="Exchange rate", minimum=1, maximum=MAX_RATE_MICROS)
    if rate is None and "exchange_rate_micros" in errors:
        errors.replace("exchange_rate_micros", f"A contract in {currency} needs the agreed rate to {budget.currency}.")
    return rate


def _clean_terms(
    *, organization: Organization, budget: Budget, contractor: Contractor, values: dict[str, Any]
) -> dict[str, Any]:
    errors = Errors()
    rate_model = values.get("rate_model")
    if rate_model not in RateModel.values:
        errors.add("rate_model", "Choose hourly, retainer or fixed price.")
    if budget.organization_id != organization.pk:
        errors.add("budget", "Choose one of your budgets.")
    engagement = Engagement.objects.filter(organization=organization, contractor=contractor).first()
    if engagement is None:
        errors.add("contractor", "Choose one of your contractors.")
    elif engagement.status == EngagementStatus.ENDED:
        errors.add("contractor", "Your engagement with this contractor has ended; reactivate it first.")
    cleaned: dict[str, Any] = {
        "title": errors.text(values.get("title"), field="title", label="Title", max_length=200),
        "rate_model": rate_model,
        "starts_on": errors.day(values.get("starts_on"), field="starts_on", label="Start date"),
        "ends_on": errors.day(values.get("ends_on"), field="ends_on", label="End date", required=False),
        "engagement": engagement,
    }
    currency = values.get("currency") or budget.currency
    cleaned["currency"] = errors.currency(currency)
    cleaned["exchange_rate_micros"] = _clean_exchange_rate(
        errors, values.get("exchange_rate_micros"), currency=cleaned["currency"], budget=budget
    )
    start, end = cleaned["starts_on"], cleaned["ends_on"]
    if start and end and end < start:
        errors.add("ends_on", "The end date is on or after the start date.")
    if start and not covers(starts_on=budget.starts_on, ends_on=budget.ends_on, day=start):
        errors.add("starts_on", "The contract must start while its budget runs.")
    if budget.ends_on and (end is None or end > budget.ends_on) and start:
        errors.add("ends_on", f"The budget ends on {budget.ends_on:%d %b %Y}; end the contract by then.")
    for field in ALL_TERM_FIELDS:
        value = values.get(field)
        if rate_model in TERM_FIELDS and field in TERM_FIELDS[rate_model]:
            label, low, high = TERM_LIMITS[field]
            cleaned[field] = errors.integer(value, field=field, label=label, minimum=low, maximum=high)
        else:
            cleaned[field] = None  # terms of the other models never linger on a contract
    errors.raise_if_any()
    return cleaned


def _clean_milestones(
    *, milestones: Sequence[dict[str, Any]], total_cents: int, starts_on: date, ends_on: date | None
) -> list[dict[str, Any]]:
    errors = Errors()
    if not milestones:
        raise DomainError("A fixed-price contract needs at least one milestone.", field="milestones")
    if len(milestones) > MAX_MILESTONES:
        raise DomainError(f"At most {MAX_MILESTONES} milestones.", field="milestones")
    cleaned = []
    for index, raw in enumerate(milestones):
        item = Errors()
        title = item.text(raw.get("title"), field="title", label="Title", max_length=200)
        amount = item.integer(raw.get("amount_cents"), field="amount_cents", label="Amount", minimum=1)
        due_on = item.day(raw.get("due_on"), field="due_on", label="Due date")
        if due_on and (due_on < starts_on or (ends_on and due_on > ends_on)):
            item.add("due_on", "The due date falls within the contract's dates.")
        errors.merge(item, prefix=f"milestones.{index}.")
        cleaned.append({"title": title, "amount_cents": amount, "due_on": due_on})
    errors.raise_if_any()
    total = sum(m["amount_cents"] for m in cleaned)
    if total != total_cents:
        raise DomainError(
            f"Milestone amounts add up to {total}, not the total of {total_cents} (in cents).", field="milestones"
        )
    return cleaned
