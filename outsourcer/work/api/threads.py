"""A task's thread in the API: `GET/POST /tasks/{id}/messages`, `POST /tasks/{id}/messages/read`
for the organization, and the same under `/portal/tasks/{id}/messages` for the contractor, who
sees a held message only from its `deliver_at`. Attachments are posted through the pages."""

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from outsourcer.api.auth import contractor_context, org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.pagination import paginated
from outsourcer.api.schemas import ObjectId, Text
from outsourcer.messaging import selectors
from outsourcer.messaging.api import ThreadMessageOut
from outsourcer.messaging.rules import MAX_BODY
from outsourcer.work import services
from outsourcer.work.access import access_task, access_task_for_contractor
from outsourcer.work.selectors_threads import task_thread_key

task_thread_router = Router(tags=["tasks"])
portal_thread_router = Router(tags=["portal"])


class MessageIn(Schema):
    body: Text(MAX_BODY, min_length=1, multiline=True)
    urgent: bool = Field(False, description="Deliver now, even outside the contractor's working hours")


class MessageOut(ThreadMessageOut):
    task_id: int


class ReadOut(Schema):
    marked: int = Field(description="How many of the other side's messages were marked read")


@task_thread_router.get(
    "/{task_id}/messages", operation_id="task_message_list", response=with_errors({200: list[MessageOut]})
)
@paginated
def task_message_list(request: HttpRequest, task_id: ObjectId):
    """Oldest first, held messages included (with `arrival`)."""
    task = access_task(org_context(request, "task.view"), task_id)
    return selectors.thread_message_queryset_for_organization(key=task_thread_key(task))


@task_thread_router.post(
    "/{task_id}/messages", operation_id="task_message_create", response=with_errors({201: MessageOut}, write=True)
)
def task_message_post(request: HttpRequest, task_id: ObjectId, payload: MessageIn):
    """Outside the contractor's working hours a message that is not `urgent` is held until their
    next working window (`deliver_at`, `arrival`). 400 for a draft task."""
    ctx = org_context(request, "task.manage")
    task = access_task(ctx, task_id)
    message = services.message_post(
        task=task, actor=ctx.user, body=payload.body, urgent=payload.urgent, from_contractor=False
    )
    return Status(201, message)


@task_thread_router.post(
    "/{task_id}/messages/read", operation_id="task_messages_mark_read", response=with_errors({200: ReadOut}, write=True)
)
def task_message_read(request: HttpRequest, task_id: ObjectId):
    task = access_task(org_context(request, "task.view"), task_id)
    return {"marked": services.thread_mark_read(task=task, by_contractor=False)}


@portal_thread_router.get(
    "/tasks/{task_id}/messages", operation_id="portal_task_message_list", response=with_errors({200: list[MessageOut]})
)
@paginated
def portal_task_message_list(request: HttpRequest, task_id: ObjectId):
    """Oldest first; a held message appears from its `deliver_at`."""
    task = access_task_for_contractor(contractor_context(request), task_id)
    return selectors.thread_message_queryset_for_contractor(key=task_thread_key(task))


@portal_thread_router.post(
    "/tasks/{task_id}/messages",
    operation_id="portal_task_message_create",
    response=with_errors({201: MessageOut}, write=True),
)
def portal_task_message_post(request: HttpRequest, task_id: ObjectId, payload: MessageIn):
    """Arrives at once; `urgent` is ignored (it is for the organization's messages)."""
    contractor = contractor_context(request)
    task = access_task_for_contractor(contractor, task_id)
    message = services.message_post(task=task, actor=contractor.user, body=payload.body, from_contractor=True)
    return Status(201, message)


@portal_thread_router.post(
    "/tasks/{task_id}/messages/read",
    operation_id="portal_task_messages_mark_read",
    response=with_errors({200: ReadOut}, write=True),
)
def portal_task_message_read(request: HttpRequest, task_id: ObjectId):
    task = access_task_for_contractor(contractor_context(request), task_id)
    return {"marked": services.thread_mark_read(task=task, by_contractor=True)}
