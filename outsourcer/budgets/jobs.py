"""Background jobs of the budget guard, run by the worker (`manage.py db_worker`).

The ledger enqueues `budget_alerts_check` after a posting commits; `manage.py scheduler` enqueues
the tasks in PERIODIC_JOBS every round. Every job is idempotent: a unique constraint (one alert
per budget, period and threshold) decides, so running a job twice or on two workers at once
sends once.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.tasks import task
from django.urls import NoReverseMatch, reverse

from outsourcer.accounts.models import Membership, Organization
from outsourcer.accounts.roles import Role
from outsourcer.audit.events import event_record
from outsourcer.budgets import events
from outsourcer.budgets.ledger import budget_period_spent
from outsourcer.budgets.models import Budget, BudgetAlert
from outsourcer.budgets.periods import budget_period
from outsourcer.budgets.selectors import budget_list_for_organization
from outsourcer.lib.money import format_money
from outsourcer.notifications.email import email_send_on_commit
from outsourcer.notifications.services import notification_create

ALERT_KIND = "budget_alert"


def _budget_url(budget: Budget) -> str:
    try:
        return reverse("budgets:detail", kwargs={"org_slug": budget.organization.slug, "budget_id": budget.pk})
    except NoReverseMatch:  # the pages are optional for the job; the list always exists
        return f"/o/{budget.organization.slug}/budgets/"


def budget_alerts_run(*, budget: Budget, period_start: date) -> list[int]:
    """Claim every threshold the period's spend has reached and not yet alerted, then notify the
    owners once (in-app + e-mail) naming the highest. Returns the thresholds newly claimed."""
    with transaction.atomic():
        period = budget_period(budget, period_start)
        spent = budget_period_spent(budget=budget, period_start=period.start)
        reached = [t for t in sorted(budget.thresholds) if spent * 100 >= t * budget.amount_cents]
        claimed = []
        for threshold in reached:
            try:
                with transaction.atomic():
                    BudgetAlert.objects.create(
                        organization_id=budget.organization_id,
                        budget=budget,
                        period_start=period.start,
                        threshold=threshold,
                        spent_cents=spent,
                    )
            except IntegrityError:  # claimed before, or by another worker just now
                continue
            claimed.append(threshold)
        if not claimed:
            return []
        highest = max(claimed)
        percent = spent * 100 // budget.amount_cents
        message = (
            f"“{budget.name}” has used {percent} % of its budget for {period.start:%d %b}–{period.end:%d %b %Y}: "
            f"{format_money(spent, budget.currency)} of {format_money(budget.amount_cents, budget.currency)} "
            f"(alert at {highest} %)."
        )
        url = _budget_url(budget)
        owners = Membership.objects.filter(organization_id=budget.organization_id, role=Role.OWNER).select_related(
            "user"
        )
        for membership in owners:
            notification_create(
                user=membership.user, organization=budget.organization, kind=ALERT_KIND, message=message, url=url
            )
            email_send_on_commit(
                to=membership.user.email,
                subject=f"Budget alert: {budget.name} at {percent} %",
                template="emails/budget_alert.txt",
                context={"budget": budget, "message": message, "url": url, "user": membership.user},
            )
        event_record(
            action=events.BUDGET_ALERT_SENT,
            organization=budget.organization,
            obj=budget,
            after={
                "period_start": period.start.isoformat(),
                "thresholds": claimed,
                "spent_cents": spent,
                "currency": budget.currency,
            },
        )
    return claimed


@task
def budget_alerts_check(budget_id: int, period_start: str) -> list[int]:
    """Worker entry point enqueued after each posting (arguments are JSON: id and ISO date)."""
    budget = Budget.objects.select_related("organization").filter(pk=budget_id).first()
    if budget is None:
        return []
    return budget_alerts_run(budget=budget, period_start=date.fromisoformat(period_start))


def budget_alerts_sweep_run() -> int:
    """Check every budget's current period (one figures query per organization); returns how many
    thresholds were newly claimed. Catches alerts whose on-commit enqueue was lost."""
    claimed = 0
    for organization in Organization.objects.filter(Exists(Budget.objects.filter(organization=OuterRef("pk")))):
        for budget in budget_list_for_organization(organization=organization):
            first = min(budget.thresholds) if budget.thresholds else 100
            if budget.figures.spent_cents * 100 >= first * budget.amount_cents:
                budget.organization = organization
                claimed += len(budget_alerts_run(budget=budget, period_start=budget.figures.period_start))
    return claimed


@task
def budget_alerts_sweep() -> int:
    return budget_alerts_sweep_run()


# Enqueued by `manage.py scheduler` every round.
PERIODIC_JOBS = [budget_alerts_sweep]
