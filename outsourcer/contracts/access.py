"""Access helpers for contracts, milestones and time entries. Organizations see their own rows;
a contractor sees only rows with their own `contractor_id`. Foreign or missing → 404."""

from django.http import Http404

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.own_work import access_not_own_work
from outsourcer.contractors.models import Contractor
from outsourcer.contracts.models import Contract, ContractStatus, Milestone, TimeEntry


def access_contract(ctx: OrgContext, contract_id: int) -> Contract:
    """The organization's contract with its budget and contractor, or 404."""
    contract = (
        Contract.objects.select_related("budget", "contractor", "engagement")
        .filter(organization=ctx.organization, pk=contract_id)
        .first()
    )
    if contract is None:
        raise Http404
    return contract


def access_milestone(
    ctx: OrgContext, milestone_id: int, *, contract: Contract | None = None, review: bool = False
) -> Milestone:
    """The organization's milestone (of `contract`, when given), or 404; with `review`, 403 when
    the contract is the caller's own work."""
    milestones = Milestone.objects.select_related("contract", "contract__budget", "contract__contractor").filter(
        organization=ctx.organization, pk=milestone_id
    )
    if contract is not None:
        milestones = milestones.filter(contract=contract)
    milestone = milestones.first()
    if milestone is None:
        raise Http404
    if review:
        access_not_own_work(ctx, milestone.contract.contractor)
    return milestone


def access_time_entry(ctx: OrgContext, entry_id: int, *, review: bool = False) -> TimeEntry:
    """A time entry logged under one of the organization's contracts, or 404; with `review`, 403
    when the caller logged it herself."""
    entry = (
        TimeEntry.objects.select_related("contract", "contract__budget", "contractor")
        .filter(organization=ctx.organization, pk=entry_id)
        .first()
    )
    if entry is None:
        raise Http404
    if review:
        access_not_own_work(ctx, entry.contractor)
    return entry


def access_contract_for_contractor(contractor: Contractor, contract_id: int) -> Contract:
    """One of the contractor's own contracts (any organization; drafts stay internal), or 404."""
    contract = (
        Contract.objects.select_related("organization")
        .filter(contractor=contractor, pk=contract_id)
        .exclude(status=ContractStatus.DRAFT)
        .first()
    )
    if contract is None:
        raise Http404
    return contract


def access_time_entry_for_contractor(contractor: Contractor, entry_id: int) -> TimeEntry:
    """One of the contractor's own time entries, or 404."""
    entry = (
        TimeEntry.objects.select_related("contract", "organization").filter(contractor=contractor, pk=entry_id).first()
    )
    if entry is None:
        raise Http404
    return entry
