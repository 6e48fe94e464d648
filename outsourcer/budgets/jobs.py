"""Background jobs of the budget guard, run by the worker (`manage.py db_worker`).

Services enqueue `budget_alerts_check` after a posting commits; `manage.py scheduler` enqueues
`retainer_fees_post_task` and `budget_alerts_sweep` periodically. Every job is idempotent: unique
constraints (one retainer fee per contract and month, one alert per budget, period and
threshold) decide, so running a job twice or on two workers at once posts or sends once.
"""

import logging
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.tasks import task
from django.urls import NoReverseMatch, reverse

from outsourcer.accounts.models import Membership, Organization
from outsourcer.accounts.roles import Role
from outsourcer.audit.events import event_record
from outsourcer.budgets import events
from outsourcer.budgets.models import Budget, BudgetAlert, SpendEntry, SpendKind
from outsourcer.budgets.periods import budget_period, covers, month_end, month_start, today_for
from outsourcer.budgets.selectors import budget_list_for_organization, budget_period_spent
from outsourcer.contracts.models import Contract, ContractStatus, RateModel
from outsourcer.lib.money import format_money
from outsourcer.notifications.email import email_send_on_commit
from outsourcer.notifications.services import notification_create

logger = logging.getLogger("outsourcer.budgets.jobs")

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
                        organization_id=budget.organization_id, budget=budget, period_start=period.start,
                        threshold=threshold, spent_cents=spent,
                    )  # fmt: skip
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
            action=events.BUDGET_ALERT_SENT, organization=budget.organization, obj=budget,
            after={"period_start": period.start.isoformat(), "thresholds": claimed, "spent_cents": spent},
        )  # fmt: skip
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


def _fee_posted(contract: Contract, month: date) -> bool:
    # A cheap pre-check; the unique constraint is what guarantees "once" under concurrency.
    return SpendEntry.objects.filter(contract=contract, kind=SpendKind.RETAINER_FEE, covers_month=month).exists()


def retainer_fees_post(*, today: date | None = None) -> int:
    """Post the current month's fee of every active retainer contract that has started, once per
    contract and month (the unique constraint decides between concurrent runs). The fee is dated
    the first day of the month, or the contract's start when it began later. Returns how many
    were posted."""
    from outsourcer.contracts.services import _original  # the contract's currency details

    posted = 0
    contracts = (
        Contract.objects.filter(status=ContractStatus.ACTIVE, rate_model=RateModel.RETAINER)
        .select_related("budget", "budget__organization", "contractor")
        .order_by("pk")
    )
    if today is not None:
        contracts = contracts.filter(starts_on__lte=today).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=month_start(today))
        )
    for contract in contracts.iterator(chunk_size=500):
        day = today or today_for(contract.budget.organization)
        first = month_start(day)
        if contract.starts_on > day or (contract.ends_on and contract.ends_on < first):
            continue
        if _fee_posted(contract, first):
            continue
        occurred_on = max(first, contract.starts_on)
        budget = contract.budget
        if not covers(starts_on=budget.starts_on, ends_on=budget.ends_on, day=occurred_on):
            logger.warning("retainer %s: budget %s does not cover %s; fee not posted", contract.pk, budget.pk, day)
            continue
        try:
            with transaction.atomic():
                from outsourcer.budgets.services import spend_record

                entry = spend_record(
                    budget=budget, kind=SpendKind.RETAINER_FEE, amount_cents=contract.monthly_fee_budget_cents,
                    occurred_on=occurred_on, actor=None, contractor=contract.contractor, contract=contract,
                    covers_month=first, description=f"{contract.title}: retainer {first:%B %Y}",
                    **_original(contract, contract.monthly_fee_cents),
                )  # fmt: skip
                event_record(
                    action=events.RETAINER_FEE_POSTED, organization=budget.organization, obj=entry,
                    after={"contract_id": contract.pk, "month": first.isoformat(), "amount_cents": entry.amount_cents,
                           "until": month_end(first).isoformat()},
                )  # fmt: skip
        except IntegrityError:  # another worker posted this month's fee first
            continue
        posted += 1
    return posted


@task
def retainer_fees_post_task() -> int:
    return retainer_fees_post()
