"""Access helpers for work: a brief is written for a contractor the organization engages; a task
is the organization's, or, for a contractor, their own once it is sent. Foreign or missing → 404."""

from outsourcer.accounts.access import OrgContext
from outsourcer.contractors.models import Contractor, Engagement
from outsourcer.lib.access import one_or_404
from outsourcer.work.models import CONTRACTOR_STATUSES, Task

# The check-in cadence too (a LEFT JOIN, one row at most): the task pages show it, and reading it
# with the task saves them a query (selectors_checkins.checkin_cadence_for_task).
TASK_RELATED = (
    "contract", "contractor", "engagement", "engagement__contractor", "point_of_contact", "created_by",
    "checkin_cadence",
)  # fmt: skip


def access_brief_contractor(ctx: OrgContext, contractor_id: int) -> Engagement:
    """The organization's engagement with the contractor `contractor_id` (the contractor's own id,
    not the engagement's), with its contractor; 404 when the organization does not engage them."""
    return one_or_404(
        Engagement.objects.select_related("contractor").filter(
            organization=ctx.organization, contractor_id=contractor_id
        )
    )


def access_task(ctx: OrgContext, task_id: int) -> Task:
    """The organization's task with its contract, contractor and people, or 404."""
    task = one_or_404(Task.objects.select_related(*TASK_RELATED).filter(organization=ctx.organization, pk=task_id))
    task.organization = ctx.organization  # the row the filter named: no join to read it again
    return task


def access_task_for_contractor(contractor: Contractor, task_id: int) -> Task:
    """One of the contractor's own tasks in any organization, once sent (drafts, and tasks cancelled
    before they were sent, stay internal), or 404."""
    return one_or_404(
        Task.objects.select_related("organization", *TASK_RELATED).filter(
            contractor=contractor, pk=task_id, status__in=CONTRACTOR_STATUSES, sent_at__isnull=False
        )
    )
