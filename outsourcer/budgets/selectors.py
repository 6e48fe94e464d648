"""Reads for budgets and the ledger, used by pages and the API. Figures are SQL aggregates."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from outsourcer.accounts.models import Organization
from outsourcer.budgets.models import Budget, SpendEntry


@dataclass(frozen=True)
class BudgetFigures:
    """A budget's money for one period, all in the budget's currency (integer cents)."""

    period_start: date
    period_end: date
    currency: str
    budgeted_cents: int
    spent_cents: int
    committed_cents: int  # unpaid milestones due in the period + unposted retainer months
    remaining_cents: int  # budgeted − spent − committed (may be negative)
    forecast_hourly_cents: int  # expected hourly spend for the rest of the period (not committed)
    percent_spent: int  # floor(spent × 100 / budgeted)
    status: str  # "ok" | "warn" (≥ first threshold) | "over" (≥ 100 %)


@dataclass(frozen=True)
class ContractorSpend:
    contractor_id: int | None
    name: str
    spent_cents: int


def budget_list_for_organization(*, organization: Organization, today: date | None = None) -> list[Budget]:
    """Every budget of the organization by name, each with `.figures` (BudgetFigures for its
    current period), in a fixed number of queries whatever the number of budgets."""
    raise NotImplementedError


def budget_figures(*, budget: Budget, today: date | None = None, period_start: date | None = None) -> BudgetFigures:
    """Figures for the period containing `period_start` (default: the current period)."""
    raise NotImplementedError


def budget_period_history(*, budget: Budget, today: date | None = None) -> list[tuple[date, date, int]]:
    """(period_start, period_end, spent_cents) for every period so far, newest first (one query)."""
    raise NotImplementedError


def budget_burn_series(*, budget: Budget, period_start: date, today: date | None = None) -> list[tuple[date, int]]:
    """Cumulative spend at the end of each day of the period (up to today), for the burn chart."""
    raise NotImplementedError


def budget_forecast_run_out(*, budget: Budget, today: date | None = None) -> date | None:
    """The day the current period's budget runs out at the average daily spend of the last 30
    days; None when nothing was spent lately or it lasts past the period's end."""
    raise NotImplementedError


def budget_spend_by_contractor(*, budget: Budget, period_start: date) -> list[ContractorSpend]:
    """Spend per contractor in the period, largest first; expenses without one under "No contractor"."""
    raise NotImplementedError


def spend_entry_list_for_budget(
    *,
    budget: Budget,
    kind: str = "",
    contractor_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[SpendEntry]:
    """The budget's ledger, newest first, filtered; the caller paginates."""
    raise NotImplementedError


def spend_entries_csv_rows(
    *,
    budget: Budget,
    kind: str = "",
    contractor_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> Iterator[list[str]]:
    """Header row, then one row per ledger entry (amounts as plain decimals, no symbol), streamed."""
    raise NotImplementedError
