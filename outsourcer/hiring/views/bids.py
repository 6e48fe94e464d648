"""The organization's side of a bidder's Q&A thread on a job: every role reads it, owners and
managers ("bid.message") answer. The bidder's current bid is shown beside it. An answer that is
not urgent waits for the bidder's working window (messaging), and the page says when it arrives."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.decorators import org_view
from outsourcer.hiring import selectors, services
from outsourcer.hiring.access import access_job
from outsourcer.lib.forms import form_save
from outsourcer.messaging import selectors as threads
from outsourcer.messaging.forms import MessageForm
from outsourcer.messaging.views import arrival, attachment_response, held_now, with_arrivals


@org_view("bid.view", methods=("GET", "POST"))
def job_thread(request, ctx: OrgContext, job_id: int, contractor_id: int):
    job = access_job(ctx, job_id)
    contractor = selectors.job_bidder_get(job=job, contractor_id=contractor_id)
    may_message = ctx.may("bid.message")
    if request.method == "POST" and not may_message:
        raise PermissionDenied
    form = MessageForm(request.POST, request.FILES) if request.method == "POST" else MessageForm()
    posted = form_save(
        form,
        lambda: services.job_message_post(
            job=job, contractor=contractor, actor=request.user, from_contractor=False, **form.post_kwargs()
        ),
    )
    now = timezone.now()
    if posted is not None:
        held = arrival(posted, contractor, now)
        messages.success(
            request, f"Your answer is sent: it {held}." if held else f"Your answer is sent to {contractor.name}."
        )
        return redirect("hiring:job-thread", org_slug=ctx.organization.slug, job_id=job.pk, contractor_id=contractor.pk)
    rows = threads.thread_messages_for_organization(key=services.job_thread_key(job, contractor))
    context = {
        "ctx": ctx,
        "job": job,
        "contractor": contractor,
        "bid": selectors.bid_get_for_contractor(job=job, contractor=contractor),
        "thread": with_arrivals(rows, contractor, now),
        "has_unread": any(m.read_at is None and m.from_contractor for m in rows),
        "held_now": held_now(contractor, now),
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


@org_view("bid.view")
def job_thread_attachment(request, ctx: OrgContext, job_id: int, contractor_id: int, message_id: int):
    job = access_job(ctx, job_id)
    contractor = selectors.job_bidder_get(job=job, contractor_id=contractor_id)
    key = services.job_thread_key(job, contractor)
    return attachment_response(threads.thread_message_for_organization(key=key, message_id=message_id))
