"""Access helpers for work: a brief is written for a contractor the organization engages."""

from outsourcer.accounts.access import OrgContext
from outsourcer.contractors.models import Engagement
from outsourcer.lib.access import one_or_404


def access_brief_contractor(ctx: OrgContext, contractor_id: int) -> Engagement:
    """The organization's engagement with the contractor `contractor_id` (the contractor's own id,
    not the engagement's), with its contractor; 404 when the organization does not engage them."""
    return one_or_404(
        Engagement.objects.select_related("contractor").filter(
            organization=ctx.organization, contractor_id=contractor_id
        )
    )
