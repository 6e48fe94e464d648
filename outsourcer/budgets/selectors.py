"""Reads for budgets and the ledger, used by pages and the API. Figures are SQL aggregates
(budgets/figures.py); Python only shapes the per-budget results."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import QuerySet, Sum

from outsourcer.accounts.models import Organization
from outsourcer.budgets.exchange import rate_text
from outsourcer.budgets.figures import annotate_figures, period_figures
from outsourcer.budgets.ledger import budget_period_spent
from outsourcer.budgets.models import Budget, SpendEntry, SpendKind
from outsourcer.budgets.periods import Period, budget_period, periods_between, today_for
from outsourcer.lib.csv_files import csv_safe
from outsourcer.lib.money import amount_text, round_half_up
from outsourcer.lib.queries import filter_given

WEEK_MINUTES_DIVISOR = 7 * 60  # forecast numerator is minutes × cents-per-hour × days
RUN_OUT_WINDOW_DAYS = 30


@dataclass(frozen=True)
class BudgetFigures:
    """A budget's money for one period, all in the budget's currency (integer cents)."""

    period_start: date
    period_end: date
    currency: str
    budgeted_cents: int
    spent_cents: int
    committed_cents: int  # unpaid milestones due in the period + unposted retainer months
    remaining_cents: int  # budgeted − projected (may be negative)
    forecast_hourly_cents: int  # expected hourly spend for the rest of the period (not committed)
    percent_spent: int  # floor(spent × 100 / budgeted): the ledger alone (alerts, "used up")
    # The one rule behind status, bar and remaining: spent + committed + expected hourly spend.
    projected_cents: int
    percent_projected: int  # floor(projected × 100 / budgeted): the bar
    status: str  # "ok" | "warn" (projected ≥ first threshold) | "over" (projected ≥ 100 %, nothing left)

    @property
    def available_cents(self) -> int:
        """What is left before commitments: budgeted − spent."""
        return self.budgeted_cents - self.spent_cents


@dataclass(frozen=True)
class ContractorSpend:
    contractor_id: int | None
    name: str
    spent_cents: int


def figure_status(*, budgeted_cents: int, projected_cents: int, thresholds: list[int]) -> str:
    """ "over" at ≥ 100 % (so exactly when remaining ≤ 0), "warn" at ≥ the first threshold, else
    "ok" (exact integer comparison). `projected_cents` is spent + committed + expected hourly spend."""
    if projected_cents >= budgeted_cents:
        return "over"
    first = min(thresholds) if thresholds else 100
    if projected_cents * 100 >= first * budgeted_cents:
        return "warn"
    return "ok"


def _figures(budget: Budget) -> BudgetFigures:
    return _figures_from(
        budget,
        Period(budget.fig_start, budget.fig_end),
        spent=int(budget.fig_spent),
        committed=int(budget.fig_committed),
        forecast_numerator=int(budget.fig_forecast_numerator),
    )


def _figures_from(
    budget: Budget, period: Period, *, spent: int, committed: int, forecast_numerator: int
) -> BudgetFigures:
    forecast = round_half_up(Decimal(forecast_numerator) / WEEK_MINUTES_DIVISOR)
    budgeted = budget.amount_cents
    projected = spent + committed + forecast
    return BudgetFigures(
        period_start=period.start,
        period_end=period.end,
        currency=budget.currency,
        budgeted_cents=budgeted,
        spent_cents=spent,
        committed_cents=committed,
        remaining_cents=budgeted - projected,
        forecast_hourly_cents=forecast,
        percent_spent=spent * 100 // budgeted if budgeted else 0,
        projected_cents=projected,
        percent_projected=projected * 100 // budgeted if budgeted else 0,
        status=figure_status(budgeted_cents=budgeted, projected_cents=projected, thresholds=budget.thresholds),
    )


def budget_list_for_organization(
    *, organization: Organization, today: date | None = None, recent_days: int = 0
) -> list[Budget]:
    """Every budget of the organization by name, each with `.figures` (BudgetFigures for its
    current period), in two queries whatever the number of budgets: the budgets, then one
    statement for all their figures (figures.period_figures; the periods come from periods.py).
    With `recent_days`, each budget also gets `.recent_spent_cents`: its ledger of the last that
    many days up to today, by day of the entry (the overview's run-out), from the same statement."""
    today = today or today_for(organization)
    budgets = list(Budget.objects.filter(organization=organization).order_by("name", "pk"))
    periods = {budget.pk: budget_period(budget, today) for budget in budgets}
    recent_since = today - timedelta(days=recent_days - 1) if recent_days else None
    figures = period_figures(periods, today=today, recent_since=recent_since)
    for budget in budgets:
        spent, committed, forecast_numerator, recent = figures[budget.pk]
        budget.figures = _figures_from(
            budget, periods[budget.pk], spent=spent, committed=committed, forecast_numerator=forecast_numerator
        )
        if recent_days:
            budget.recent_spent_cents = recent
    return budgets


def budget_figures(*, budget: Budget, today: date | None = None, period_start: date | None = None) -> BudgetFigures:
    """Figures for the period containing `period_start` (default: the current period)."""
    today = today or today_for(budget.organization)
    period = budget_period(budget, period_start) if period_start else None
    annotated = annotate_figures(Budget.objects.filter(pk=budget.pk), today=today, period=period).get()
    return _figures(annotated)


def budget_period_history(*, budget: Budget, today: date | None = None) -> list[tuple[Period, int]]:
    """(period, spent_cents) for every period from the first up to the current one, newest first
    (one query; periods without spend show 0)."""
    today = today or today_for(budget.organization)
    totals = dict(
        SpendEntry.objects.filter(budget=budget)
        .order_by()
        .values("period_start")
        .annotate(total=Sum("amount_cents"))
        .values_list("period_start", "total")
    )
    periods = periods_between(kind=budget.period, starts_on=budget.starts_on, ends_on=budget.ends_on, until=today)
    return [(period, int(totals.get(period.start, 0))) for period in reversed(periods)]


def budget_burn_series(*, budget: Budget, period_start: date, today: date | None = None) -> list[tuple[date, int]]:
    """Cumulative spend at the end of each day of the period, up to today (or the period's end),
    for the burn chart."""
    today = today or today_for(budget.organization)
    period = budget_period(budget, period_start)
    daily = dict(
        SpendEntry.objects.filter(budget=budget, period_start=period.start)
        .order_by()
        .values("occurred_on")
        .annotate(total=Sum("amount_cents"))
        .values_list("occurred_on", "total")
    )
    return burn_series_from_daily(daily, period, today)


def burn_series_from_daily(daily: dict[date, int], period: Period, today: date) -> list[tuple[date, int]]:
    last = min(period.end, max(today, period.start))
    series, running, day = [], 0, period.start
    while day <= last:
        running += int(daily.get(day, 0))
        series.append((day, running))
        day += timedelta(days=1)
    return series


def run_out_day(
    *, today: date, period_start: date, period_end: date, budgeted_cents: int, spent_cents: int, recent_cents: int
) -> date | None:
    """The run-out rule, in one place: the day the period's budget runs out at the average daily
    spend of the last RUN_OUT_WINDOW_DAYS (`recent_cents`); today when it already has; None when
    nothing was spent lately, the period is not running, or the money lasts past its end."""
    left = budgeted_cents - spent_cents
    if left <= 0:
        return min(today, period_end) if spent_cents > 0 else None
    if today > period_end or today < period_start or recent_cents <= 0:
        return None
    days = -(-left * RUN_OUT_WINDOW_DAYS // recent_cents)  # ceiling: the day the last cent goes
    run_out = today + timedelta(days=days)
    return run_out if run_out <= period_end else None


def budget_forecast_run_out(
    *,
    budget: Budget,
    today: date | None = None,
    spent_cents: int | None = None,
    recent_cents: int | None = None,
) -> date | None:
    """`run_out_day` for one budget's current period (up to two small queries, none when the
    caller already has the period's spend and the last RUN_OUT_WINDOW_DAYS days' spend; lists use
    `budget_run_out_by_id`)."""
    today = today or today_for(budget.organization)
    period = budget_period(budget, today)
    if recent_cents is None:
        window_start = today - timedelta(days=RUN_OUT_WINDOW_DAYS - 1)
        recent = SpendEntry.objects.filter(budget=budget, occurred_on__range=(window_start, today)).aggregate(
            s=Sum("amount_cents")
        )["s"]
        recent_cents = int(recent or 0)
    if spent_cents is None:
        spent_cents = budget_period_spent(budget=budget, period_start=period.start)
    return run_out_day(
        today=today,
        period_start=period.start,
        period_end=period.end,
        budgeted_cents=budget.amount_cents,
        spent_cents=spent_cents,
        recent_cents=recent_cents,
    )


def budget_spend_by_contractor(*, budget: Budget, period_start: date) -> list[ContractorSpend]:
    """Spend per contractor in the period, largest first; entries without one under "No contractor"."""
    rows = (
        SpendEntry.objects.filter(budget=budget, period_start=period_start)
        .order_by()
        .values("contractor_id", "contractor__name")
        .annotate(total=Sum("amount_cents"))
        .order_by("-total", "contractor__name")
    )
    return [
        ContractorSpend(row["contractor_id"], row["contractor__name"] or "No contractor", int(row["total"]))
        for row in rows
    ]


def spend_entry_list_for_budget(
    *,
    budget: Budget,
    kind: str = "",
    contractor_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[SpendEntry]:
    """The budget's ledger, newest first, filtered; the caller paginates. `budget` must come from
    an access helper: the rows are not filtered by organization again (every ledger row carries its
    budget's organization, and a second filter made PostgreSQL AND two bitmap indexes)."""
    entries = SpendEntry.objects.filter(budget=budget).select_related(
        "contractor", "contract", "created_by", "reversed_by"
    )
    entries = filter_given(
        entries, kind=kind, contractor_id=contractor_id, occurred_on__gte=since, occurred_on__lte=until
    )
    return entries.order_by("-occurred_on", "-id")


CSV_HEADER = [
    "id",
    "occurred_on",
    "period_start",
    "kind",
    "description",
    "contractor",
    "contract",
    "amount",
    "currency",
    "original_amount",
    "original_currency",
    "exchange_rate",
    "reverses_id",
    "recorded_by",
    "recorded_at",
]


def spend_entries_csv_rows(
    *,
    budget: Budget,
    kind: str = "",
    contractor_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> Iterator[list[str]]:
    """Header row, then one row per ledger entry (amounts as plain decimals, no symbol), streamed."""
    yield list(CSV_HEADER)
    entries = (
        spend_entry_list_for_budget(budget=budget, kind=kind, contractor_id=contractor_id, since=since, until=until)
        .select_related(None)
        .select_related("contractor", "contract", "created_by")
    )
    for entry in entries.iterator(chunk_size=2000):
        original = (
            amount_text(entry.original_amount_cents, entry.original_currency)
            if entry.original_amount_cents is not None
            else ""
        )
        yield [
            str(entry.pk),
            entry.occurred_on.isoformat(),
            entry.period_start.isoformat(),
            SpendKind(entry.kind).label,
            csv_safe(entry.description),
            csv_safe(entry.contractor.name if entry.contractor else ""),
            csv_safe(entry.contract.title if entry.contract else ""),
            amount_text(entry.amount_cents, entry.currency),
            entry.currency,
            original,
            entry.original_currency,
            rate_text(entry.exchange_rate_micros) if entry.exchange_rate_micros else "",
            str(entry.reverses_id or ""),
            csv_safe(entry.created_by.display_name if entry.created_by else ""),
            entry.created_at.isoformat(),
        ]
