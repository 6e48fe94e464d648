"""The ledger API: the only way other domains write to or lock a budget's money. Contracts post
time, milestones and retainer fees through `spend_record`, under `budget_lock`, after checking
`budget_period_spent`; budgets' own services (expenses, reversals) use the same three.

The ledger is append-only: `spend_record` is the one place that inserts a SpendEntry; nothing
updates or deletes one (see models.SpendEntry)."""

from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum

from outsourcer.accounts.models import User
from outsourcer.budgets.models import Budget, SpendEntry
from outsourcer.budgets.periods import budget_period, covers
from outsourcer.contractors.models import Contractor
from outsourcer.lib.errors import DomainError

NOT_COVERED = "The budget runs from {start} to {end}; {day} is outside it."


def budget_lock(budget: Budget) -> Budget:
    """Re-read the budget with SELECT … FOR UPDATE; call inside a transaction before a guarded
    posting so concurrent postings to the same budget queue up (no-op on SQLite, which serialises
    writers anyway)."""
    return Budget.objects.select_for_update().select_related("organization").get(pk=budget.pk)


def _enqueue_alert_check(budget_id: int, period_start: date) -> None:
    # jobs.py reads the ledger through this module: importing it at the top would be a circle.
    from outsourcer.budgets.jobs import budget_alerts_check

    transaction.on_commit(lambda: budget_alerts_check.enqueue(budget_id, period_start.isoformat()))


def spend_record(
    *,
    budget: Budget,
    kind: str,
    amount_cents: int,
    occurred_on: date,
    actor: User | None,
    description: str = "",
    contractor: Contractor | None = None,
    contract=None,
    original_amount_cents: int | None = None,
    original_currency: str = "",
    exchange_rate_micros: int | None = None,
    covers_month: date | None = None,
    time_entry=None,
    milestone=None,
    reverses: SpendEntry | None = None,
    receipt: UploadedFile | None = None,
) -> SpendEntry:
    """Insert one ledger row in the budget's currency, filed under the period containing
    `occurred_on` (DomainError when the budget does not cover that day), and enqueue the
    threshold-alert check after commit. Callers own the transaction and any guard."""
    if not covers(starts_on=budget.starts_on, ends_on=budget.ends_on, day=occurred_on):
        end = f"{budget.ends_on:%d %b %Y}" if budget.ends_on else "open end"
        raise DomainError(
            NOT_COVERED.format(start=f"{budget.starts_on:%d %b %Y}", end=end, day=f"{occurred_on:%d %b %Y}"),
            field="occurred_on",
            code="outside_budget",
        )
    period = budget_period(budget, occurred_on)
    entry = SpendEntry(
        organization_id=budget.organization_id,
        budget=budget,
        period_start=period.start,
        kind=kind,
        amount_cents=amount_cents,
        currency=budget.currency,
        occurred_on=occurred_on,
        description=description[:500],
        contractor=contractor,
        contract=contract,
        original_amount_cents=original_amount_cents,
        original_currency=original_currency,
        exchange_rate_micros=exchange_rate_micros,
        covers_month=covers_month,
        time_entry=time_entry,
        milestone=milestone,
        reverses=reverses,
        created_by=actor,
    )
    if receipt is not None:
        entry.receipt = receipt
    entry.save()
    _enqueue_alert_check(budget.pk, period.start)
    return entry


def budget_period_spent(*, budget: Budget, period_start: date) -> int:
    """SUM of the ledger filed under one period (0 when empty)."""
    total = SpendEntry.objects.filter(budget=budget, period_start=period_start).aggregate(s=Sum("amount_cents"))["s"]
    return int(total or 0)
