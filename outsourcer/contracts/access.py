"""Access helpers for contracts, milestones and time entries. Organizations see their own rows;
a contractor sees only rows with their own `contractor_id`. Foreign or missing → 404."""

from collections.abc import Iterable

from django.db import connection
from django.http import Http404

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.own_work import access_not_own_work, access_not_own_work_in
from outsourcer.budgets.models import Budget
from outsourcer.contractors.models import Contractor, Engagement
from outsourcer.contracts.models import Contract, ContractStatus, Milestone, TimeEntry
from outsourcer.lib.access import all_or_404, one_or_404
from outsourcer.lib.queries import fetch_models, model_columns


def access_contract(ctx: OrgContext, contract_id: int) -> Contract:
    """The organization's contract with its budget, contractor and engagement, or 404: one
    hand-written statement (lib.queries; every contract page and every task create reads it), the
    same rows as `Contract.objects.select_related("budget", "contractor", "engagement")
    .filter(organization=…, pk=…).first()` (contracts/tests/test_contract_access.py compares them)."""
    quote = connection.ops.quote_name
    related = ((Budget, "b", "budget_id"), (Contractor, "k", "contractor_id"), (Engagement, "e", "engagement_id"))
    columns = ", ".join([model_columns(Contract, "c"), *(model_columns(model, alias) for model, alias, _ in related)])
    joins = " ".join(
        f"JOIN {quote(model._meta.db_table)} {alias} ON {alias}.id = c.{column}" for model, alias, column in related
    )
    sql = (
        f"SELECT {columns} FROM {quote(Contract._meta.db_table)} c {joins} "  # noqa: S608 - metadata only
        "WHERE c.organization_id = %s AND c.id = %s ORDER BY c.id LIMIT 1"
    )
    rows = fetch_models(sql, [ctx.organization.pk, contract_id], Contract, Budget, Contractor, Engagement)
    if not rows:
        raise Http404
    contract, budget, contractor, engagement = rows[0]
    organization = ctx.organization  # the row the filter named: no query to read it again
    for name, value in (
        ("budget", budget),
        ("contractor", contractor),
        ("engagement", engagement),
        ("organization", organization),
    ):
        Contract._meta.get_field(name).set_cached_value(contract, value)
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
    milestone = one_or_404(milestones)
    if review:
        access_not_own_work(ctx, milestone.contract.contractor)
    return milestone


def access_time_entry(ctx: OrgContext, entry_id: int, *, review: bool = False) -> TimeEntry:
    """A time entry logged under one of the organization's contracts, or 404; with `review`, 403
    when the caller logged it herself."""
    entry = one_or_404(
        TimeEntry.objects.select_related("contract", "contract__budget", "contractor").filter(
            organization=ctx.organization, pk=entry_id
        )
    )
    if review:
        access_not_own_work(ctx, entry.contractor)
    return entry


def access_time_entries(ctx: OrgContext, entry_ids: Iterable[int], *, review: bool = False) -> list[TimeEntry]:
    """The organization's time entries with these ids, oldest first, with what the review services
    read; 404 when any of them is another organization's or gone; with `review`, 403 when the
    caller logged any of them herself."""
    entries = TimeEntry.objects.filter(organization=ctx.organization).select_related(
        "contract", "contract__budget", "contractor"
    )
    entries = all_or_404(entries.order_by("worked_on", "pk"), entry_ids)
    if review:
        access_not_own_work_in(ctx, entries)
    return entries


def access_contract_for_contractor(contractor: Contractor, contract_id: int) -> Contract:
    """One of the contractor's own contracts (any organization; drafts stay internal), or 404."""
    return one_or_404(
        Contract.objects.select_related("organization")
        .filter(contractor=contractor, pk=contract_id)
        .exclude(status=ContractStatus.DRAFT)
    )


def access_time_entry_for_contractor(contractor: Contractor, entry_id: int) -> TimeEntry:
    """One of the contractor's own time entries, or 404."""
    return one_or_404(
        TimeEntry.objects.select_related("contract", "organization").filter(contractor=contractor, pk=entry_id)
    )
