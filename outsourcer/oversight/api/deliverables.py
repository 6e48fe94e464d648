"""Hand-overs in the API. The organization (mounted at /oversight): `GET /deliverables` (waiting
first, oldest first), `GET /deliverables/{id}` with every version, `POST /deliverables/{id}/accept`
and `POST /deliverables/{id}/changes` — reviewing needs "deliverable.review" (owners, managers) and
never one's own work (403). The contractor (mounted at /portal): `GET /deliverables`,
`GET /deliverables/{id}`, and `POST /tasks/{task_id}/deliverables`, a multipart form (files under
`files`, links one per line or repeated under `links`, `note`, `milestone_id`). Each file's `url`
downloads it for a signed-in browser."""

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from outsourcer.accounts.own_work import access_not_own_work
from outsourcer.api.auth import contractor_context, org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.pagination import paginated
from outsourcer.api.schemas import ObjectId, Text
from outsourcer.lib.access import one_or_404
from outsourcer.oversight import services
from outsourcer.oversight.access import access_deliverable, access_deliverable_for_contractor
from outsourcer.oversight.models import ChangeReason, Deliverable
from outsourcer.oversight.pages_deliverables import version_rows
from outsourcer.oversight.selectors import deliverables as selectors
from outsourcer.work.access import access_task_for_contractor
from outsourcer.work.models import TaskMilestone

router = Router(tags=["oversight"])
portal_router = Router(tags=["portal"])

StatusName = Literal["submitted", "changes_requested", "accepted"]
ReasonName = Literal[tuple(ChangeReason.values)]


class DeliverableFilters(Schema):
    status: Literal["all", "submitted", "changes_requested", "accepted"] = Field(
        "all", description="`all` or one status"
    )
    contractor_id: ObjectId | None = None


class PortalDeliverableFilters(Schema):
    status: Literal["all", "submitted", "changes_requested", "accepted"] = "all"


class DeliverableOut(Schema):
    id: int
    organization_id: int
    task_id: int
    milestone_id: int | None
    contractor_id: int
    title: str
    status: StatusName
    version: int = Field(description="The latest version's number")
    submitted_at: datetime = Field(description="When the latest version was handed over")
    decided_at: datetime | None
    accepted_at: datetime | None


class FileOut(Schema):
    id: int
    name: str
    size: int
    kind: str
    url: str = Field(description="Downloads the file (signed-in browsers)")


class ReviewOut(Schema):
    decision: Literal["accept", "changes"]
    reasons: list[str]
    comment: str
    decided_at: datetime
    latency_minutes: int = Field(description="From the version's hand-over to this decision")


class VersionOut(Schema):
    number: int
    note: str
    links: list[str]
    submitted_at: datetime
    files: list[FileOut]
    review: ReviewOut | None


class DeliverableDetailOut(DeliverableOut):
    versions: list[VersionOut] = Field(description="Latest first")


class AcceptIn(Schema):
    comment: Text(5_000, multiline=True) = ""


class ChangesIn(Schema):
    reasons: list[ReasonName] = Field(min_length=1, max_length=len(ChangeReason.values))
    comment: Text(5_000, min_length=1, multiline=True)


class HandOverIn(Schema):
    milestone_id: ObjectId | None = Field(None, description="One of the task's milestones; empty: the whole task")
    note: Text(5_000, multiline=True) = ""
    links: list[Text(2_000)] = Field(default_factory=list, max_length=10, description="Web addresses (https://…)")


def _detail(deliverable: Deliverable, *, file_url) -> dict:
    versions = [
        {
            "number": row["version"].number,
            "note": row["version"].note,
            "links": row["version"].links,
            "submitted_at": row["version"].submitted_at,
            "files": [
                {"id": f.pk, "name": f.name, "size": f.size, "kind": f.kind, "url": file_url(f)} for f in row["files"]
            ],
            "review": row["review"],
        }
        for row in version_rows(deliverable)
    ]
    return {**DeliverableOut.model_validate(deliverable).model_dump(), "versions": versions}


def _org_detail(ctx, deliverable: Deliverable) -> dict:
    def file_url(f):
        kwargs = {"org_slug": ctx.organization.slug, "deliverable_id": deliverable.pk, "file_id": f.pk}
        return reverse("oversight:deliverable-file", kwargs=kwargs)

    return _detail(deliverable, file_url=file_url)


def _portal_detail(deliverable: Deliverable) -> dict:
    def file_url(f):
        return reverse("oversight-portal:file", kwargs={"deliverable_id": deliverable.pk, "file_id": f.pk})

    return _detail(deliverable, file_url=file_url)


@router.get("/deliverables", operation_id="deliverable_list", response=with_errors({200: list[DeliverableOut]}))
@paginated
def deliverable_list(request: HttpRequest, filters: Query[DeliverableFilters]):
    """Waiting for review first, the longest-waiting first; then the others, latest decision first."""
    ctx = org_context(request, "deliverable.view")
    return selectors.deliverable_list_for_organization(
        organization=ctx.organization, status=filters.status, contractor_id=filters.contractor_id
    )


@router.get(
    "/deliverables/{deliverable_id}", operation_id="deliverable_get", response=with_errors({200: DeliverableDetailOut})
)
def deliverable_get(request: HttpRequest, deliverable_id: ObjectId):
    ctx = org_context(request, "deliverable.view")
    return _org_detail(ctx, access_deliverable(ctx, deliverable_id))


def _reviewable(request: HttpRequest, deliverable_id: int):
    ctx = org_context(request, "deliverable.review")
    deliverable = access_deliverable(ctx, deliverable_id)
    access_not_own_work(ctx, deliverable.contractor)
    return ctx, deliverable


@router.post(
    "/deliverables/{deliverable_id}/accept",
    operation_id="deliverable_accept",
    response=with_errors({200: DeliverableDetailOut}, write=True),
)
def deliverable_accept(request: HttpRequest, deliverable_id: ObjectId, payload: AcceptIn):
    """Accept the latest version: a fixed-price milestone's payment is posted, a whole task is done."""
    ctx, deliverable = _reviewable(request, deliverable_id)
    services.deliverable_accept(deliverable=deliverable, actor=ctx.user, comment=payload.comment)
    return _org_detail(ctx, access_deliverable(ctx, deliverable_id))


@router.post(
    "/deliverables/{deliverable_id}/changes",
    operation_id="deliverable_changes_request",
    response=with_errors({200: DeliverableDetailOut}, write=True),
)
def deliverable_changes_request(request: HttpRequest, deliverable_id: ObjectId, payload: ChangesIn):
    """Ask for changes to the latest version, with reasons and a comment; a whole task goes back to work."""
    ctx, deliverable = _reviewable(request, deliverable_id)
    services.deliverable_request_changes(
        deliverable=deliverable, actor=ctx.user, reasons=list(payload.reasons), comment=payload.comment
    )
    return _org_detail(ctx, access_deliverable(ctx, deliverable_id))


@portal_router.get(
    "/deliverables", operation_id="portal_deliverable_list", response=with_errors({200: list[DeliverableOut]})
)
@paginated
def portal_deliverable_list(request: HttpRequest, filters: Query[PortalDeliverableFilters]):
    """The contractor's hand-overs in every organization, latest first."""
    return selectors.deliverable_list_for_contractor(contractor=contractor_context(request), status=filters.status)


@portal_router.get(
    "/deliverables/{deliverable_id}",
    operation_id="portal_deliverable_get",
    response=with_errors({200: DeliverableDetailOut}),
)
def portal_deliverable_get(request: HttpRequest, deliverable_id: ObjectId):
    return _portal_detail(access_deliverable_for_contractor(contractor_context(request), deliverable_id))


@portal_router.post(
    "/tasks/{task_id}/deliverables",
    operation_id="portal_deliverable_submit",
    response=with_errors({201: DeliverableDetailOut}, write=True),
)
def portal_deliverable_submit(
    request: HttpRequest, task_id: ObjectId, payload: Form[HandOverIn], files: File[list[UploadedFile]] = None
):
    """Hand work over (multipart/form-data): the first hand-over of the task or milestone creates
    the deliverable, each later one is a new version."""
    contractor = contractor_context(request)
    task = access_task_for_contractor(contractor, task_id)
    milestone = None
    if payload.milestone_id is not None:
        milestone = one_or_404(TaskMilestone.objects.filter(task=task, pk=payload.milestone_id))
    deliverable = services.deliverable_submit(
        task=task, contractor=contractor, milestone=milestone, note=payload.note, links=payload.links, files=files or []
    )
    return Status(201, _portal_detail(access_deliverable_for_contractor(contractor, deliverable.pk)))
