"""A task's thread in the API: `GET/POST /tasks/{id}/messages`, `POST /tasks/{id}/messages/read`
for the organization, and the same under `/portal/tasks/{id}/messages` for the contractor, who
sees a held message only from its `deliver_at`.

Posting takes JSON (text only) or `multipart/form-data` with one `attachment` file (and `body`,
`urgent`): both go through `work.services.message_post`, whose `lib.uploads.upload_check` refuses a
file too big or of the wrong type (400, `errors.attachment`), as the page does. ninja cannot take a
JSON body and a multipart one in one operation, so the operation documents both in its
`openapi_extra` and reads the one that came (`message_input`)."""

import json

import pydantic
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema
from ninja.errors import HttpError, ValidationError
from ninja.responses import Status

from outsourcer.api.auth import contractor_context, org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.pagination import paginated
from outsourcer.api.schemas import ObjectId, Text
from outsourcer.messaging import selectors
from outsourcer.messaging.api import ThreadMessageOut
from outsourcer.messaging.models import Message
from outsourcer.messaging.rules import ATTACHMENT_MAX_BYTES, MAX_BODY
from outsourcer.work import services
from outsourcer.work.access import access_task, access_task_for_contractor
from outsourcer.work.selectors_threads import task_thread_key

task_thread_router = Router(tags=["tasks"])
portal_thread_router = Router(tags=["portal"])


class MessageIn(Schema):
    body: Text(MAX_BODY, min_length=1, multiline=True)
    urgent: bool = Field(False, description="Deliver now, even outside the contractor's working hours")


class MessageFormIn(Schema):
    """The multipart form: the same fields, with `body` optional when a file is attached."""

    body: Text(MAX_BODY, multiline=True) = ""
    urgent: bool = False


FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
UNREADABLE = "Cannot parse request body"


def _form_schema() -> dict:
    schema = MessageFormIn.model_json_schema()
    schema["properties"]["attachment"] = {
        "type": "string",
        "format": "binary",
        "description": f"PDF, PNG, JPEG or WebP, at most {ATTACHMENT_MAX_BYTES // (1024 * 1024)} MB",
    }
    return schema


MESSAGE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": MessageIn.model_json_schema()},
            "multipart/form-data": {"schema": _form_schema()},
        },
    }
}


def message_input(request: HttpRequest) -> tuple[MessageIn | MessageFormIn, UploadedFile | None]:
    """The posted message's fields and its attachment (None unless multipart): 400 for a body
    that is not JSON, 422 (ninja's ValidationError) for fields that do not match the schema."""
    if request.content_type in FORM_TYPES:
        schema, data, attachment = MessageFormIn, request.POST.dict(), request.FILES.get("attachment")
    else:
        try:
            data = json.loads(request.body or b"null")
        except ValueError:
            raise HttpError(400, UNREADABLE) from None
        schema, attachment = MessageIn, None
    try:
        return schema.model_validate(data), attachment
    except pydantic.ValidationError as exc:
        errors = [{**error, "loc": ("body", "payload", *error["loc"])} for error in exc.errors(include_url=False)]
        raise ValidationError(errors) from None


class TaskMessageOut(ThreadMessageOut):
    task_id: int
    attachment_url: str | None = Field(description="Where a signed-in party downloads it (the thread page's link)")

    @staticmethod
    def resolve_attachment_url(obj: Message, context) -> str | None:
        if not obj.attachment:
            return None
        ctx = getattr(context["request"], "org_ctx", None)  # set by org_context: the organization's side
        if ctx is not None and ctx.organization.pk == obj.organization_id:
            path = reverse("tasks:messages-attachment", args=[ctx.organization.slug, obj.task_id, obj.pk])
        else:
            path = reverse("tasks-portal:messages-attachment", args=[obj.task_id, obj.pk])
        return settings.SITE_URL + path


class ReadOut(Schema):
    marked: int = Field(description="How many of the other side's messages were marked read")


@task_thread_router.get(
    "/{task_id}/messages", operation_id="task_message_list", response=with_errors({200: list[TaskMessageOut]})
)
@paginated
def task_message_list(request: HttpRequest, task_id: ObjectId):
    """Oldest first, held messages included (with `arrival`)."""
    task = access_task(org_context(request, "task.view"), task_id)
    return selectors.thread_message_queryset_for_organization(key=task_thread_key(task))


@task_thread_router.post(
    "/{task_id}/messages",
    operation_id="task_message_create",
    response=with_errors({201: TaskMessageOut}, write=True),
    openapi_extra=MESSAGE_BODY,
)
def task_message_post(request: HttpRequest, task_id: ObjectId):
    """JSON, or multipart with an `attachment`. Outside the contractor's working hours a message
    that is not `urgent` is held until their next working window (`deliver_at`, `arrival`). 400
    for a draft task, an attachment too big or of the wrong type, or a form with neither text nor
    file."""
    payload, attachment = message_input(request)  # input first, as for ninja's own body parameters
    ctx = org_context(request, "task.manage")
    task = access_task(ctx, task_id)
    message = services.message_post(
        task=task,
        actor=ctx.user,
        body=payload.body,
        urgent=payload.urgent,
        from_contractor=False,
        attachment=attachment,
    )
    return Status(201, message)


@task_thread_router.post(
    "/{task_id}/messages/read", operation_id="task_messages_mark_read", response=with_errors({200: ReadOut}, write=True)
)
def task_message_read(request: HttpRequest, task_id: ObjectId):
    task = access_task(org_context(request, "task.view"), task_id)
    return {"marked": services.thread_mark_read(task=task, by_contractor=False)}


@portal_thread_router.get(
    "/tasks/{task_id}/messages",
    operation_id="portal_task_message_list",
    response=with_errors({200: list[TaskMessageOut]}),
)
@paginated
def portal_task_message_list(request: HttpRequest, task_id: ObjectId):
    """Oldest first; a held message appears from its `deliver_at`."""
    task = access_task_for_contractor(contractor_context(request), task_id)
    return selectors.thread_message_queryset_for_contractor(key=task_thread_key(task))


@portal_thread_router.post(
    "/tasks/{task_id}/messages",
    operation_id="portal_task_message_create",
    response=with_errors({201: TaskMessageOut}, write=True),
    openapi_extra=MESSAGE_BODY,
)
def portal_task_message_post(request: HttpRequest, task_id: ObjectId):
    """JSON, or multipart with an `attachment`; arrives at once; `urgent` is ignored (it is for the
    organization's messages)."""
    payload, attachment = message_input(request)
    contractor = contractor_context(request)
    task = access_task_for_contractor(contractor, task_id)
    message = services.message_post(
        task=task, actor=contractor.user, body=payload.body, from_contractor=True, attachment=attachment
    )
    return Status(201, message)


@portal_thread_router.post(
    "/tasks/{task_id}/messages/read",
    operation_id="portal_task_messages_mark_read",
    response=with_errors({200: ReadOut}, write=True),
)
def portal_task_message_read(request: HttpRequest, task_id: ObjectId):
    task = access_task_for_contractor(contractor_context(request), task_id)
    return {"marked": services.thread_mark_read(task=task, by_contractor=True)}
