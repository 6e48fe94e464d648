"""Small reads only the budget and contract pages need (choices for selects, alerts to show).
Anything the API or a service also needs belongs in selectors.py."""

from datetime import date, timedelta

from django.db.models import Sum

from outsourcer.accounts.models import Organization
from outsourcer.budgets.models import Budget, BudgetAlert, SpendEntry
from outsourcer.budgets.periods import today_for
from outsourcer.budgets.selectors import RUN_OUT_WINDOW_DAYS, run_out_day
from outsourcer.contractors.models import Engagement, EngagementStatus


def contractor_choices_for_organization(
    *, organization: Organization, active_only: bool = False
) -> list[tuple[int, str]]:
    """(contractor id, name) for the organization's contractors, by name (one query)."""
    engagements = Engagement.objects.filter(organization=organization)
    if active_only:
        engagements = engagements.filter(status=EngagementStatus.ACTIVE)
    rows = engagements.order_by("contractor__name", "contractor_id").values_list("contractor_id", "contractor__name")
    return list(rows)


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
