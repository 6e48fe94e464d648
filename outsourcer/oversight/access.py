"""Access helpers for oversight: a deliverable is the organization's, or, for a contractor, their
own. Foreign or missing → 404."""

from outsourcer.accounts.access import OrgContext
from outsourcer.contractors.models import Contractor
from outsourcer.lib.access import one_or_404
from outsourcer.oversight.models import Deliverable

DELIVERABLE_RELATED = ("organization", "task", "task__contract", "milestone", "contractor")


def access_deliverable(ctx: OrgContext, deliverable_id: int) -> Deliverable:
    """The organization's deliverable with its task, milestone and contractor, or 404."""
    return one_or_404(
        Deliverable.objects.select_related(*DELIVERABLE_RELATED).filter(
            organization=ctx.organization, pk=deliverable_id
        )
    )


def access_deliverable_for_contractor(contractor: Contractor, deliverable_id: int) -> Deliverable:
    """One of the contractor's own deliverables in any organization, or 404."""
    return one_or_404(
        Deliverable.objects.select_related(*DELIVERABLE_RELATED).filter(contractor=contractor, pk=deliverable_id)
    )
