"""Every write for contracts, milestones and time entries, including the budget guard."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from outsourcer.accounts.models import Organization, User
from outsourcer.budgets.models import Budget, SpendEntry
from outsourcer.contractors.models import Contractor
from outsourcer.contracts.models import Contract, Milestone, TimeEntry


def contract_create(
    *,
    organization: Organization,
    actor: User,
    budget: Budget,
    contractor: Contractor,
    title: str,
    rate_model: str,
    starts_on: date,
    ends_on: date | None = None,
    currency: str = "",
    exchange_rate_micros: int | None = None,
    hourly_rate_cents: int | None = None,
    weekly_cap_minutes: int | None = None,
    monthly_fee_cents: int | None = None,
    included_minutes: int | None = None,
    overage_rate_cents: int | None = None,
    total_cents: int | None = None,
    milestones: Sequence[dict[str, Any]] = (),
) -> Contract:
    """Create a draft contract (with its milestones for fixed price, whose amounts must sum to the
    total) in one transaction. Needs an engagement between the organization and the contractor;
    a currency other than the budget's needs `exchange_rate_micros`. Raises FieldErrors."""
    raise NotImplementedError


def contract_update(*, contract: Contract, actor: User, **terms: Any) -> Contract:
    """Change a draft contract's terms (same arguments as `contract_create`, milestones replaced
    when given); DomainError once the contract is active."""
    raise NotImplementedError


def contract_activate(
    *, contract: Contract, actor: User, override_reason: str = "", may_override: bool = False, today: date | None = None
) -> Contract:
    """draft → active. The guard: when the contract's committed cost for the current period
    exceeds the budget's remaining, raise OverrideRequired (details: committed, remaining, over)
    unless `may_override` (owners: "contract.override") and a reason; the reason is recorded."""
    raise NotImplementedError


def contract_complete(*, contract: Contract, actor: User) -> Contract:
    """active → completed; a fixed-price contract needs every milestone accepted first."""
    raise NotImplementedError


def contract_end(*, contract: Contract, actor: User) -> Contract:
    """draft/active → ended: stops commitments (pending milestones, future retainer months)."""
    raise NotImplementedError


def milestone_accept(*, milestone: Milestone, actor: User, today: date | None = None) -> SpendEntry:
    """Accept a pending milestone of an active fixed-price contract and post its amount once."""
    raise NotImplementedError


def time_entry_create(
    *, contractor: Contractor, contract: Contract, worked_on: date, minutes: int, note: str = ""
) -> TimeEntry:
    """Log time against the contractor's own ACTIVE hourly or retainer contract (1–1440 minutes,
    within the contract's dates, not in the future)."""
    raise NotImplementedError


def time_entry_update(
    *, entry: TimeEntry, contractor: Contractor, worked_on: date, minutes: int, note: str = ""
) -> TimeEntry:
    """Edit a submitted entry; DomainError once it is reviewed."""
    raise NotImplementedError


def time_entry_approve(
    *, entry: TimeEntry, actor: User, override_reason: str = "", may_override: bool = False
) -> TimeEntry:
    """Approve a submitted entry and post its spend (hourly: minutes × rate; retainer: only the
    minutes beyond the month's included minutes × overage rate). Locks the budget row. Raises
    OverrideRequired when the ISO week's approved minutes would pass the weekly cap, or the
    period's spend would pass 100 % of the budget, unless `may_override` ("time.override") and a
    reason; the reason is stored on the entry and in the event."""
    raise NotImplementedError


def time_entry_approve_bulk(
    *, entries: Iterable[TimeEntry], actor: User, override_reason: str = "", may_override: bool = False
) -> list[TimeEntry]:
    """Approve several entries all-or-nothing in one transaction (oldest first); the first failure
    raises with the entry id in `details` and nothing is approved."""
    raise NotImplementedError


def time_entry_reject(*, entry: TimeEntry, actor: User, reason: str) -> TimeEntry:
    """Reject a submitted entry with a required reason."""
    raise NotImplementedError


def time_entry_reject_bulk(*, entries: Iterable[TimeEntry], actor: User, reason: str) -> list[TimeEntry]:
    """Reject several entries all-or-nothing with one reason."""
    raise NotImplementedError
