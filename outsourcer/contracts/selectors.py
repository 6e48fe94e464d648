"""Reads for contracts, milestones and time entries, used by pages and the API."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from outsourcer.accounts.models import Organization
from outsourcer.budgets.models import SpendEntry, SpendKind
from outsourcer.budgets.periods import Period, budget_period, iso_week, month_end, month_start, months_in, today_for
from outsourcer.contractors.models import Contractor
from outsourcer.contracts.models import (
    Contract,
    ContractStatus,
    Milestone,
    MilestoneStatus,
    RateModel,
    TimeEntry,
    TimeEntryStatus,
)
from outsourcer.lib.money import round_half_up
from outsourcer.lib.queries import filter_given


@dataclass(frozen=True)
class Commitment:
    """What a contract takes from its budget's period from `since` on (budget currency)."""

    period: Period
    since: date
    committed_cents: int  # fixed: unpaid milestones due in the period; retainer: unposted months × fee
    forecast_cents: int  # hourly: weekly cap × remaining weeks × rate

    @property
    def total_cents(self) -> int:
        return self.committed_cents + self.forecast_cents


def contract_list_for_organization(
    *,
    organization: Organization,
    status: str = "",
    budget_id: int | None = None,
    contractor_id: int | None = None,
    rate_model: str = "",
    search: str = "",
) -> QuerySet[Contract]:
    """The organization's contracts with budget and contractor, newest first."""
    contracts = Contract.objects.filter(organization=organization).select_related("budget", "contractor")
    contracts = filter_given(
        contracts, status=status, budget_id=budget_id, contractor_id=contractor_id, rate_model=rate_model
    )
    if search.strip():
        term = search.strip()
        contracts = contracts.filter(Q(title__icontains=term) | Q(contractor__name__icontains=term))
    return contracts.order_by("-created_at", "-id")


def contract_list_for_contractor(*, contractor: Contractor, status: str = "") -> QuerySet[Contract]:
    """The contractor's own non-draft contracts in every organization, with the organization.
    Callers show contract terms only: never the budget."""
    contracts = (
        Contract.objects.filter(contractor=contractor)
        .exclude(status=ContractStatus.DRAFT)
        .select_related("organization")
    )
    if status:
        contracts = contracts.filter(status=status)
    return contracts.order_by("-starts_on", "-id")


def contract_commitment(*, contract: Contract, today: date | None = None) -> Commitment:
    """Committed and forecast cost of the contract (as if active) in the budget period that
    contains max(today, contract start) — the same rules as the budget figures (budgets/figures.py)."""
    budget = contract.budget
    today = today or today_for(budget.organization)
    reference = max(today, contract.starts_on)
    period = budget_period(budget, reference)
    since = max(reference, period.start)
    if period.end < reference:
        return Commitment(period, since, 0, 0)
    contract_end = contract.ends_on or date.max
    if contract.rate_model == RateModel.FIXED:
        due = Milestone.objects.filter(
            contract=contract, status=MilestoneStatus.PENDING, due_on__lte=period.end
        ).aggregate(s=Sum("budget_amount_cents"))["s"]
        return Commitment(period, since, int(due or 0), 0)
    if contract.rate_model == RateModel.RETAINER:
        months = months_in(max(month_start(since), month_start(contract.starts_on)), min(period.end, contract_end))
        posted = SpendEntry.objects.filter(
            contract=contract,
            kind=SpendKind.RETAINER_FEE,
            covers_month__gte=month_start(since),
            covers_month__lte=period.end,
        ).count()
        return Commitment(period, since, max(0, len(months) - posted) * (contract.monthly_fee_budget_cents or 0), 0)
    start, end = max(since, contract.starts_on), min(period.end, contract_end)
    days = max(0, (end - start).days + 1)
    numerator = (contract.weekly_cap_minutes or 0) * (contract.hourly_rate_budget_cents or 0) * days
    return Commitment(period, since, 0, round_half_up(Decimal(numerator) / (7 * 60)))


def milestone_list_for_contract(*, contract: Contract) -> QuerySet[Milestone]:
    """The contract's milestones in agreed order, with the ledger entry of accepted ones."""
    return Milestone.objects.filter(contract=contract).select_related("spend_entry").order_by("position", "id")


def time_entry_list_for_organization(
    *,
    organization: Organization,
    status: str = "",
    contractor_id: int | None = None,
    contract_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[TimeEntry]:
    """Time logged under the organization's contracts, newest first, with contractor and contract."""
    entries = TimeEntry.objects.filter(organization=organization).select_related("contractor", "contract")
    return _filter_entries(
        entries, status=status, contractor_id=contractor_id, contract_id=contract_id, since=since, until=until
    )


def time_entry_list_for_contractor(
    *,
    contractor: Contractor,
    organization_id: int | None = None,
    contract_id: int | None = None,
    status: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[TimeEntry]:
    """The contractor's own time entries across organizations, newest first."""
    entries = TimeEntry.objects.filter(contractor=contractor).select_related("contract", "organization")
    return _filter_entries(
        entries, organization_id=organization_id, status=status, contract_id=contract_id, since=since, until=until
    )


def _filter_entries(entries, *, since=None, until=None, **fields):
    entries = filter_given(entries, worked_on__gte=since, worked_on__lte=until, **fields)
    return entries.order_by("-worked_on", "-id")


def time_entry_week_minutes(*, contract: Contract, day: date, exclude_id: int | None = None) -> int:
    """Approved minutes of the contract in the ISO week containing `day` (one SUM)."""
    week = iso_week(day)
    return _approved_minutes(contract, week.start, week.end, exclude_id)


def time_entry_month_minutes(*, contract: Contract, day: date, exclude_id: int | None = None) -> int:
    """Approved minutes of the contract in the calendar month containing `day` (one SUM)."""
    return _approved_minutes(contract, month_start(day), month_end(day), exclude_id)


def _approved_minutes(contract: Contract, start: date, end: date, exclude_id: int | None) -> int:
    entries = TimeEntry.objects.filter(
        contract=contract, status=TimeEntryStatus.APPROVED, worked_on__range=(start, end)
    )
    if exclude_id:
        entries = entries.exclude(pk=exclude_id)
    return int(entries.aggregate(m=Sum("minutes"))["m"] or 0)
