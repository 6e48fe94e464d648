"""Small reads only the budget and contract pages need (choices for selects, alerts to show).
Anything the API or a service also needs belongs in selectors.py."""

from dataclasses import dataclass
from datetime import UTC, date, timedelta

from django.db import connection
from django.db.models import Sum
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from outsourcer.accounts.models import Organization
from outsourcer.budgets.figures import period_figures
from outsourcer.budgets.models import Budget, BudgetAlert, SpendEntry, SpendTotal
from outsourcer.budgets.periods import Period, budget_period, periods_between, today_for
from outsourcer.budgets.selectors import (
    RUN_OUT_WINDOW_DAYS,
    BudgetFigures,
    ContractorSpend,
    _figures_from,
    burn_series_from_daily,
    run_out_day,
)
from outsourcer.contractors.models import Contractor, Engagement, EngagementStatus


def contractor_choices_for_organization(
    *, organization: Organization, active_only: bool = False
) -> list[tuple[int, str]]:
    """(contractor id, name) for the organization's contractors, by name (one query)."""
    engagements = Engagement.objects.filter(organization=organization)
    if active_only:
        engagements = engagements.filter(status=EngagementStatus.ACTIVE)
    rows = engagements.order_by("contractor__name", "contractor_id").values_list("contractor_id", "contractor__name")
    return list(rows)


def budget_page_figures(*, budget: Budget, period_start: date, today: date | None = None) -> BudgetFigures:
    """`selectors.budget_figures` for the period containing `period_start`, from the overview's
    fixed statement (figures.period_figures) instead of the ORM's annotations: building those cost
    the budget page ~25 % of its CPU (docs/performance.md). Pinned equal by test_figures.py."""
    today = today or today_for(budget.organization)
    period = budget_period(budget, period_start)
    spent, committed, forecast_numerator, _ = period_figures({budget.pk: period}, today=today)[budget.pk]
    return _figures_from(budget, period, spent=spent, committed=committed, forecast_numerator=forecast_numerator)


def budget_choices_for_organization(*, organization: Organization) -> list[tuple[int, str]]:
    """(budget id, "Name (EUR)") for the organization's budgets, by name (one query)."""
    rows = Budget.objects.filter(organization=organization).order_by("name", "pk").values_list("pk", "name", "currency")
    return [(pk, f"{name} ({currency})") for pk, name, currency in rows]


def budget_alert_list(*, budget: Budget, period_start: date) -> list[BudgetAlert]:
    """The thresholds crossed in one period of the budget, lowest first."""
    return list(BudgetAlert.objects.filter(budget=budget, period_start=period_start).order_by("threshold"))


def budget_run_out_by_id(*, organization: Organization, budgets: list[Budget], today: date | None = None) -> dict:
    """{budget id: forecast run-out day or None} for the overview, from the budgets' `.figures` and
    the last 30 days' spend: `.recent_spent_cents` when the budgets were listed with
    `recent_days=RUN_OUT_WINDOW_DAYS` (no query), else ONE grouped query; the rule itself is
    selectors.run_out_day, shared with budget_forecast_run_out."""
    today = today or today_for(organization)
    window_start = today - timedelta(days=RUN_OUT_WINDOW_DAYS - 1)
    if all(hasattr(budget, "recent_spent_cents") for budget in budgets):
        burned = {budget.pk: budget.recent_spent_cents for budget in budgets}
    else:
        burned = dict(
            # By budget id, not organization: SQLite would otherwise skip-scan (budget_id, occurred_on)
            # across every organization's budgets and look up each row's organization.
            SpendEntry.objects.filter(budget_id__in=[b.pk for b in budgets], occurred_on__range=(window_start, today))
            .order_by()
            .values("budget_id")
            .annotate(total=Sum("amount_cents"))
            .values_list("budget_id", "total")
        )
    return {
        budget.pk: run_out_day(
            today=today,
            period_start=budget.figures.period_start,
            period_end=budget.figures.period_end,
            budgeted_cents=budget.figures.budgeted_cents,
            spent_cents=budget.figures.spent_cents,
            recent_cents=int(burned.get(budget.pk) or 0),
        )
        for budget in budgets
    }


@dataclass
class BudgetSpendSummary:
    history: list[tuple[Period, int]]  # as selectors.budget_period_history
    series: list[tuple[date, int]]  # as selectors.budget_burn_series
    recent_cents: int  # the last RUN_OUT_WINDOW_DAYS days, for selectors.budget_forecast_run_out
    by_contractor: list[ContractorSpend]  # as selectors.budget_spend_by_contractor
    alerts: list[BudgetAlert]  # as budget_alert_list (unsaved copies, for display)


def budget_spend_summary(*, budget: Budget, period_start: date, today: date | None = None) -> BudgetSpendSummary:
    """Everything the budget page shows of its ledger apart from the entries, in ONE statement:
    spend per period, the period's daily burn, the last RUN_OUT_WINDOW_DAYS days' spend, spend
    per contractor (grouped passes over SpendTotal and the ledger's index) and the period's alerts, joined
    by UNION ALL (the page has a budget of 12 queries: docs/performance.md)."""
    today = today or today_for(budget.organization)
    period = budget_period(budget, period_start)
    window = (today - timedelta(days=RUN_OUT_WINDOW_DAYS - 1), today)
    spend, totals = SpendEntry._meta.db_table, SpendTotal._meta.db_table
    contractor, alert = Contractor._meta.db_table, BudgetAlert._meta.db_table
    # Every entry is filed under the period of its day (ledger.spend_record): the period's days
    # are exactly its entries' days, so one grouping by day serves the burn and the window. Spend
    # per period and per contractor come from the ledger's sums (SpendTotal, a few rows a period).
    sql = f"""
        SELECT 1, period_start, CAST(NULL AS BIGINT), CAST(NULL AS TEXT), SUM(amount_cents) FROM {totals}
         WHERE budget_id = %s GROUP BY period_start
        UNION ALL
        SELECT 2, occurred_on, CAST(NULL AS BIGINT), CAST(NULL AS TEXT), SUM(amount_cents) FROM {spend}
         WHERE budget_id = %s AND (period_start = %s OR occurred_on BETWEEN %s AND %s) GROUP BY occurred_on
        UNION ALL
        SELECT 3, CAST(NULL AS DATE), NULLIF(t.contractor_key, 0), c.name, SUM(t.amount_cents) FROM {totals} t
          LEFT JOIN {contractor} c ON c.id = t.contractor_key
         WHERE t.budget_id = %s AND t.period_start = %s GROUP BY t.contractor_key, c.name
        UNION ALL
        SELECT 4, CAST(NULL AS DATE), threshold, CAST(created_at AS TEXT), spent_cents FROM {alert}
         WHERE budget_id = %s AND period_start = %s
    """  # noqa: S608 - table names from the models, values as parameters
    params = [
        budget.pk,
        budget.pk,
        period.start,
        window[0],
        window[1],
        budget.pk,
        period.start,
        budget.pk,
        period.start,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    per_period, daily, per_contractor, alerts = {}, {}, [], []
    for part, day, number, text, total in rows:
        day = date.fromisoformat(day) if isinstance(day, str) else day  # SQLite answers text
        if part == 1:
            per_period[day] = int(total)
        elif part == 2:
            daily[day] = int(total)
        elif part == 3:
            per_contractor.append(ContractorSpend(number, text or "No contractor", int(total)))
        else:
            created_at = parse_datetime(text)
            if timezone.is_naive(created_at):  # SQLite keeps UTC without an offset
                created_at = timezone.make_aware(created_at, UTC)
            alerts.append(
                BudgetAlert(budget=budget, period_start=period.start, threshold=number, spent_cents=int(total),
                            created_at=created_at)
            )  # fmt: skip
    alerts.sort(key=lambda a: a.threshold)
    periods = periods_between(kind=budget.period, starts_on=budget.starts_on, ends_on=budget.ends_on, until=today)
    in_period = {day: total for day, total in daily.items() if period.start <= day <= period.end}
    # budget_spend_by_contractor's order: largest first, then by name (no contractor last among equals).
    per_contractor.sort(key=lambda row: (-row.spent_cents, row.contractor_id is None, row.name))
    return BudgetSpendSummary(
        history=[(p, per_period.get(p.start, 0)) for p in reversed(periods)],
        series=burn_series_from_daily(in_period, period, today),
        recent_cents=sum(total for day, total in daily.items() if window[0] <= day <= window[1]),
        by_contractor=per_contractor,
        alerts=alerts,
    )
