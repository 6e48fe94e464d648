"""Feedback through the API. `router` (mounted at /api/v1): the organization's feedback given and
owed ("deliverable.view"), and feedback on an accepted deliverable ("feedback.give", never on the
caller's own work). `portal_router` (mounted at /portal): the feedback the contractor received —
never the private note — and their rating of an organization on a finished task."""

from datetime import datetime
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from outsourcer.accounts.own_work import access_not_own_work
from outsourcer.api.auth import contractor_context, org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.pagination import paginated
from outsourcer.api.schemas import ObjectId, Text
from outsourcer.oversight.access import access_deliverable
from outsourcer.oversight.selectors import feedback as selectors
from outsourcer.oversight.services import feedback_give, organization_rate
from outsourcer.oversight.services.feedback import MAX_COMMENT
from outsourcer.work.access import access_task_for_contractor

router = Router(tags=["feedback"])
portal_router = Router(tags=["portal"])

Stars = Annotated[int, Field(ge=1, le=5, description="1 (poor) to 5 (excellent)")]


class FeedbackIn(Schema):
    quality: Stars
    timeliness: Stars
    communication: Stars
    comment: Text(MAX_COMMENT, multiline=True) = Field("", description="The contractor reads this.")
    private_note: Text(MAX_COMMENT, multiline=True) = Field("", description="Never shown to the contractor.")


class FeedbackOut(Schema):
    id: int
    deliverable_id: int
    task_id: int
    contractor_id: int
    quality: int
    timeliness: int
    communication: int
    comment: str
    private_note: str
    created_at: datetime


class PortalFeedbackOut(Schema):
    """What the contractor reads: no private note."""

    id: int
    organization: str = Field(alias="organization.name")
    deliverable_id: int
    deliverable: str = Field(alias="deliverable.title")
    task_id: int
    quality: int
    timeliness: int
    communication: int
    comment: str
    created_at: datetime


class OwedOut(Schema):
    deliverable_id: int = Field(alias="pk")
    title: str
    task_id: int
    contractor_id: int
    contractor: str = Field(alias="contractor.name")
    accepted_at: datetime


class RatingIn(Schema):
    brief_clarity: Stars
    responsiveness: Stars
    payment_timeliness: Stars
    comment: Text(MAX_COMMENT, multiline=True) = ""


class RatingOut(Schema):
    id: int
    task_id: int
    brief_clarity: int
    responsiveness: int
    payment_timeliness: int
    comment: str
    created_at: datetime


@router.get("/feedback", operation_id="feedback_list", response=with_errors({200: list[FeedbackOut]}))
@paginated
def feedback_list(request: HttpRequest, contractor_id: ObjectId | None = None):
    """The organization's feedback, newest first; `contractor_id` narrows it to one contractor."""
    ctx = org_context(request, "deliverable.view")
    return selectors.feedback_list_for_organization(organization=ctx.organization, contractor_id=contractor_id)


@router.get("/feedback/owed", operation_id="feedback_owed_list", response=with_errors({200: list[OwedOut]}))
@paginated
def feedback_owed_list(request: HttpRequest):
    """Accepted deliverables without feedback, the longest waiting first."""
    return selectors.feedback_owed_for_organization(organization=org_context(request, "deliverable.view").organization)


@router.post(
    "/deliverables/{deliverable_id}/feedback",
    operation_id="deliverable_feedback_create",
    response=with_errors({201: FeedbackOut}, write=True),
)
def deliverable_feedback_create(request: HttpRequest, deliverable_id: ObjectId, payload: FeedbackIn):
    """Once, on accepted work (else 400); 403 on one's own work. The contractor is told, without the note."""
    ctx = org_context(request, "feedback.give")
    deliverable = access_deliverable(ctx, deliverable_id)
    access_not_own_work(ctx, deliverable.contractor)
    return Status(201, feedback_give(deliverable=deliverable, actor=ctx.user, **payload.model_dump()))


@portal_router.get(
    "/feedback", operation_id="portal_feedback_list", response=with_errors({200: list[PortalFeedbackOut]})
)
@paginated
def portal_feedback_list(request: HttpRequest):
    """The feedback on the contractor's work from every organization, newest first."""
    return selectors.feedback_list_for_contractor(contractor=contractor_context(request))


@portal_router.post(
    "/tasks/{task_id}/rating",
    operation_id="portal_organization_rating_create",
    response=with_errors({201: RatingOut}, write=True),
)
def portal_organization_rating_create(request: HttpRequest, task_id: ObjectId, payload: RatingIn):
    """Rate the task's organization, once, after the task is done or work on it accepted (else 400).
    The organization sees only averages of three or more ratings."""
    contractor = contractor_context(request)
    task = access_task_for_contractor(contractor, task_id)
    return Status(201, organization_rate(task=task, contractor=contractor, **payload.model_dump()))
