"""Jobs for organization members (mounted at /jobs): the brief, its status, invitations and the share
link. Reading needs "job.view" (every role); every write "job.manage" (owners, managers).

Statuses: 422 when a field is wrong (`errors` names it), 400 when the job's state refuses the change
(`code`: `illegal_transition`, `not_editable`, `not_open`, `award_elsewhere`, `no_share_link`), 404
outside the caller's organization. "awarded" is reached by awarding a bid, never here.
"""

from datetime import date, datetime
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from outsourcer.api.auth import org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.pagination import paginated
from outsourcer.api.schemas import Day, Moment, ObjectId, PositiveCents, Text
from outsourcer.budgets.access import access_budget
from outsourcer.hiring import selectors, services
from outsourcer.hiring.access import access_job
from outsourcer.hiring.models import Job
from outsourcer.hiring.services.job_invitations import MAX_INVITES
from outsourcer.hiring.services.jobs import MAX_SHARE_DAYS
from outsourcer.lib.limits import MAX_SKILLS

router = Router(tags=["jobs"])

JobStatusName = Literal["draft", "open", "awarded", "closed", "cancelled"]
RateModelName = Literal["fixed", "hourly", "retainer"]
Brief = Text(10_000, multiline=True)
Skill = Text(60, min_length=1)


DUPLICATE_REASON = "Needed when the job looks like open work of the organization (else 409, code similar_work)"


class JobOut(Schema):
    id: int
    title: str
    status: JobStatusName
    budget_id: int
    budget_name: str = Field(alias="budget.name")
    currency: str = Field(alias="budget.currency", description="The budget's: expected amounts are in it")
    goal: str
    deliverables: str
    acceptance_criteria: str
    deadline_on: date | None
    skills: list[str] = Field(alias="skill_list")
    rate_model: RateModelName
    expected_min_cents: int | None
    expected_max_cents: int | None
    bids_due_at: datetime | None
    share_expires_at: datetime | None = Field(description="The share link's expiry; null when there is none")
    opened_at: datetime | None
    decided_at: datetime | None
    duplicate_override_reason: str
    created_at: datetime


class JobListOut(JobOut):
    invitation_count: int
    bid_count: int = Field(description="Bids not withdrawn")


class JobIn(Schema):
    budget_id: ObjectId
    title: Text(200, min_length=1)
    goal: Brief = ""
    deliverables: Brief = ""
    acceptance_criteria: Brief = ""
    deadline_on: Day | None = None
    skills: Annotated[list[Skill], Field(max_length=MAX_SKILLS)] = Field(default_factory=list)
    rate_model: RateModelName = "fixed"
    expected_min_cents: PositiveCents | None = Field(None, description="In the budget's currency")
    expected_max_cents: PositiveCents | None = Field(None, description="At least expected_min_cents")
    bids_due_at: Moment | None = Field(None, description="Needed, in the future, before the job opens")
    duplicate_override_reason: Text(500) = Field("", description=DUPLICATE_REASON)


class JobPatch(Schema):
    """Only the fields sent change; null clears an optional one."""

    budget_id: ObjectId | None = None
    title: Text(200, min_length=1) | None = None
    goal: Brief | None = None
    deliverables: Brief | None = None
    acceptance_criteria: Brief | None = None
    deadline_on: Day | None = None
    skills: Annotated[list[Skill], Field(max_length=MAX_SKILLS)] | None = None
    rate_model: RateModelName | None = None
    expected_min_cents: PositiveCents | None = None
    expected_max_cents: PositiveCents | None = None
    bids_due_at: Moment | None = None
    duplicate_override_reason: Text(500) = Field("", description=DUPLICATE_REASON)


class JobStatusIn(Schema):
    status: Literal["open", "closed", "cancelled"]


class JobFilters(Schema):
    status: JobStatusName | None = None


class InvitationOut(Schema):
    id: int
    job_id: int
    engagement_id: int
    contractor_id: int
    contractor_name: str = Field(alias="contractor.name")
    has_account: bool = Field(alias="contractor.has_account")
    invited_at: datetime
    bid_status: str | None = Field(None, description="The contractor's bid on the job; null before they bid")


class InviteIn(Schema):
    engagement_ids: Annotated[list[ObjectId], Field(min_length=1, max_length=MAX_INVITES)] = Field(
        description="Contractors of your directory, by engagement id (as in /contractors)"
    )


class ShareLinkIn(Schema):
    days: Annotated[int, Field(ge=1, le=MAX_SHARE_DAYS)] | None = Field(
        None, description="How long the link works; default 14 days"
    )


class ShareLinkOut(Schema):
    url: str = Field(description="The public page where a newcomer applies with a bid")
    token: str
    expires_at: datetime


def _job(job: Job) -> Job:
    return Job.objects.select_related("budget").get(pk=job.pk)


@router.get("", operation_id="job_list", response=with_errors({200: list[JobListOut]}))
@paginated
def job_list(request: HttpRequest, filters: Query[JobFilters]):
    ctx = org_context(request, "job.view")
    statuses = [filters.status] if filters.status else []
    return selectors.job_list_for_organization(organization=ctx.organization, statuses=statuses)


@router.post("", operation_id="job_create", response=with_errors({201: JobOut}, 409, write=True))
def job_create(request: HttpRequest, payload: JobIn):
    """A draft job; 422 when a field is wrong (an expected range the wrong way round, a bid deadline
    after the work's deadline); 409 (code `similar_work`, `details.matches`) when it looks like
    open work, until repeated with a `duplicate_override_reason`."""
    ctx = org_context(request, "job.manage")
    data = payload.model_dump()
    budget = access_budget(ctx, data.pop("budget_id"))
    job = services.job_create(organization=ctx.organization, actor=ctx.user, budget=budget, **data)
    return Status(201, _job(job))


@router.get("/{job_id}", operation_id="job_get", response=with_errors({200: JobOut}))
def job_get(request: HttpRequest, job_id: ObjectId):
    ctx = org_context(request, "job.view")
    return access_job(ctx, job_id)


@router.patch("/{job_id}", operation_id="job_update", response=with_errors({200: JobOut}, 409, write=True))
def job_update(request: HttpRequest, job_id: ObjectId, payload: JobPatch):
    """A draft or open job's brief (400 `not_editable` after that); an open job keeps a future bid
    deadline. A new title, goal or deliverables that look like open work: 409 as on create."""
    ctx = org_context(request, "job.manage")
    job = access_job(ctx, job_id)
    data = payload.model_dump(exclude_unset=True)
    budget_id = data.pop("budget_id", None)
    budget = access_budget(ctx, budget_id) if budget_id else None
    if "skills" in data and data["skills"] is None:
        data["skills"] = []
    if "rate_model" in data and data["rate_model"] is None:  # a job always wants some rate model
        del data["rate_model"]
    return _job(services.job_update(job=job, actor=ctx.user, budget=budget, **data))


@router.post("/{job_id}/status", operation_id="job_status_change", response=with_errors({200: JobOut}, write=True))
def job_status_change(request: HttpRequest, job_id: ObjectId, payload: JobStatusIn):
    """Open (the brief complete, bids due in the future: else 422), close, reopen or cancel; 400 for
    a move the job's status does not allow."""
    ctx = org_context(request, "job.manage")
    job = access_job(ctx, job_id)
    return _job(services.job_status_change(job=job, actor=ctx.user, status=payload.status))


@router.get(
    "/{job_id}/invitations", operation_id="job_invitation_list", response=with_errors({200: list[InvitationOut]})
)
@paginated
def job_invitation_list(request: HttpRequest, job_id: ObjectId):
    ctx = org_context(request, "job.view")
    return selectors.job_invitation_list_for_job(job=access_job(ctx, job_id))


@router.post(
    "/{job_id}/invitations",
    operation_id="job_invitation_create",
    response=with_errors({201: list[InvitationOut]}, write=True),
)
def job_invitation_create(request: HttpRequest, job_id: ObjectId, payload: InviteIn):
    """Invite contractors to an open job (400 `not_open` otherwise); answers the new invitations
    (none for contractors invited before). 422 for an engagement that is not yours, has ended, or
    has no e-mail address."""
    ctx = org_context(request, "job.manage")
    job = access_job(ctx, job_id)
    created = services.job_invite(job=job, actor=ctx.user, engagement_ids=payload.engagement_ids)
    rows = selectors.job_invitation_list_for_job(job=job).filter(pk__in=[i.pk for i in created])
    return Status(201, list(rows))


@router.post(
    "/{job_id}/share-link", operation_id="job_share_link_create", response=with_errors({201: ShareLinkOut}, write=True)
)
def job_share_link_create(request: HttpRequest, job_id: ObjectId, payload: ShareLinkIn):
    """A new share link for an open job (400 `not_open` otherwise); any earlier link stops working."""
    ctx = org_context(request, "job.manage")
    job = services.job_share_link_create(job=access_job(ctx, job_id), actor=ctx.user, days=payload.days)
    body = {
        "url": selectors.job_share_url(job),
        "token": selectors.job_share_token(job),
        "expires_at": job.share_expires_at,
    }
    return Status(201, body)


@router.delete(
    "/{job_id}/share-link", operation_id="job_share_link_delete", response=with_errors({204: None}, write=True)
)
def job_share_link_revoke(request: HttpRequest, job_id: ObjectId):
    """Revoke the share link (400 `no_share_link` when there is none)."""
    ctx = org_context(request, "job.manage")
    services.job_share_link_revoke(job=access_job(ctx, job_id), actor=ctx.user)
    return Status(204, None)
