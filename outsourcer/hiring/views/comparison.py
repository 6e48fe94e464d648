"""The side-by-side comparison of a job's bids, as a page and as CSV (reads only)."""

from django.shortcuts import render

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.hiring.access import access_job
from outsourcer.hiring.models import BidStatus, JobStatus
from outsourcer.hiring.selectors.comparison import SORTS, bid_comparison, bid_comparison_csv_rows
from outsourcer.lib.csv_files import csv_response


@org_view("bid.view")
def job_compare(request, ctx: OrgContext, job_id: int):
    job = access_job(ctx, job_id)
    comparison = bid_comparison(job=job, organization=ctx.organization, sort=request.GET.get("sort", ""))
    context = {
        "ctx": ctx,
        "job": job,
        "comparison": comparison,
        "sorts": SORTS.items(),
        "may_interview": ctx.may("interview.manage"),
        "may_award": ctx.may("job.award") and job.status in (JobStatus.OPEN, JobStatus.CLOSED),
        "awardable_bids": (BidStatus.SUBMITTED, BidStatus.ALTERNATE),
    }
    return render(request, "hiring/comparison/compare.html", context)


@org_view("bid.view")
def job_compare_csv(request, ctx: OrgContext, job_id: int):
    job = access_job(ctx, job_id)
    comparison = bid_comparison(job=job, organization=ctx.organization, sort=request.GET.get("sort", ""))
    filename = f"{ctx.organization.slug}-job-{job.pk}-bids.csv"
    return csv_response(bid_comparison_csv_rows(comparison), filename=filename)
