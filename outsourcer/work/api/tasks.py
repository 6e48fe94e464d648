"""The organization's tasks and their milestones (mounted at /tasks)."""

from django.http import HttpRequest
from ninja import Query, Router
from ninja.responses import Status

from outsourcer.accounts.access import OrgContext
from outsourcer.api.auth import org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.pagination import paginated
from outsourcer.api.schemas import ObjectId
from outsourcer.contracts.access import access_contract
from outsourcer.lib.access import one_or_404
from outsourcer.lib.errors import FieldErrors
from outsourcer.work import selectors, services
from outsourcer.work.access import access_task
from outsourcer.work.api.schemas import (
    AnswerIn,
    SendIn,
    TaskFilters,
    TaskIn,
    TaskMilestoneIn,
    TaskMilestoneOut,
    TaskOut,
    TaskPatch,
)

task_router = Router(tags=["tasks"])
NOT_A_MEMBER = "The point of contact must be a member of this organization."


def _brief(ctx: OrgContext, values: dict) -> dict:
    """The payload's brief as the services take it: the point of contact as a member, not an id."""
    if "point_of_contact_id" in values:
        user_id = values.pop("point_of_contact_id")
        contact = selectors.task_contact(organization=ctx.organization, user_id=user_id)
        if user_id is not None and contact is None:
            raise FieldErrors({"point_of_contact_id": NOT_A_MEMBER})
        values["point_of_contact"] = contact
    return values


@task_router.get("", operation_id="task_list", response=with_errors({200: list[TaskOut]}))
@paginated
def task_list(request: HttpRequest, filters: Query[TaskFilters]):
    ctx = org_context(request, "task.view")
    # TaskOut carries ids, not the contractor's or contract's rows: no joins.
    return selectors.task_list_for_organization(
        organization=ctx.organization, status=filters.status, contractor_id=filters.contractor_id
    ).select_related(None)


@task_router.post("", operation_id="task_create", response=with_errors({201: TaskOut}, 409, write=True))
def task_create(request: HttpRequest, payload: TaskIn):
    """A draft; send it with `POST /tasks/{id}/send`. Work that looks like open work with another
    contractor answers 409 (code `similar_work`, `details.matches`) until it is repeated with a
    `duplicate_override_reason`."""
    ctx = org_context(request, "task.manage")
    contract = access_contract(ctx, payload.contract_id)
    values = _brief(ctx, payload.model_dump(exclude={"contract_id"}))
    task = services.task_create(organization=ctx.organization, actor=ctx.user, contract=contract, **values)
    return Status(201, task)


@task_router.get("/{task_id}", operation_id="task_get", response=with_errors({200: TaskOut}))
def task_get(request: HttpRequest, task_id: ObjectId):
    return access_task(org_context(request, "task.view"), task_id)


@task_router.patch("/{task_id}", operation_id="task_update", response=with_errors({200: TaskOut}, 409, write=True))
def task_update(request: HttpRequest, task_id: ObjectId, payload: TaskPatch):
    """Draft, question or declined tasks only (a declined one goes back to draft); else 400. A new
    title, goal or deliverables that look like other work: 409 as on create."""
    ctx = org_context(request, "task.manage")
    task = access_task(ctx, task_id)
    values = payload.model_dump(exclude_unset=True)
    for required in ("title", "priority", "acceptance_criteria"):
        if values.get(required, "") is None:
            values.pop(required)
    for text in ("goal", "context", "deliverables", "deliverable_format", "references"):
        if text in values and values[text] is None:
            values[text] = ""
    return services.task_update(task=task, actor=ctx.user, **_brief(ctx, values))


@task_router.post("/{task_id}/send", operation_id="task_send", response=with_errors({200: TaskOut}, 409, write=True))
def task_send(request: HttpRequest, task_id: ObjectId, payload: SendIn):
    """Runs the brief check for the contractor as of now: open findings answer 409 (code
    `brief_findings`, `details.findings`) unless an `override_reason` is given."""
    ctx = org_context(request, "task.manage")
    return services.task_send(task=access_task(ctx, task_id), actor=ctx.user, override_reason=payload.override_reason)


@task_router.post("/{task_id}/answer", operation_id="task_answer", response=with_errors({200: TaskOut}, write=True))
def task_answer(request: HttpRequest, task_id: ObjectId, payload: AnswerIn):
    """Answers the contractor's question; the task is sent again."""
    ctx = org_context(request, "task.manage")
    return services.task_answer(task=access_task(ctx, task_id), actor=ctx.user, answer=payload.answer)


@task_router.post("/{task_id}/done", operation_id="task_complete", response=with_errors({200: TaskOut}, write=True))
def task_done(request: HttpRequest, task_id: ObjectId):
    ctx = org_context(request, "task.manage")
    return services.task_done(task=access_task(ctx, task_id), actor=ctx.user)


@task_router.post("/{task_id}/cancel", operation_id="task_cancel", response=with_errors({200: TaskOut}, write=True))
def task_cancel(request: HttpRequest, task_id: ObjectId):
    ctx = org_context(request, "task.manage")
    return services.task_cancel(task=access_task(ctx, task_id), actor=ctx.user)


@task_router.get(
    "/{task_id}/milestones", operation_id="task_milestone_list", response=with_errors({200: list[TaskMilestoneOut]})
)
@paginated
def task_milestone_list(request: HttpRequest, task_id: ObjectId):
    return selectors.task_milestone_list(task=access_task(org_context(request, "task.view"), task_id))


@task_router.post(
    "/{task_id}/milestones",
    operation_id="task_milestone_create",
    response=with_errors({201: TaskMilestoneOut}, write=True),
)
def task_milestone_create(request: HttpRequest, task_id: ObjectId, payload: TaskMilestoneIn):
    ctx = org_context(request, "task.manage")
    task = access_task(ctx, task_id)
    contract_milestone = None
    if payload.contract_milestone_id is not None:
        contract_milestone = one_or_404(
            selectors.task_contract_milestones(task=task).filter(pk=payload.contract_milestone_id)
        )
    milestone = services.task_milestone_create(
        task=task,
        actor=ctx.user,
        title=payload.title,
        due_on=payload.due_on,
        amount_cents=payload.amount_cents,
        contract_milestone=contract_milestone,
    )
    return Status(201, milestone)
