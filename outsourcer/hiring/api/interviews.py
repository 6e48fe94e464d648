"""Interviews and scorecards (mounted at /interviews) and the contractor's own interviews
(`portal_router`, mounted at /portal).

Reading needs "job.view" (every role); scheduling, moving, cancelling and marking done
"interview.manage", scoring "scorecard.submit" (owners and managers; an interviewer of the
interview, never about their own contractor profile). A time outside the contractor's working
hours answers 409 (code `outside_working_hours`) until repeated with an `override_reason`."""

from django.http import HttpRequest
from ninja import Query, Router
from ninja.responses import Status

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.own_work import access_not_own_work
from outsourcer.api.auth import contractor_context, org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.pagination import paginated
from outsourcer.api.schemas import ObjectId
from outsourcer.contractors.access import access_engagement
from outsourcer.hiring import selectors, services
from outsourcer.hiring.access import access_interview, access_interview_for_contractor, access_job
from outsourcer.hiring.api.interview_schemas import (
    InterviewFilters,
    InterviewIn,
    InterviewOut,
    InterviewPatch,
    PortalInterviewOut,
    ScorecardIn,
    ScorecardOut,
)
from outsourcer.hiring.models import Interview, Scorecard
from outsourcer.lib.errors import FieldErrors

router = Router(tags=["interviews"])
portal_router = Router(tags=["portal"])

NOT_INTERVIEWERS = "Interviewers are the organization's owners and managers."


def _interviewers(ctx: OrgContext, user_ids: list[int]) -> list:
    users = selectors.interviewer_users(organization=ctx.organization, user_ids=user_ids)
    if len(users) != len(set(user_ids)):
        raise FieldErrors({"interviewer_ids": NOT_INTERVIEWERS})
    return users


def _read(ctx: OrgContext, interview: Interview) -> Interview:
    return selectors.interview_list_for_organization(organization=ctx.organization).get(pk=interview.pk)


@router.get("", operation_id="interview_list", response=with_errors({200: list[InterviewOut]}))
@paginated
def interview_list(request: HttpRequest, filters: Query[InterviewFilters]):
    """Upcoming interviews first (soonest first), then the others (latest first)."""
    ctx = org_context(request, "job.view")
    contractor_id = access_engagement(ctx, filters.engagement_id).contractor_id if filters.engagement_id else None
    return selectors.interview_list_for_organization(
        organization=ctx.organization,
        contractor_id=contractor_id,
        job_id=access_job(ctx, filters.job_id).pk if filters.job_id else None,
        status=filters.status or "",
    )


@router.post("", operation_id="interview_create", response=with_errors({201: InterviewOut}, 409, write=True))
def interview_create(request: HttpRequest, payload: InterviewIn):
    """Invites the contractor and the other interviewers by e-mail with an .ics; a prospect's
    engagement moves to vetting. 409 `outside_working_hours` until given an `override_reason`."""
    ctx = org_context(request, "interview.manage")
    interview = services.interview_schedule(
        organization=ctx.organization,
        actor=ctx.user,
        engagement=access_engagement(ctx, payload.engagement_id),
        job=access_job(ctx, payload.job_id) if payload.job_id else None,
        starts_at=payload.starts_at,
        duration_minutes=payload.duration_minutes,
        location=payload.location,
        interviewers=_interviewers(ctx, payload.interviewer_ids),
        override_reason=payload.override_reason,
    )
    return Status(201, _read(ctx, interview))


@router.get("/{interview_id}", operation_id="interview_get", response=with_errors({200: InterviewOut}))
def interview_detail(request: HttpRequest, interview_id: ObjectId):
    ctx = org_context(request, "job.view")
    return _read(ctx, access_interview(ctx, interview_id))


@router.patch(
    "/{interview_id}", operation_id="interview_reschedule", response=with_errors({200: InterviewOut}, 409, write=True)
)
def interview_reschedule(request: HttpRequest, interview_id: ObjectId, payload: InterviewPatch):
    """Move a scheduled interview; everyone invited gets an updated .ics (same UID, SEQUENCE + 1)."""
    ctx = org_context(request, "interview.manage")
    interview = access_interview(ctx, interview_id)
    services.interview_reschedule(
        interview=interview,
        actor=ctx.user,
        starts_at=payload.starts_at or interview.starts_at,
        duration_minutes=payload.duration_minutes,
        location=payload.location,
        interviewers=None if payload.interviewer_ids is None else _interviewers(ctx, payload.interviewer_ids),
        override_reason=payload.override_reason,
    )
    return _read(ctx, interview)


@router.post(
    "/{interview_id}/cancel", operation_id="interview_cancel", response=with_errors({200: InterviewOut}, write=True)
)
def interview_cancel(request: HttpRequest, interview_id: ObjectId):
    ctx = org_context(request, "interview.manage")
    return _read(ctx, services.interview_cancel(interview=access_interview(ctx, interview_id), actor=ctx.user))


@router.post(
    "/{interview_id}/complete", operation_id="interview_complete", response=with_errors({200: InterviewOut}, write=True)
)
def interview_complete(request: HttpRequest, interview_id: ObjectId):
    ctx = org_context(request, "interview.manage")
    return _read(ctx, services.interview_complete(interview=access_interview(ctx, interview_id), actor=ctx.user))


@router.get(
    "/{interview_id}/scorecards", operation_id="scorecard_list", response=with_errors({200: list[ScorecardOut]})
)
def scorecard_list(request: HttpRequest, interview_id: ObjectId):
    ctx = org_context(request, "job.view")
    return selectors.scorecard_list_for_interview(interview=access_interview(ctx, interview_id))


@router.post(
    "/{interview_id}/scorecards",
    operation_id="scorecard_submit",
    response=with_errors({200: ScorecardOut, 201: ScorecardOut}, write=True),
)
def scorecard_submit(request: HttpRequest, interview_id: ObjectId, payload: ScorecardIn):
    """The caller's own scorecard: 201 the first time, 200 when it replaces their earlier one."""
    ctx = org_context(request, "scorecard.submit")
    interview = access_interview(ctx, interview_id)
    access_not_own_work(ctx, interview.contractor)
    existed = Scorecard.objects.filter(interview=interview, interviewer=ctx.user).exists()
    card = services.scorecard_submit(interview=interview, actor=ctx.user, **payload.model_dump())
    return Status(200 if existed else 201, card)


@portal_router.get(
    "/interviews", operation_id="portal_interview_list", response=with_errors({200: list[PortalInterviewOut]})
)
@paginated
def portal_interview_list(request: HttpRequest):
    """The contractor's interviews across organizations, upcoming first: the schedule only."""
    return selectors.interview_list_for_contractor(contractor=contractor_context(request))


@portal_router.get(
    "/interviews/{interview_id}", operation_id="portal_interview_get", response=with_errors({200: PortalInterviewOut})
)
def portal_interview_detail(request: HttpRequest, interview_id: ObjectId):
    return access_interview_for_contractor(contractor_context(request), interview_id)
