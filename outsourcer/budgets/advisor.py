"""Rate-model advisor: what an estimate would cost as hourly, fixed price or retainer work, each as
a share of what is left in the budget. Integer cents throughout; the assumptions are constants
below and in docs/money.md.

- Hourly: you pay the hours actually worked: low estimate × rate … high estimate × rate; the
  expected cost is the midpoint. The contractor's volume tier applies when the work, spread over
  `weeks`, reaches its weekly hours.
- Fixed price: the contractor carries the risk of overrun, so they quote the high estimate at
  their rate plus a risk premium (FIXED_RISK_PREMIUM_PERCENT). One figure: low = high = expected.
- Retainer: a monthly fee that covers the high estimate spread evenly over the months the work
  spans (weeks → months, rounded up), at the tier rate; you pay every month, used or not.
"""

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from outsourcer.budgets.exchange import convert_cents
from outsourcer.budgets.models import Budget
from outsourcer.budgets.periods import budget_period, today_for
from outsourcer.budgets.selectors import budget_figures
from outsourcer.lib.errors import DomainError
from outsourcer.lib.limits import MAX_ESTIMATE_MINUTES, MAX_WEEKS
from outsourcer.lib.money import cents_for_minutes, round_half_up
from outsourcer.lib.validation import Errors

FIXED_RISK_PREMIUM_PERCENT = 15
WEEKS_PER_MONTH = Decimal("4.345")  # 365.25 / 12 / 7
ESTIMATE_RANGE = "Estimate between 1 minute and 10,000 hours."
WEEKS_RANGE = f"Spread the work over 1 to {MAX_WEEKS} weeks."


@dataclass(frozen=True)
class RateAdvice:
    rate_model: str  # "hourly" | "fixed" | "retainer"
    low_cents: int
    high_cents: int
    expected_cents: int
    percent_of_remaining: int | None  # expected ÷ remaining × 100, rounded half-up; None when nothing is left
    rate_cents: int  # the hourly rate used (after volume tier)
    months: int  # retainer months (0 for the other models)
    monthly_fee_cents: int  # retainer fee (0 for the other models)
    explanation: str
    is_cheapest: bool = False


@dataclass(frozen=True)
class Advice:
    currency: str
    remaining_cents: int
    weeks: int
    options: list[RateAdvice]


def tier_rate(*, rate_cents: int, volume_tiers: list[dict[str, Any]], weekly_minutes: int) -> int:
    """The rate for `weekly_minutes` a week: the tier with the highest `min_hours` reached, or the
    default rate (never more than the default)."""
    best = rate_cents
    reached = [t for t in volume_tiers or [] if weekly_minutes >= int(t["min_hours"]) * 60]
    if reached:
        best = min(best, int(max(reached, key=lambda t: int(t["min_hours"]))["rate_cents"]))
    return best


def _percent(cost: int, remaining: int) -> int | None:
    if remaining <= 0:
        return None
    return round_half_up(Decimal(cost) * 100 / Decimal(remaining))


def advise(
    *,
    low_minutes: int,
    high_minutes: int,
    rate_cents: int,
    volume_tiers: list[dict[str, Any]] | None,
    weeks: int,
    remaining_cents: int,
) -> list[RateAdvice]:
    """The three models side by side for an estimate of low…high minutes over `weeks` weeks."""
    weeks = max(1, weeks)
    low_rate = tier_rate(rate_cents=rate_cents, volume_tiers=volume_tiers or [], weekly_minutes=low_minutes // weeks)
    high_rate = tier_rate(rate_cents=rate_cents, volume_tiers=volume_tiers or [], weekly_minutes=high_minutes // weeks)
    low = cents_for_minutes(low_minutes, low_rate)
    high = cents_for_minutes(high_minutes, high_rate)
    expected = round_half_up((Decimal(low) + Decimal(high)) / 2)
    hourly = RateAdvice(
        "hourly",
        low,
        high,
        expected,
        _percent(expected, remaining_cents),
        high_rate,
        0,
        0,
        "You pay the hours worked: between the low and the high estimate at the hourly rate.",
    )

    fixed_cost = round_half_up(
        Decimal(cents_for_minutes(high_minutes, high_rate)) * (100 + FIXED_RISK_PREMIUM_PERCENT) / 100
    )
    fixed = RateAdvice(
        "fixed",
        fixed_cost,
        fixed_cost,
        fixed_cost,
        _percent(fixed_cost, remaining_cents),
        high_rate,
        0,
        0,
        f"A fixed quote prices in the overrun risk: the high estimate plus {FIXED_RISK_PREMIUM_PERCENT} %.",
    )

    months = max(1, math.ceil(Decimal(weeks) / WEEKS_PER_MONTH))
    included = math.ceil(high_minutes / months)
    fee = cents_for_minutes(included, high_rate)
    retainer_cost = fee * months
    retainer = RateAdvice(
        "retainer",
        retainer_cost,
        retainer_cost,
        retainer_cost,
        _percent(retainer_cost, remaining_cents),
        high_rate,
        months,
        fee,
        f"{months} month{'s' if months != 1 else ''} at a fee covering {included // 60} h {included % 60:02d} min "
        "a month; paid whether or not the hours are used.",
    )
    options = [hourly, fixed, retainer]
    cheapest = min(option.expected_cents for option in options)
    return [RateAdvice(**{**option.__dict__, "is_cheapest": option.expected_cents == cheapest}) for option in options]


def _check_estimate(*, low_minutes: int, high_minutes: int, weeks: int | None) -> None:
    errors = Errors()
    for field, value in (("low_minutes", low_minutes), ("high_minutes", high_minutes)):
        errors.integer(
            value, field=field, label="Estimate", minimum=1, maximum=MAX_ESTIMATE_MINUTES, message=ESTIMATE_RANGE
        )
    if not errors and high_minutes < low_minutes:
        errors.add("high_minutes", "The high estimate is at least the low one.")
    if weeks is not None:
        errors.integer(weeks, field="weeks", label="Weeks", minimum=1, maximum=MAX_WEEKS, message=WEEKS_RANGE)
    errors.raise_if_any()


def _rate_and_tiers(
    *,
    budget: Budget,
    contractor,
    rate_cents: int | None,
    volume_tiers: list[dict[str, Any]] | None,
    exchange_rate_micros: int | None,
) -> tuple[int, list[dict[str, Any]]]:
    """The hourly rate and volume tiers in the budget's currency: as given, else the contractor's
    (converted at `exchange_rate_micros` when its currency differs)."""
    tiers = volume_tiers if volume_tiers is not None else list(getattr(contractor, "volume_tiers", []) or [])
    if rate_cents is None:
        if contractor is None:
            raise DomainError("Give an hourly rate or choose a contractor.", field="rate_cents")
        rate_cents = contractor.default_rate_cents
        if contractor.currency != budget.currency:
            if exchange_rate_micros is None:
                raise DomainError(
                    f"{contractor.name}'s rates are in {contractor.currency}; give an exchange rate to "
                    f"{budget.currency} or a rate in {budget.currency}.",
                    field="exchange_rate_micros",
                )

            def convert(cents: int) -> int:
                return convert_cents(
                    cents,
                    from_currency=contractor.currency,
                    to_currency=budget.currency,
                    rate_micros=exchange_rate_micros,
                )

            rate_cents = convert(rate_cents)
            tiers = [{**tier, "rate_cents": convert(int(tier["rate_cents"]))} for tier in tiers]
    if rate_cents <= 0:
        raise DomainError("The hourly rate must be more than zero.", field="rate_cents")
    return rate_cents, tiers


def rate_model_advice(
    *,
    budget: Budget,
    low_minutes: int,
    high_minutes: int | None = None,
    contractor=None,
    rate_cents: int | None = None,
    volume_tiers: list[dict[str, Any]] | None = None,
    exchange_rate_micros: int | None = None,
    weeks: int | None = None,
    today: date | None = None,
) -> Advice:
    """Advice for `budget` (costs vs its current period's remaining). The rate and tiers come from
    `contractor` unless given; a contractor whose currency differs from the budget's needs
    `exchange_rate_micros` (or an explicit `rate_cents` in the budget's currency). `weeks`
    defaults to the weeks left in the period. Raises FieldErrors for bad input."""
    high_minutes = low_minutes if high_minutes is None else high_minutes
    _check_estimate(low_minutes=low_minutes, high_minutes=high_minutes, weeks=weeks)
    rate_cents, tiers = _rate_and_tiers(
        budget=budget,
        contractor=contractor,
        rate_cents=rate_cents,
        volume_tiers=volume_tiers,
        exchange_rate_micros=exchange_rate_micros,
    )

    today = today or today_for(budget.organization)
    figures = budget_figures(budget=budget, today=today)
    if weeks is None:
        period = budget_period(budget, today)
        days_left = max(1, (period.end - max(today, period.start)).days + 1)
        weeks = max(1, math.ceil(days_left / 7))
    options = advise(
        low_minutes=low_minutes,
        high_minutes=high_minutes,
        rate_cents=rate_cents,
        volume_tiers=tiers,
        weeks=weeks,
        remaining_cents=figures.remaining_cents,
    )
    return Advice(currency=budget.currency, remaining_cents=figures.remaining_cents, weeks=weeks, options=options)
