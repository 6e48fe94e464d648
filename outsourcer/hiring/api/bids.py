"""API: bids and the bidders' Q&A.

`portal_router` (mounted at /portal) serves the contractor: the jobs they were invited to or bid on
(the brief, never the budget or other bids), their own bid (submit or revise, withdraw) and their
own Q&A thread. A job they were not invited to is a 404. A job that is not open answers 400 with
code `job_not_open`, a passed bid deadline 400 with `bid_deadline_passed`.

`router` (mounted at /jobs) serves organization members: a job's bids ("bid.view", every role)
and its Q&A threads (read: "bid.view"; answer and mark read: "bid.message", owners and managers).
"""

from django.http import Http404, HttpRequest
from ninja import Query, Router
from ninja.responses import Status

from outsourcer.api.auth import contractor_context, org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.pagination import paginated
from outsourcer.api.schemas import ObjectId
from outsourcer.hiring import selectors, services
from outsourcer.hiring.access import access_bid, access_job, access_job_for_contractor
from outsourcer.hiring.api.bids_schemas import (
    AnswerIn,
    BidDetailOut,
    BidIn,
    BidOut,
    MarkedOut,
    MessageIn,
    MessageOut,
    PortalBidOut,
    PortalJobFilters,
    PortalJobOut,
    ThreadOut,
)
from outsourcer.messaging import selectors as threads

portal_router = Router(tags=["portal"])
router = Router(tags=["bids"])


# --- the contractor's side (/portal) --------------------------------------------------------------


@portal_router.get("/jobs", operation_id="portal_job_list", response=with_errors({200: list[PortalJobOut]}))
@paginated
def portal_job_list(request: HttpRequest, filters: Query[PortalJobFilters]):
    contractor = contractor_context(request)
    return selectors.job_list_for_contractor(
        contractor=contractor, organization_id=filters.organization_id
    ).select_related("budget")


@portal_router.get("/jobs/{job_id}", operation_id="portal_job_get", response=with_errors({200: PortalJobOut}))
def portal_job_detail(request: HttpRequest, job_id: ObjectId):
    return access_job_for_contractor(contractor_context(request), job_id)


@portal_router.get("/jobs/{job_id}/bid", operation_id="portal_bid_get", response=with_errors({200: PortalBidOut}))
def portal_bid_detail(request: HttpRequest, job_id: ObjectId):
    """404 when the contractor has not bid on the job."""
    contractor = contractor_context(request)
    job = access_job_for_contractor(contractor, job_id)
    bid = selectors.bid_get_for_contractor(job=job, contractor=contractor)
    if bid is None:
        raise Http404
    return bid


@portal_router.post(
    "/jobs/{job_id}/bid", operation_id="portal_bid_submit", response=with_errors({200: PortalBidOut}, write=True)
)
def portal_bid_submit(request: HttpRequest, job_id: ObjectId, payload: BidIn):
    """Submit the bid, or revise it (a withdrawn bid is submitted again); every revision is kept."""
    contractor = contractor_context(request)
    job = access_job_for_contractor(contractor, job_id)
    terms = payload.model_dump()
    terms["currency"] = terms["currency"] or ""
    services.bid_submit(job=job, contractor=contractor, actor=request.auth, **terms)
    return selectors.bid_get_for_contractor(job=job, contractor=contractor)


@portal_router.post(
    "/jobs/{job_id}/bid/withdraw",
    operation_id="portal_bid_withdraw",
    response=with_errors({200: PortalBidOut}, write=True),
)
def portal_bid_withdraw(request: HttpRequest, job_id: ObjectId):
    """Until the bid deadline; 404 without a bid, 400 (`illegal_transition`) when already withdrawn."""
    contractor = contractor_context(request)
    job = access_job_for_contractor(contractor, job_id)
    bid = selectors.bid_get_for_contractor(job=job, contractor=contractor)
    if bid is None:
        raise Http404
    services.bid_withdraw(bid=bid, actor=request.auth)
    return selectors.bid_get_for_contractor(job=job, contractor=contractor)


@portal_router.get(
    "/jobs/{job_id}/messages", operation_id="portal_job_message_list", response=with_errors({200: list[MessageOut]})
)
@paginated
def portal_job_message_list(request: HttpRequest, job_id: ObjectId):
    """Oldest first; an answer held for the contractor's working window appears from its `deliver_at`."""
    contractor = contractor_context(request)
    job = access_job_for_contractor(contractor, job_id)
    return threads.thread_message_queryset_for_contractor(key=services.job_thread_key(job, contractor))


@portal_router.post(
    "/jobs/{job_id}/messages",
    operation_id="portal_job_message_create",
    response=with_errors({201: MessageOut}, write=True),
)
def portal_job_message_post(request: HttpRequest, job_id: ObjectId, payload: MessageIn):
    contractor = contractor_context(request)
    job = access_job_for_contractor(contractor, job_id)
    message = services.job_message_post(
        job=job, contractor=contractor, actor=request.auth, body=payload.body, from_contractor=True
    )
    return Status(201, message)


@portal_router.post(
    "/jobs/{job_id}/messages/read",
    operation_id="portal_job_messages_mark_read",
    response=with_errors({200: MarkedOut}, write=True),
)
def portal_job_messages_read(request: HttpRequest, job_id: ObjectId):
    contractor = contractor_context(request)
    job = access_job_for_contractor(contractor, job_id)
    return {"marked": services.job_messages_mark_read(job=job, contractor=contractor, by_contractor=True)}


# --- the organization's side (/jobs) --------------------------------------------------------------


@router.get("/{job_id}/bids", operation_id="job_bid_list", response=with_errors({200: list[BidOut]}))
@paginated
def job_bid_list(request: HttpRequest, job_id: ObjectId):
    ctx = org_context(request, "bid.view")
    return selectors.bid_list_for_job(job=access_job(ctx, job_id))


@router.get("/{job_id}/bids/{bid_id}", operation_id="job_bid_get", response=with_errors({200: BidDetailOut}))
def job_bid_detail(request: HttpRequest, job_id: ObjectId, bid_id: ObjectId):
    ctx = org_context(request, "bid.view")
    bid = access_bid(ctx, bid_id, job=access_job(ctx, job_id))
    return selectors.bid_get_for_contractor(job=bid.job, contractor=bid.contractor)


@router.get("/{job_id}/threads", operation_id="job_thread_list", response=with_errors({200: list[ThreadOut]}))
@paginated
def job_thread_list(request: HttpRequest, job_id: ObjectId):
    ctx = org_context(request, "bid.view")
    return selectors.thread_list_for_job(job=access_job(ctx, job_id))


@router.get(
    "/{job_id}/threads/{contractor_id}",
    operation_id="job_thread_get",
    response=with_errors({200: list[MessageOut]}),
)
@paginated
def job_thread_detail(request: HttpRequest, job_id: ObjectId, contractor_id: ObjectId):
    """Oldest first, held answers included (with `arrival`)."""
    ctx = org_context(request, "bid.view")
    job = access_job(ctx, job_id)
    contractor = selectors.job_bidder_get(job=job, contractor_id=contractor_id)
    return threads.thread_message_queryset_for_organization(key=services.job_thread_key(job, contractor))


@router.post(
    "/{job_id}/threads/{contractor_id}/messages",
    operation_id="job_thread_message_create",
    response=with_errors({201: MessageOut}, write=True),
)
def job_thread_message_post(request: HttpRequest, job_id: ObjectId, contractor_id: ObjectId, payload: AnswerIn):
    """Outside the bidder's working hours an answer that is not `urgent` is held until their next
    working window (`deliver_at`, `arrival`)."""
    ctx = org_context(request, "bid.message")
    job = access_job(ctx, job_id)
    contractor = selectors.job_bidder_get(job=job, contractor_id=contractor_id)
    message = services.job_message_post(
        job=job, contractor=contractor, actor=ctx.user, body=payload.body, urgent=payload.urgent, from_contractor=False
    )
    return Status(201, message)


@router.post(
    "/{job_id}/threads/{contractor_id}/read",
    operation_id="job_thread_mark_read",
    response=with_errors({200: MarkedOut}, write=True),
)
def job_thread_read(request: HttpRequest, job_id: ObjectId, contractor_id: ObjectId):
    ctx = org_context(request, "bid.message")
    job = access_job(ctx, job_id)
    contractor = selectors.job_bidder_get(job=job, contractor_id=contractor_id)
    return {"marked": services.job_messages_mark_read(job=job, contractor=contractor, by_contractor=False)}
