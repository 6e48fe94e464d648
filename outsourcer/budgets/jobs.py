"""Background jobs of the budget guard, run by the worker (`manage.py db_worker`).

The ledger enqueues `budget_alerts_check` after a posting commits; `manage.py scheduler` enqueues
the tasks in PERIODIC_JOBS every round. Every job is idempotent: a unique constraint (one alert
per budget, period and threshold) decides, so running a job twice or on two workers at once
sends once.
"""

from collections.abc import Callable
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.tasks import task
from django.urls import NoReverseMatch, reverse

from outsourcer.accounts.models import Membership, Organization
from outsourcer.accounts.selectors import membership_list_owners_and_runners
from outsourcer.audit.events import event_record
from outsourcer.budgets import events
from outsourcer.budgets.ledger import budget_period_spent
from outsourcer.budgets.models import Budget, BudgetAlert
from outsourcer.budgets.periods import budget_period
from outsourcer.budgets.selectors import budget_list_for_organization
from outsourcer.lib.money import format_money
from outsourcer.lib.timezones import date_in
from outsourcer.notifications.email import email_send_on_commit
from outsourcer.notifications.services import notification_create

ALERT_KIND = "budget_alert"

# Who runs a budget's contracts, asked of the domain that has contracts (it registers a function
# from its AppConfig.ready: budgets sit below contracts and cannot import them). Each function
# answers subqueries of user ids.
_RUNNERS: list[Callable[[Budget], list[QuerySet]]] = []


def budget_runners_register(runners: Callable[[Budget], list[QuerySet]]) -> None:
    """Add a source of "who runs this budget's work" (user-id subqueries) for the alert recipients;
    call once, from AppConfig.ready."""
    if runners not in _RUNNERS:
        _RUNNERS.append(runners)


def budget_alert_recipients(*, budget: Budget) -> QuerySet[Membership]:
    """The memberships that receive the budget's alerts, with their users: every owner, and every
    manager who runs one of its contracts, each unless they turned budget alerts off."""
    runner_ids = [user_ids for runners in _RUNNERS for user_ids in runners(budget)]
    recipients = membership_list_owners_and_runners(organization_id=budget.organization_id, runner_ids=runner_ids)
    return recipients.filter(budget_alerts=True)


def _ended_before_rule(budget: Budget, period_end: date) -> bool:
    # In the organization's calendar: a period ends at its local midnight.
    return period_end < date_in(budget.thresholds_set_at, budget.organization.time_zone)


def _budget_url(budget: Budget) -> str:
    try:
        return reverse("budgets:detail", kwargs={"org_slug": budget.organization.slug, "budget_id": budget.pk})
    except NoReverseMatch:  # the pages are optional for the job; the list always exists
        return f"/o/{budget.organization.slug}/budgets/"


def budget_alerts_run(*, budget: Budget, period_start: date) -> list[int]:
    """Claim every threshold the period's spend has reached and not yet alerted, then notify the
    recipients (budget_alert_recipients) once, in-app and by e-mail, naming the highest. A period
    that had ended before the thresholds were set (a budget started in the past, a changed rule)
    is never alerted. Returns the thresholds newly claimed."""
    with transaction.atomic():
        period = budget_period(budget, period_start)
        if _ended_before_rule(budget, period.end):
            return []
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
        for membership in budget_alert_recipients(budget=budget):
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
