"""The contractor's own contracts and time entries across organizations (mounted at /portal)."""

from django.http import HttpRequest
from ninja import Query, Router
from ninja.responses import Status

from outsourcer.api.auth import contractor_context
from outsourcer.api.errors import with_errors
from outsourcer.api.pagination import paginated
from outsourcer.api.schemas import ObjectId
from outsourcer.contracts import selectors, services
from outsourcer.contracts.access import access_contract_for_contractor, access_time_entry_for_contractor
from outsourcer.contracts.api.schemas import (
    ContractStatusName,
    PortalContractOut,
    PortalTimeEntryOut,
    PortalTimeFilters,
    TimeEntryIn,
    TimeEntryPatch,
)

portal_router = Router(tags=["portal"])


@portal_router.get(
    "/contracts", operation_id="portal_contract_list", response=with_errors({200: list[PortalContractOut]})
)
@paginated
def portal_contract_list(request: HttpRequest, status: ContractStatusName | None = None):
    contractor = contractor_context(request)
    return selectors.contract_list_for_contractor(contractor=contractor, status=status or "").prefetch_related(
        "milestones"
    )


@portal_router.get(
    "/contracts/{contract_id}", operation_id="portal_contract_get", response=with_errors({200: PortalContractOut})
)
def portal_contract_detail(request: HttpRequest, contract_id: ObjectId):
    return access_contract_for_contractor(contractor_context(request), contract_id)


@portal_router.get(
    "/time-entries", operation_id="portal_time_entry_list", response=with_errors({200: list[PortalTimeEntryOut]})
)
@paginated
def portal_time_entry_list(request: HttpRequest, filters: Query[PortalTimeFilters]):
    contractor = contractor_context(request)
    return selectors.time_entry_list_for_contractor(
        contractor=contractor,
        contract_id=filters.contract_id,
        status=filters.status or "",
        since=filters.since,
        until=filters.until,
    )


@portal_router.post(
    "/time-entries",
    operation_id="portal_time_entry_create",
    response=with_errors({201: PortalTimeEntryOut}, write=True),
)
def portal_time_entry_create(request: HttpRequest, payload: TimeEntryIn):
    contractor = contractor_context(request)
    contract = access_contract_for_contractor(contractor, payload.contract_id)
    entry = services.time_entry_create(
        contractor=contractor,
        contract=contract,
        worked_on=payload.worked_on,
        minutes=payload.minutes,
        note=payload.note,
    )
    return Status(201, access_time_entry_for_contractor(contractor, entry.pk))


@portal_router.get(
    "/time-entries/{entry_id}", operation_id="portal_time_entry_get", response=with_errors({200: PortalTimeEntryOut})
)
def portal_time_entry_detail(request: HttpRequest, entry_id: ObjectId):
    return access_time_entry_for_contractor(contractor_context(request), entry_id)


@portal_router.patch(
    "/time-entries/{entry_id}",
    operation_id="portal_time_entry_update",
    response=with_errors({200: PortalTimeEntryOut}, write=True),
)
def portal_time_entry_update(request: HttpRequest, entry_id: ObjectId, payload: TimeEntryPatch):
    """Until the organization reviews it; afterwards 400 (code `already_reviewed`)."""
    contractor = contractor_context(request)
    entry = access_time_entry_for_contractor(contractor, entry_id)
    changes = payload.model_dump(exclude_none=True)
    services.time_entry_update(
        entry=entry,
        contractor=contractor,
        worked_on=changes.get("worked_on", entry.worked_on),
        minutes=changes.get("minutes", entry.minutes),
        note=changes.get("note", entry.note),
    )
    return access_time_entry_for_contractor(contractor, entry_id)


@portal_router.delete(
    "/time-entries/{entry_id}", operation_id="portal_time_entry_delete", response=with_errors({204: None}, write=True)
)
def portal_time_entry_delete(request: HttpRequest, entry_id: ObjectId):
    """Submitted or rejected entries only; approved time is final (400, code `already_reviewed`)."""
    contractor = contractor_context(request)
    services.time_entry_delete(entry=access_time_entry_for_contractor(contractor, entry_id), contractor=contractor)
    return Status(204, None)
