"""The ledger API: the only way other domains write to or lock a budget's money. Contracts post
time, milestones and retainer fees through `spend_record`, under `budget_lock`, after checking
`budget_period_spent`; budgets' own services (expenses, reversals) use the same three.

The ledger is append-only: `spend_record` is the one place that inserts a SpendEntry; nothing
updates or deletes one (see models.SpendEntry). It also keeps the derived SpendTotal rows in the
same transaction (`spend_totals_add`); `spend_contractor_relink`, the ledger's one allowed change,
recomputes them, and `spend_totals_rebuild` recomputes them from the ledger after a bulk load."""

from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import Sum

from outsourcer.accounts.models import User
from outsourcer.budgets.models import Budget, SpendEntry, SpendTotal
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
    spend_totals_add(entry)
    _enqueue_alert_check(budget.pk, period.start)
    return entry


def budget_period_spent(*, budget: Budget, period_start: date) -> int:
    """SUM of the ledger filed under one period (0 when empty)."""
    total = SpendEntry.objects.filter(budget=budget, period_start=period_start).aggregate(s=Sum("amount_cents"))["s"]
    return int(total or 0)


# --- SpendTotal: the ledger's sums, kept with it ----------------------------------------------------

_TOTALS_ADD_SQL = """
INSERT INTO {totals} (budget_id, period_start, contract_key, contractor_key, amount_cents)
VALUES (%s, %s, %s, %s, %s)
ON CONFLICT (budget_id, period_start, contract_key, contractor_key)
DO UPDATE SET amount_cents = {totals}.amount_cents + excluded.amount_cents
"""

# The ledger grouped as SpendTotal keys it; {where} narrows it to some budgets.
_LEDGER_SUMS_SQL = """
SELECT budget_id, period_start, COALESCE(contract_id, 0), COALESCE(contractor_id, 0), SUM(amount_cents)
  FROM {ledger} {where}
 GROUP BY budget_id, period_start, COALESCE(contract_id, 0), COALESCE(contractor_id, 0)
"""


def spend_totals_add(entry: SpendEntry) -> None:
    """Add one new ledger row to its SpendTotal (one upsert, in the caller's transaction; safe
    without the budget lock too: the database serialises the conflicting insert). Called by
    spend_record, and by test builders that insert ledger rows directly."""
    with connection.cursor() as cursor:
        cursor.execute(
            _TOTALS_ADD_SQL.format(totals=SpendTotal._meta.db_table),
            [entry.budget_id, entry.period_start, entry.contract_id or 0, entry.contractor_id or 0, entry.amount_cents],
        )


def spend_totals_rebuild(budget_ids: list[int] | None = None) -> None:
    """Recompute SpendTotal from the ledger: of `budget_ids`, or of every budget (None). Two
    statements in one transaction; for bulk loads (bench, migrations) and the contractor relink."""
    where, params = "", []
    totals = SpendTotal.objects.all()
    if budget_ids is not None:
        if not budget_ids:
            return
        where = f"WHERE budget_id IN ({', '.join(['%s'] * len(budget_ids))})"
        params = list(budget_ids)
        totals = totals.filter(budget_id__in=budget_ids)
    insert = (
        f"INSERT INTO {SpendTotal._meta.db_table} (budget_id, period_start, contract_key, contractor_key, amount_cents)"
        + _LEDGER_SUMS_SQL.format(ledger=SpendEntry._meta.db_table, where=where)
    )
    with transaction.atomic():
        totals.delete()
        with connection.cursor() as cursor:
            cursor.execute(insert, params)


_TOTALS_SQL = "SELECT budget_id, period_start, contract_key, contractor_key, amount_cents FROM {totals}"

# Rows of the ledger's sums missing from the totals, then rows of the totals not in the sums.
_MISMATCHED_SQL = """
SELECT COUNT(*) FROM ({ledger} EXCEPT {totals}) a
UNION ALL
SELECT COUNT(*) FROM ({totals} EXCEPT {ledger}) b
"""


def spend_totals_mismatched() -> int:
    """How many SpendTotal rows differ from the ledger's sums (missing, extra or another amount);
    0 when the totals are right. For the bench's consistency check and the tests."""
    ledger = _LEDGER_SUMS_SQL.format(ledger=SpendEntry._meta.db_table, where="")
    totals = _TOTALS_SQL.format(totals=SpendTotal._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(_MISMATCHED_SQL.format(ledger=ledger, totals=totals))
        return sum(int(row[0]) for row in cursor.fetchall())


def spend_contractor_relink(entries, *, into: Contractor) -> int:
    """The ledger's one allowed change (contractors/merge.py): `entries` follow a merged record to
    `into` (SpendEntryQuerySet.contractor_relink), and their budgets' totals are recomputed in the
    same transaction. Returns the number of entries moved."""
    budget_ids = list(entries.order_by().values_list("budget_id", flat=True).distinct())
    with transaction.atomic():
        moved = entries.contractor_relink(into=into)
        spend_totals_rebuild(budget_ids)
    return moved
