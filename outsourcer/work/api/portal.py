"""The contractor's own tasks across organizations, and their answers to them (mounted at /portal)."""

from django.http import HttpRequest
from ninja import Query, Router

from outsourcer.api.auth import contractor_context
from outsourcer.api.errors import with_errors
from outsourcer.api.pagination import PageReader, paginated
from outsourcer.api.schemas import ObjectId
from outsourcer.work import selectors, services
from outsourcer.work.access import access_task_for_contractor
from outsourcer.work.api.schemas import AskIn, DeclineIn, PortalTaskFilters, PortalTaskOut

portal_router = Router(tags=["portal"])
# PortalTaskOut's fields that are the task's own columns (the organization's name comes beside them).
PORTAL_TASK_FIELDS = tuple(name for name in PortalTaskOut.model_fields if name != "organization")


@portal_router.get("/tasks", operation_id="portal_task_list", response=with_errors({200: list[PortalTaskOut]}))
@paginated
def portal_task_list(request: HttpRequest, filters: Query[PortalTaskFilters]):
    """Sent tasks in every organization; open ones by default."""
    contractor = contractor_context(request)

    def read(after: list | None, offset: int, limit: int, count_up_to: int) -> tuple[list, int]:
        pairs, total = selectors.task_page_for_contractor(
            contractor=contractor,
            status=filters.status,
            organization_id=filters.organization_id,
            before_id=after[0] if after else None,
            offset=offset,
            limit=limit,
            count_up_to=count_up_to,
        )
        # Rows as dicts of what the schema shows: reading 25 tasks back through ninja's getter
        # cost more than the query (docs/performance.md).
        rows = [
            {**{name: getattr(task, name) for name in PORTAL_TASK_FIELDS}, "organization.name": name}
            for task, name in pairs
        ]
        return rows, total

    return PageReader(order=("-id",), read=read)


@portal_router.get("/tasks/{task_id}", operation_id="portal_task_get", response=with_errors({200: PortalTaskOut}))
def portal_task_get(request: HttpRequest, task_id: ObjectId):
    return access_task_for_contractor(contractor_context(request), task_id)


def _own(request: HttpRequest, task_id: int):
    contractor = contractor_context(request)
    return access_task_for_contractor(contractor, task_id), contractor


@portal_router.post(
    "/tasks/{task_id}/accept", operation_id="portal_task_accept", response=with_errors({200: PortalTaskOut}, write=True)
)
def portal_task_accept(request: HttpRequest, task_id: ObjectId):
    task, contractor = _own(request, task_id)
    return services.task_accept(task=task, contractor=contractor)


@portal_router.post(
    "/tasks/{task_id}/decline",
    operation_id="portal_task_decline",
    response=with_errors({200: PortalTaskOut}, write=True),
)
def portal_task_decline(request: HttpRequest, task_id: ObjectId, payload: DeclineIn):
    task, contractor = _own(request, task_id)
    return services.task_decline(task=task, contractor=contractor, reason=payload.reason)


@portal_router.post(
    "/tasks/{task_id}/ask", operation_id="portal_task_ask", response=with_errors({200: PortalTaskOut}, write=True)
)
def portal_task_ask(request: HttpRequest, task_id: ObjectId, payload: AskIn):
    """A question before accepting; the organization answers it and sends the task again."""
    task, contractor = _own(request, task_id)
    return services.task_ask(task=task, contractor=contractor, question=payload.question)


@portal_router.post(
    "/tasks/{task_id}/start", operation_id="portal_task_start", response=with_errors({200: PortalTaskOut}, write=True)
)
def portal_task_start(request: HttpRequest, task_id: ObjectId):
    task, contractor = _own(request, task_id)
    return services.task_start(task=task, contractor=contractor)


@portal_router.post(
    "/tasks/{task_id}/submit",
    operation_id="portal_task_submit",
    response=with_errors({200: PortalTaskOut}, write=True),
)
def portal_task_submit(request: HttpRequest, task_id: ObjectId):
    task, contractor = _own(request, task_id)
    return services.task_submit(task=task, contractor=contractor)
