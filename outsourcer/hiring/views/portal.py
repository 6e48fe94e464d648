"""The contractor's jobs in the portal: invitations and own bids across organizations, a job's
brief with their own bid (and its revisions), the bid form, withdrawing, and their private Q&A
thread. Never the budget, other bids or bidders, or the organization's notes. Every job is read
through `access_job_for_contractor`: a job they were not invited to is a 404."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from outsourcer.contractors.decorators import contractor_view
from outsourcer.contractors.models import Contractor
from outsourcer.hiring import selectors, services
from outsourcer.hiring.access import access_job_for_contractor
from outsourcer.hiring.forms.bids import BidForm
from outsourcer.hiring.models import BidStatus, Job, JobStatus
from outsourcer.lib.errors import DomainError
from outsourcer.lib.forms import form_save, post_data
from outsourcer.lib.pagination import CappedPaginator
from outsourcer.messaging import selectors as threads
from outsourcer.messaging.forms import MessageForm
from outsourcer.messaging.views import attachment_response

PAGE_SIZE = 25


def _organization_filter(request, choices: list[tuple[int, str]]) -> int | None:
    try:
        chosen = int(request.GET.get("organization") or 0)
    except ValueError:
        return None
    return chosen if chosen in {pk for pk, _ in choices} else None


@contractor_view()
def job_list(request, contractor: Contractor):
    choices = selectors.organization_choices_for_contractor(contractor=contractor)
    organization_id = _organization_filter(request, choices)
    jobs = selectors.job_list_for_contractor(contractor=contractor, organization_id=organization_id)
    context = {
        "portal": True,
        "contractor": contractor,
        "organizations": choices,
        "organization_id": organization_id,
        "page": CappedPaginator(jobs, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    return render(request, "hiring/portal/job_list.html", context)


def _is_open(job: Job) -> bool:
    return job.status == JobStatus.OPEN and (job.bids_due_at is None or timezone.now() < job.bids_due_at)


def _job_page(request, contractor: Contractor, job: Job, *, bid_form=None, message_form=None):
    bid = selectors.bid_get_for_contractor(job=job, contractor=contractor)
    is_open = _is_open(job)
    # Only what has reached them: an answer held for their working window is not there yet.
    rows = threads.thread_messages_for_contractor(key=services.job_thread_key(job, contractor))
    may_bid = is_open and (bid is None or bid.status in (BidStatus.SUBMITTED, BidStatus.WITHDRAWN))
    if bid_form is None and may_bid:
        bid_form = BidForm(
            initial=BidForm.initial_for(bid, rate_model=job.rate_model), job_currency=job.budget.currency
        )
    context = {
        "portal": True,
        "contractor": contractor,
        "job": job,
        "bid": bid,
        "revisions": list(bid.revisions.all()) if bid else [],
        "is_open": is_open,
        "may_bid": may_bid,
        "may_withdraw": is_open and bid is not None and bid.status == BidStatus.SUBMITTED,
        "bid_form": bid_form,
        "message_form": message_form or MessageForm(for_contractor=True),
        "thread": [(m, "") for m in rows],
        "has_unread": any(m.read_at is None and not m.from_contractor for m in rows),
    }
    errors = (bid_form is not None and bid_form.errors) or (message_form is not None and message_form.errors)
    return render(request, "hiring/portal/job_detail.html", context, status=400 if errors else 200)


@contractor_view()
def job_detail(request, contractor: Contractor, job_id: int):
    return _job_page(request, contractor, access_job_for_contractor(contractor, job_id))


@contractor_view(methods=("POST",))
def bid_submit(request, contractor: Contractor, job_id: int):
    job = access_job_for_contractor(contractor, job_id)
    form = BidForm(post_data(request), job_currency=job.budget.currency)
    bid = form_save(
        form, lambda: services.bid_submit(job=job, contractor=contractor, actor=request.user, **form.terms())
    )
    if bid is None:
        return _job_page(request, contractor, job, bid_form=form)
    revised = f" (revision {bid.revision})" if bid.revision > 1 else ""
    messages.success(request, f"Your bid on “{job.title}” is sent{revised}.")
    return redirect("hiring-portal:job-detail", job_id=job.pk)


@contractor_view(methods=("POST",))
def bid_withdraw(request, contractor: Contractor, job_id: int):
    job = access_job_for_contractor(contractor, job_id)
    bid = selectors.bid_get_for_contractor(job=job, contractor=contractor)
    if bid is None:
        messages.error(request, "You have no bid on this job to withdraw.")
        return redirect("hiring-portal:job-detail", job_id=job.pk)
    try:
        services.bid_withdraw(bid=bid, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Your bid is withdrawn. You may bid again until the bid deadline.")
    return redirect("hiring-portal:job-detail", job_id=job.pk)


@contractor_view(methods=("POST",))
def job_message(request, contractor: Contractor, job_id: int):
    job = access_job_for_contractor(contractor, job_id)
    form = MessageForm(request.POST, request.FILES, for_contractor=True)
    posted = form_save(
        form,
        lambda: services.job_message_post(
            job=job, contractor=contractor, actor=request.user, from_contractor=True, **form.post_kwargs()
        ),
    )
    if posted is None:
        return _job_page(request, contractor, job, message_form=form)
    messages.success(request, f"Your message is sent to {job.organization.name}.")
    return redirect("hiring-portal:job-detail", job_id=job.pk)


@contractor_view(methods=("POST",))
def job_messages_read(request, contractor: Contractor, job_id: int):
    job = access_job_for_contractor(contractor, job_id)
    services.job_messages_mark_read(job=job, contractor=contractor, by_contractor=True)
    return redirect("hiring-portal:job-detail", job_id=job.pk)


@contractor_view()
def job_message_attachment(request, contractor: Contractor, job_id: int, message_id: int):
    job = access_job_for_contractor(contractor, job_id)
    key = services.job_thread_key(job, contractor)
    return attachment_response(threads.thread_message_for_contractor(key=key, message_id=message_id))
