"""Access helpers for hiring. The organization sees its own jobs and everything under them; a
contractor sees a job only when invited to it or bidding on it, and only their own bid, thread
and interviews. Foreign or missing → 404."""

from django.db.models import Q

from outsourcer.accounts.access import OrgContext
from outsourcer.contractors.models import Contractor
from outsourcer.hiring.models import Bid, CompanyCheck, Interview, Job, ReferenceCheck
from outsourcer.lib.access import one_or_404


def access_job(ctx: OrgContext, job_id: int) -> Job:
    """The organization's job with its budget, or 404."""
    return one_or_404(Job.objects.select_related("budget").filter(organization=ctx.organization, pk=job_id))


def access_bid(ctx: OrgContext, bid_id: int, *, job: Job | None = None) -> Bid:
    """The organization's bid (on `job`, when given) with its job and contractor, or 404."""
    bids = Bid.objects.select_related("job", "job__budget", "contractor", "engagement").filter(
        organization=ctx.organization, pk=bid_id
    )
    if job is not None:
        bids = bids.filter(job=job)
    return one_or_404(bids)


def access_interview(ctx: OrgContext, interview_id: int) -> Interview:
    """The organization's interview with its contractor and job, or 404."""
    return one_or_404(
        Interview.objects.select_related("contractor", "engagement", "job").filter(
            organization=ctx.organization, pk=interview_id
        )
    )


def access_reference(ctx: OrgContext, reference_id: int) -> ReferenceCheck:
    """The organization's reference check with its contractor, or 404."""
    return one_or_404(
        ReferenceCheck.objects.select_related("contractor", "engagement").filter(
            organization=ctx.organization, pk=reference_id
        )
    )


def access_company_check(ctx: OrgContext, check_id: int) -> CompanyCheck:
    """The organization's company-check item with its engagement, or 404."""
    return one_or_404(
        CompanyCheck.objects.select_related("engagement", "engagement__contractor").filter(
            organization=ctx.organization, pk=check_id
        )
    )


def access_job_for_contractor(contractor: Contractor, job_id: int) -> Job:
    """A job the contractor was invited to or has bid on (never a draft), or 404."""
    return one_or_404(
        Job.objects.select_related("organization", "budget")
        .filter(Q(invitations__contractor=contractor) | Q(bids__contractor=contractor), pk=job_id)
        .exclude(status="draft")
        .distinct()
    )


def access_bid_for_contractor(contractor: Contractor, bid_id: int) -> Bid:
    """The contractor's own bid with its job, or 404."""
    return one_or_404(Bid.objects.select_related("job", "job__organization").filter(contractor=contractor, pk=bid_id))


def access_interview_for_contractor(contractor: Contractor, interview_id: int) -> Interview:
    """An interview with the contractor (its schedule, never its scores), or 404."""
    return one_or_404(
        Interview.objects.select_related("organization", "job").filter(contractor=contractor, pk=interview_id)
    )
