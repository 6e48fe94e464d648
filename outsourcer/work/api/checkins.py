"""Check-ins through the API. `checkin_router` (mounted at /tasks): a task's cadence (set with PUT,
stopped with DELETE: "task.manage") and its check-ins ("task.view"). `checkin_portal_router`
(mounted at /portal): the contractor's check-ins on their own tasks."""

from datetime import datetime
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from outsourcer.api.auth import contractor_context, org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.schemas import ObjectId, Text
from outsourcer.work import selectors_checkins as selectors
from outsourcer.work.access import access_task, access_task_for_contractor
from outsourcer.work.cadence import MAX_EVERY_DAYS
from outsourcer.work.services.checkins import MAX_NOTE, checkin_cadence_clear, checkin_cadence_set, checkin_post

checkin_router = Router(tags=["tasks"])
checkin_portal_router = Router(tags=["portal"])

CheckInStatusName = Literal["on_track", "at_risk", "blocked"]


class CadenceIn(Schema):
    kind: Literal["weekly", "working_days"]
    weekday: Annotated[int, Field(ge=0, le=6, description="Weekly: 0 = Monday … 6 = Sunday")] | None = None
    every_days: Annotated[int, Field(ge=1, le=MAX_EVERY_DAYS, description="Every N working days")] | None = None


class CadenceOut(Schema):
    kind: str
    weekday: int | None
    every_days: int | None
    next_due_at: datetime = Field(description="The next check-in's due moment (end of the contractor's working day)")
    missed_at: datetime | None = Field(description="The first due moment that passed without a check-in")
    last_checkin_at: datetime | None


class CheckInIn(Schema):
    status: CheckInStatusName
    percent_done: Annotated[int, Field(ge=0, le=100)]
    note: Text(MAX_NOTE, multiline=True) = ""


class CheckInOut(Schema):
    id: int
    task_id: int
    status: str
    percent_done: int
    note: str
    created_at: datetime


@checkin_router.get(
    "/{task_id}/checkins", operation_id="task_checkin_list", response=with_errors({200: list[CheckInOut]})
)
def task_checkin_list(request: HttpRequest, task_id: ObjectId):
    """The task's newest check-ins (up to 10), newest first."""
    return selectors.checkin_list_for_task(task=access_task(org_context(request, "task.view"), task_id))


@checkin_router.put(
    "/{task_id}/checkin-cadence",
    operation_id="task_checkin_cadence_update",
    response=with_errors({200: CadenceOut}, write=True),
)
def task_checkin_cadence_set(request: HttpRequest, task_id: ObjectId, payload: CadenceIn):
    """Weekly on `weekday`, or every `every_days` working days of the contractor; 400 on a closed task."""
    ctx = org_context(request, "task.manage")
    task = access_task(ctx, task_id)
    return checkin_cadence_set(task=task, actor=ctx.user, **payload.model_dump())


@checkin_router.delete(
    "/{task_id}/checkin-cadence",
    operation_id="task_checkin_cadence_delete",
    response=with_errors({204: None}, write=True),
)
def task_checkin_cadence_clear(request: HttpRequest, task_id: ObjectId):
    """Stop the task's check-ins; 400 when it has none."""
    ctx = org_context(request, "task.manage")
    checkin_cadence_clear(task=access_task(ctx, task_id), actor=ctx.user)
    return Status(204, None)


@checkin_portal_router.get(
    "/tasks/{task_id}/checkins", operation_id="portal_checkin_list", response=with_errors({200: list[CheckInOut]})
)
def portal_checkin_list(request: HttpRequest, task_id: ObjectId):
    return selectors.checkin_list_for_task(task=access_task_for_contractor(contractor_context(request), task_id))


@checkin_portal_router.post(
    "/tasks/{task_id}/checkins",
    operation_id="portal_checkin_create",
    response=with_errors({201: CheckInOut}, write=True),
)
def portal_checkin_post(request: HttpRequest, task_id: ObjectId, payload: CheckInIn):
    """While the task is accepted or in progress (else 400); at risk or blocked tells the task's author at once."""
    contractor = contractor_context(request)
    task = access_task_for_contractor(contractor, task_id)
    return Status(201, checkin_post(task=task, contractor=contractor, **payload.model_dump()))
