"""Access helpers for budgets and the ledger: scoped to the caller's organization in the query."""

from outsourcer.accounts.access import OrgContext
from outsourcer.budgets.models import Budget, SpendEntry
from outsourcer.lib.access import one_or_404


def access_budget(ctx: OrgContext, budget_id: int) -> Budget:
    """The organization's budget, or 404 (foreign or missing). Role checks happen in
    `access_organization`; contractors never reach this (they have no OrgContext)."""
    budget = one_or_404(Budget.objects.filter(organization=ctx.organization, pk=budget_id))
    budget.organization = ctx.organization  # already read: no second query for it
    return budget


def access_spend_entry(ctx: OrgContext, budget: Budget, entry_id: int) -> SpendEntry:
    """One ledger entry of `budget` (already access-checked), or 404."""
    return one_or_404(
        SpendEntry.objects.select_related("contractor", "contract", "reversed_by").filter(
            organization=ctx.organization, budget=budget, pk=entry_id
        )
    )
