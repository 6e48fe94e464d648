"""The organization's side of a bidder's Q&A thread on a job: every role reads it, owners and
managers ("bid.message") answer. The bidder's current bid is shown beside it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.hiring import selectors, services
from outsourcer.hiring.access import access_job
from outsourcer.hiring.forms.bids import MessageForm
from outsourcer.lib.forms import form_save, post_data


@org_view("bid.view", methods=("GET", "POST"))
def job_thread(request, ctx: OrgContext, job_id: int, contractor_id: int):
    job = access_job(ctx, job_id)
    contractor = selectors.job_bidder_get(job=job, contractor_id=contractor_id)
    may_message = ctx.may("bid.message")
    if request.method == "POST" and not may_message:
        raise PermissionDenied
    form = MessageForm(post_data(request))
    posted = form_save(
        form,
        lambda: services.job_message_post(
            job=job, contractor=contractor, actor=request.user, body=form.cleaned_data["body"], from_contractor=False
        ),
    )
    if posted is not None:
        messages.success(request, f"Your answer is sent to {contractor.name}.")
        return redirect("hiring:job-thread", org_slug=ctx.organization.slug, job_id=job.pk, contractor_id=contractor.pk)
    thread = list(selectors.thread_messages(job=job, contractor=contractor))
    context = {
        "ctx": ctx,
        "job": job,
        "contractor": contractor,
        "bid": selectors.bid_get_for_contractor(job=job, contractor=contractor),
        "thread": thread,
        "has_unread": any(m.read_at is None and m.from_contractor for m in thread),
        "form": form,
        "may_message": may_message,
    }
    return render(request, "hiring/bids/thread.html", context, status=400 if form.errors else 200)


@org_view("bid.message", methods=("POST",))
def job_thread_read(request, ctx: OrgContext, job_id: int, contractor_id: int):
    job = access_job(ctx, job_id)
    contractor = selectors.job_bidder_get(job=job, contractor_id=contractor_id)
    services.job_messages_mark_read(job=job, contractor=contractor, by_contractor=False)
    return redirect("hiring:job-thread", org_slug=ctx.organization.slug, job_id=job.pk, contractor_id=contractor.pk)
