"""Reads for contracts, milestones and time entries, used by pages and the API."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from outsourcer.accounts.models import Organization
from outsourcer.contractors.models import Contractor
from outsourcer.contracts.models import Contract, Milestone, TimeEntry


@dataclass(frozen=True)
class Commitment:
    """What an active contract still takes from its budget's period (budget currency)."""

    committed_cents: int  # fixed: unpaid milestones due in the period; retainer: unposted months × fee
    forecast_cents: int  # hourly: weekly cap × remaining weeks × rate


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
    raise NotImplementedError


def contract_list_for_contractor(*, contractor: Contractor, status: str = "") -> QuerySet[Contract]:
    """The contractor's own non-draft contracts in every organization, with the organization."""
    raise NotImplementedError


def contract_commitment(*, contract: Contract, today: date | None = None) -> Commitment:
    """Committed and forecast cost of the contract in its budget's current period."""
    raise NotImplementedError


def milestone_list_for_contract(*, contract: Contract) -> QuerySet[Milestone]:
    raise NotImplementedError


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
    raise NotImplementedError


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
    raise NotImplementedError


def time_entry_week_minutes(*, contract: Contract, day: date, exclude_id: int | None = None) -> int:
    """Approved minutes of the contract in the ISO week containing `day` (one SUM)."""
    raise NotImplementedError
