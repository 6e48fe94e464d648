"""Reads for contracts, milestones and time entries, used by pages and the API."""

from datetime import date

from django.db.models import Q, QuerySet, Sum

from outsourcer.accounts.models import Organization
from outsourcer.budgets.periods import iso_week, month_end, month_start
from outsourcer.contractors.models import Contractor
from outsourcer.contracts.models import (
    Contract,
    ContractStatus,
    Milestone,
    TimeEntry,
    TimeEntryStatus,
)
from outsourcer.lib.queries import filter_given


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
