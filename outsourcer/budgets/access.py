"""Access helpers for budgets and the ledger: scoped to the caller's organization in the query."""

from django.http import Http404

from outsourcer.accounts.access import OrgContext
from outsourcer.budgets.models import Budget, SpendEntry


def access_budget(ctx: OrgContext, budget_id: int) -> Budget:
    """The organization's budget, or 404 (foreign or missing). Role checks happen in
    `access_organization`; contractors never reach this (they have no OrgContext)."""
    budget = Budget.objects.filter(organization=ctx.organization, pk=budget_id).first()
    if budget is None:
        raise Http404
    return budget


def access_spend_entry(ctx: OrgContext, budget: Budget, entry_id: int) -> SpendEntry:
    """One ledger entry of `budget` (already access-checked), or 404."""
    entry = (
        SpendEntry.objects.select_related("contractor", "contract", "reversed_by")
        .filter(organization=ctx.organization, budget=budget, pk=entry_id)
        .first()
    )
    if entry is None:
        raise Http404
    return entry
