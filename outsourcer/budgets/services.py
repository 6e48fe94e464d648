"""Every write for budgets and the spend ledger. The ledger is append-only: `spend_record` is the
one place that inserts a SpendEntry; nothing updates or deletes one (see models.SpendEntry)."""

from datetime import date

from django.core.files.uploadedfile import UploadedFile

from outsourcer.accounts.models import Organization, User
from outsourcer.budgets.models import Budget, SpendEntry
from outsourcer.contractors.models import Contractor


def budget_create(
    *,
    organization: Organization,
    actor: User,
    name: str,
    period: str,
    starts_on: date,
    amount_cents: int,
    currency: str,
    ends_on: date | None = None,
    thresholds: list[int] | None = None,
) -> Budget:
    """Create a budget; raises FieldErrors listing every invalid input. Records `budget_created`."""
    raise NotImplementedError


def budget_update(
    *,
    budget: Budget,
    actor: User,
    name: str,
    period: str,
    starts_on: date,
    amount_cents: int,
    currency: str,
    ends_on: date | None = None,
    thresholds: list[int] | None = None,
) -> Budget:
    """Change a budget. Once it has ledger entries or contracts, period, start and currency are
    fixed (earlier entries were filed under them) and the end may not move before the last entry."""
    raise NotImplementedError


def budget_lock(budget: Budget) -> Budget:
    """Re-read the budget with SELECT … FOR UPDATE; call inside a transaction before a guarded
    posting so concurrent postings to the same budget queue up (no-op on SQLite, which serialises
    writers anyway)."""
    raise NotImplementedError


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
    raise NotImplementedError


def expense_record(
    *,
    budget: Budget,
    actor: User,
    amount_cents: int,
    occurred_on: date,
    description: str,
    receipt: UploadedFile | None = None,
    contractor: Contractor | None = None,
) -> SpendEntry:
    """Record an expense (receipt: PDF/PNG/JPEG up to 10 MB). Not guarded by the 100 % limit: an
    expense is money already gone, and the ledger must say so; alerts still fire."""
    raise NotImplementedError


def spend_entry_reverse(*, entry: SpendEntry, actor: User, reason: str) -> SpendEntry:
    """Append a correction that negates `entry` in the entry's own period. An entry is reversed at
    most once and a correction is never reversed (record a new entry instead)."""
    raise NotImplementedError
