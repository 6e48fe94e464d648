"""Time review for organization members (mounted at /time-entries)."""

from django.http import HttpRequest
from ninja import Query, Router

from outsourcer.api.auth import org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.pagination import paginated
from outsourcer.api.schemas import ObjectId
from outsourcer.contractors.access import access_engagement_contractor_id
from outsourcer.contracts import selectors, services
from outsourcer.contracts.access import access_time_entries, access_time_entry
from outsourcer.contracts.api.schemas import (
    ApproveIn,
    BulkApproveIn,
    BulkRejectIn,
    RejectIn,
    TimeEntryOut,
    TimeFilters,
)
from outsourcer.contracts.models import TimeEntry

time_router = Router(tags=["time entries"])


def _time_entry(entry: TimeEntry) -> TimeEntry:
    return TimeEntry.objects.select_related("contract", "contractor", "spend_entry").get(pk=entry.pk)


@time_router.get("", operation_id="time_entry_list", response=with_errors({200: list[TimeEntryOut]}))
@paginated
def time_entry_list(request: HttpRequest, filters: Query[TimeFilters]):
    ctx = org_context(request, "contract.view")
    contractor_id = access_engagement_contractor_id(ctx, filters.engagement_id)
    return selectors.time_entry_list_for_organization(
        organization=ctx.organization,
        status=filters.status or "",
        contractor_id=contractor_id,
        contract_id=filters.contract_id,
        since=filters.since,
        until=filters.until,
    ).select_related("spend_entry")


@time_router.post(
    "/approve", operation_id="time_entry_approve_bulk", response=with_errors({200: list[TimeEntryOut]}, 409, write=True)
)
def time_entry_approve_bulk(request: HttpRequest, payload: BulkApproveIn):
    """All or nothing: the first entry that fails stops the batch (its id is in the error)."""
    ctx = org_context(request, "time.review")
    entries = access_time_entries(ctx, payload.entry_ids, review=True)
    approved = services.time_entry_approve_bulk(
        entries=entries, actor=ctx.user, versions=payload.versions, **payload.override(ctx, "time.override")
    )
    return [_time_entry(entry) for entry in approved]


@time_router.post(
    "/reject", operation_id="time_entry_reject_bulk", response=with_errors({200: list[TimeEntryOut]}, 409, write=True)
)
def time_entry_reject_bulk(request: HttpRequest, payload: BulkRejectIn):
    ctx = org_context(request, "time.review")
    rejected = services.time_entry_reject_bulk(
        entries=access_time_entries(ctx, payload.entry_ids, review=True),
        actor=ctx.user,
        reason=payload.reason,
        versions=payload.versions,
    )
    return [_time_entry(entry) for entry in rejected]


@time_router.get("/{entry_id}", operation_id="time_entry_get", response=with_errors({200: TimeEntryOut}))
def time_entry_detail(request: HttpRequest, entry_id: ObjectId):
    ctx = org_context(request, "contract.view")
    return _time_entry(access_time_entry(ctx, entry_id))


@time_router.post(
    "/{entry_id}/approve", operation_id="time_entry_approve", response=with_errors({200: TimeEntryOut}, 409, write=True)
)
def time_entry_approve(request: HttpRequest, entry_id: ObjectId, payload: ApproveIn):
    """409 over the weekly cap or past 100 % of the budget (an owner repeats with `override_reason`),
    or `code: changed` when `version` is given and the entry was edited since."""
    ctx = org_context(request, "time.review")
    entry = access_time_entry(ctx, entry_id, review=True)
    return _time_entry(
        services.time_entry_approve(
            entry=entry, actor=ctx.user, version=payload.version, **payload.override(ctx, "time.override")
        )
    )


@time_router.post(
    "/{entry_id}/reject", operation_id="time_entry_reject", response=with_errors({200: TimeEntryOut}, 409, write=True)
)
def time_entry_reject(request: HttpRequest, entry_id: ObjectId, payload: RejectIn):
    ctx = org_context(request, "time.review")
    entry = services.time_entry_reject(
        entry=access_time_entry(ctx, entry_id, review=True),
        actor=ctx.user,
        reason=payload.reason,
        version=payload.version,
    )
    return _time_entry(entry)
