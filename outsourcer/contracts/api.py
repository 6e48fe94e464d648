"""API: contracts, milestones and time entries.

`router` (mounted at /contracts) and `time_router` (/time-entries) serve organization members:
reading needs "contract.view" (every role), creating and closing contracts "contract.manage",
accepting milestones "milestone.accept", reviewing time "time.review" (owners, managers).
Guards answer 409 with `details`; only owners ("contract.override", "time.override") pass them,
by repeating the request with an `override_reason`.

`portal_router` (/portal) serves the contractor's own work across organizations: their non-draft
contracts (their terms only — never the budget, its figures or the exchange rate) and their time
entries, which they create and edit until reviewed.
"""

from datetime import date, datetime
from typing import Annotated, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from outsourcer.accounts.own_work import access_not_own_work_in
from outsourcer.api.auth import contractor_context, org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.pagination import paginated
from outsourcer.api.schemas import Currency, ObjectId, Text
from outsourcer.budgets.access import access_budget
from outsourcer.budgets.api import Day
from outsourcer.contractors.access import access_engagement
from outsourcer.contracts import selectors, services
from outsourcer.contracts.access import (
    access_contract,
    access_contract_for_contractor,
    access_milestone,
    access_time_entry,
    access_time_entry_for_contractor,
)
from outsourcer.contracts.models import Contract, TimeEntry
from outsourcer.contracts.versions import time_entry_version

router = Router(tags=["contracts"])
time_router = Router(tags=["time entries"])
portal_router = Router(tags=["portal"])

RateModelName = Literal["hourly", "retainer", "fixed"]
ContractStatusName = Literal["draft", "active", "completed", "ended"]
TimeStatusName = Literal["submitted", "approved", "rejected"]
PositiveCents = Annotated[int, Field(ge=1, le=10**12, description="Money in minor units (cents)")]
RateCents = Annotated[int, Field(ge=0, le=10**8, description="Per hour, in minor units")]
DayMinutes = Annotated[int, Field(ge=1, le=1440, description="Minutes worked that day (1–1440)")]
Reason = Text(500, min_length=1)
EntryIds = Annotated[list[ObjectId], Field(min_length=1, max_length=200)]
Version = Annotated[
    int,
    Field(ge=0, le=2**63 - 1, description="The entry's `version` as you saw it: refused with 409 if it changed since"),
]
Versions = Annotated[
    dict[ObjectId, Version], Field(max_length=200, description="Entry id → the `version` you saw (409 if changed)")
]


# --- output -------------------------------------------------------------------------------------


class MilestoneOut(Schema):
    id: int
    title: str
    amount_cents: int
    budget_amount_cents: int = Field(description="In the budget's currency")
    due_on: date
    status: Literal["pending", "accepted"]
    accepted_at: datetime | None


class ContractOut(Schema):
    id: int
    title: str
    rate_model: RateModelName
    status: ContractStatusName
    budget_id: int
    budget_name: str = Field(alias="budget.name")
    engagement_id: int
    contractor_id: int
    contractor_name: str = Field(alias="contractor.name")
    currency: str
    exchange_rate_micros: int | None = Field(description="Budget units per contract unit × 1,000,000")
    starts_on: date
    ends_on: date | None
    hourly_rate_cents: int | None
    weekly_cap_minutes: int | None
    monthly_fee_cents: int | None
    included_minutes: int | None
    overage_rate_cents: int | None
    total_cents: int | None
    activation_override_reason: str
    activated_at: datetime | None
    closed_at: datetime | None
    created_at: datetime
    milestones: list[MilestoneOut]

    @staticmethod
    def resolve_milestones(obj) -> list:
        return list(obj.milestones.all())


class PortalMilestoneOut(Schema):
    id: int
    title: str
    amount_cents: int
    due_on: date
    status: Literal["pending", "accepted"]


class PortalContractOut(Schema):
    """The contractor's view: their own terms, in the contract's currency, nothing about the budget."""

    id: int
    organization: str = Field(alias="organization.name")
    title: str
    rate_model: RateModelName
    status: ContractStatusName
    currency: str
    starts_on: date
    ends_on: date | None
    hourly_rate_cents: int | None
    weekly_cap_minutes: int | None
    monthly_fee_cents: int | None
    included_minutes: int | None
    overage_rate_cents: int | None
    total_cents: int | None
    milestones: list[PortalMilestoneOut]

    @staticmethod
    def resolve_milestones(obj) -> list:
        return list(obj.milestones.all())


class TimeEntryOut(Schema):
    id: int
    contract_id: int
    contract_title: str = Field(alias="contract.title")
    contractor_id: int
    contractor_name: str = Field(alias="contractor.name")
    worked_on: date
    minutes: int
    note: str
    status: TimeStatusName
    reviewed_at: datetime | None
    rejection_reason: str
    override_reason: str
    version: int = Field(description="Send it back with approve/reject: refused (409) if the entry changed since")
    spend_entry_id: int | None = Field(description="The ledger entry approval posted (none within included hours)")

    @staticmethod
    def resolve_spend_entry_id(obj) -> int | None:
        spend = getattr(obj, "spend_entry", None) if obj.status == "approved" else None
        return spend.pk if spend else None

    @staticmethod
    def resolve_version(obj) -> int:
        return time_entry_version(obj)


class PortalTimeEntryOut(Schema):
    id: int
    organization: str = Field(alias="organization.name")
    contract_id: int
    contract_title: str = Field(alias="contract.title")
    worked_on: date
    minutes: int
    note: str
    status: TimeStatusName
    reviewed_at: datetime | None
    rejection_reason: str


# --- input --------------------------------------------------------------------------------------


class MilestoneIn(Schema):
    title: Text(200, min_length=1)
    amount_cents: PositiveCents
    due_on: Day


class ContractIn(Schema):
    budget_id: ObjectId
    engagement_id: ObjectId = Field(description="The contractor, by engagement id (as in /contractors)")
    title: Text(200, min_length=1)
    rate_model: RateModelName
    starts_on: Day
    ends_on: Day | None = None
    currency: Currency | None = Field(None, description="Default: the budget's currency")
    exchange_rate_micros: Annotated[int, Field(ge=1, le=10**12)] | None = Field(
        None, description="Required when the currency differs from the budget's"
    )
    hourly_rate_cents: RateCents | None = None
    weekly_cap_minutes: Annotated[int, Field(ge=1, le=10080)] | None = None
    monthly_fee_cents: PositiveCents | None = None
    included_minutes: Annotated[int, Field(ge=0, le=44640)] | None = None
    overage_rate_cents: RateCents | None = None
    total_cents: PositiveCents | None = None
    milestones: Annotated[list[MilestoneIn], Field(max_length=50)] = Field(
        default_factory=list, description="Fixed price: amounts add up to total_cents"
    )


class OverrideIn(Schema):
    override_reason: Text(500) = Field("", description="Owners only: proceed past a guard, recorded with the reason")


class ApproveIn(OverrideIn):
    version: Version | None = None


class RejectIn(Schema):
    reason: Reason
    version: Version | None = None


class BulkApproveIn(OverrideIn):
    entry_ids: EntryIds
    versions: Versions = {}


class BulkRejectIn(Schema):
    reason: Reason
    entry_ids: EntryIds
    versions: Versions = {}


class TimeEntryIn(Schema):
    contract_id: ObjectId
    worked_on: Day
    minutes: DayMinutes
    note: Text(500) = ""


class TimeEntryPatch(Schema):
    worked_on: Day | None = None
    minutes: DayMinutes | None = None
    note: Text(500) | None = None


class ContractFilters(Schema):
    status: ContractStatusName | None = None
    rate_model: RateModelName | None = None
    budget_id: ObjectId | None = None
    engagement_id: ObjectId | None = None


class TimeFilters(Schema):
    status: TimeStatusName | None = None
    contract_id: ObjectId | None = None
    engagement_id: ObjectId | None = None
    since: Day | None = None
    until: Day | None = None


class PortalTimeFilters(Schema):
    status: TimeStatusName | None = None
    contract_id: ObjectId | None = None
    since: Day | None = None
    until: Day | None = None


# --- contracts ----------------------------------------------------------------------------------


def _contract(contract: Contract) -> Contract:
    return Contract.objects.select_related("budget", "contractor").prefetch_related("milestones").get(pk=contract.pk)


@router.get("", response=with_errors({200: list[ContractOut]}))
@paginated
def contract_list(request: HttpRequest, filters: Query[ContractFilters]):
    ctx = org_context(request, "contract.view")
    contractor_id = access_engagement(ctx, filters.engagement_id).contractor_id if filters.engagement_id else None
    return selectors.contract_list_for_organization(
        organization=ctx.organization, status=filters.status or "", budget_id=filters.budget_id,
        contractor_id=contractor_id, rate_model=filters.rate_model or "",
    ).prefetch_related("milestones")  # fmt: skip


@router.post("", response=with_errors({201: ContractOut}, write=True))
def contract_create(request: HttpRequest, payload: ContractIn):
    ctx = org_context(request, "contract.manage")
    data = payload.model_dump()
    budget = access_budget(ctx, data.pop("budget_id"))
    engagement = access_engagement(ctx, data.pop("engagement_id"))
    data["currency"] = data["currency"] or ""
    contract = services.contract_create(
        organization=ctx.organization, actor=ctx.user, budget=budget, contractor=engagement.contractor, **data
    )
    return Status(201, _contract(contract))


@router.get("/{contract_id}", response=with_errors({200: ContractOut}))
def contract_detail(request: HttpRequest, contract_id: ObjectId):
    ctx = org_context(request, "contract.view")
    return _contract(access_contract(ctx, contract_id))


@router.post("/{contract_id}/activate", response=with_errors({200: ContractOut}, 409, write=True))
def contract_activate(request: HttpRequest, contract_id: ObjectId, payload: OverrideIn):
    """409 when the contract's cost for the period is more than the budget has left; `details`
    carries cost_cents, remaining_cents, over_cents. An owner repeats with `override_reason`."""
    ctx = org_context(request, "contract.manage")
    contract = services.contract_activate(
        contract=access_contract(ctx, contract_id), actor=ctx.user, override_reason=payload.override_reason,
        may_override=ctx.may("contract.override"),
    )  # fmt: skip
    return _contract(contract)


@router.post("/{contract_id}/complete", response=with_errors({200: ContractOut}, write=True))
def contract_complete(request: HttpRequest, contract_id: ObjectId):
    ctx = org_context(request, "contract.manage")
    return _contract(services.contract_complete(contract=access_contract(ctx, contract_id), actor=ctx.user))


@router.post("/{contract_id}/end", response=with_errors({200: ContractOut}, write=True))
def contract_end(request: HttpRequest, contract_id: ObjectId):
    ctx = org_context(request, "contract.manage")
    return _contract(services.contract_end(contract=access_contract(ctx, contract_id), actor=ctx.user))


@router.get("/{contract_id}/milestones", response=with_errors({200: list[MilestoneOut]}))
def milestone_list(request: HttpRequest, contract_id: ObjectId):
    ctx = org_context(request, "contract.view")
    return selectors.milestone_list_for_contract(contract=access_contract(ctx, contract_id))


@router.post("/{contract_id}/milestones/{milestone_id}/accept", response=with_errors({200: MilestoneOut}, write=True))
def milestone_accept(request: HttpRequest, contract_id: ObjectId, milestone_id: ObjectId):
    ctx = org_context(request, "milestone.accept")
    milestone = access_milestone(ctx, milestone_id, contract=access_contract(ctx, contract_id), review=True)
    services.milestone_accept(milestone=milestone, actor=ctx.user)
    milestone.refresh_from_db()
    return milestone


# --- time entries (organization) ----------------------------------------------------------------


def _entries_for_review(ctx, entry_ids: list[int]) -> list[TimeEntry]:
    entries = list(
        TimeEntry.objects.filter(organization=ctx.organization, pk__in=entry_ids).select_related(
            "contract", "contractor"
        )
    )
    if len(entries) != len(set(entry_ids)):  # one of them is another organization's, or gone
        raise Http404
    access_not_own_work_in(ctx, entries)
    return entries


def _time_entry(entry: TimeEntry) -> TimeEntry:
    return TimeEntry.objects.select_related("contract", "contractor", "spend_entry").get(pk=entry.pk)


@time_router.get("", response=with_errors({200: list[TimeEntryOut]}))
@paginated
def time_entry_list(request: HttpRequest, filters: Query[TimeFilters]):
    ctx = org_context(request, "contract.view")
    contractor_id = access_engagement(ctx, filters.engagement_id).contractor_id if filters.engagement_id else None
    return selectors.time_entry_list_for_organization(
        organization=ctx.organization, status=filters.status or "", contractor_id=contractor_id,
        contract_id=filters.contract_id, since=filters.since, until=filters.until,
    ).select_related("spend_entry")  # fmt: skip


@time_router.post("/approve", response=with_errors({200: list[TimeEntryOut]}, 409, write=True))
def time_entry_approve_bulk(request: HttpRequest, payload: BulkApproveIn):
    """All or nothing: the first entry that fails stops the batch (its id is in the error)."""
    ctx = org_context(request, "time.review")
    approved = services.time_entry_approve_bulk(
        entries=_entries_for_review(ctx, payload.entry_ids), actor=ctx.user, override_reason=payload.override_reason,
        may_override=ctx.may("time.override"), versions=payload.versions,
    )  # fmt: skip
    return [_time_entry(entry) for entry in approved]


@time_router.post("/reject", response=with_errors({200: list[TimeEntryOut]}, 409, write=True))
def time_entry_reject_bulk(request: HttpRequest, payload: BulkRejectIn):
    ctx = org_context(request, "time.review")
    rejected = services.time_entry_reject_bulk(
        entries=_entries_for_review(ctx, payload.entry_ids), actor=ctx.user, reason=payload.reason,
        versions=payload.versions,
    )  # fmt: skip
    return [_time_entry(entry) for entry in rejected]


@time_router.get("/{entry_id}", response=with_errors({200: TimeEntryOut}))
def time_entry_detail(request: HttpRequest, entry_id: ObjectId):
    ctx = org_context(request, "contract.view")
    return _time_entry(access_time_entry(ctx, entry_id))


@time_router.post("/{entry_id}/approve", response=with_errors({200: TimeEntryOut}, 409, write=True))
def time_entry_approve(request: HttpRequest, entry_id: ObjectId, payload: ApproveIn):
    """409 over the weekly cap or past 100 % of the budget (an owner repeats with `override_reason`),
    or `code: changed` when `version` is given and the entry was edited since."""
    ctx = org_context(request, "time.review")
    entry = services.time_entry_approve(
        entry=access_time_entry(ctx, entry_id, review=True), actor=ctx.user, override_reason=payload.override_reason,
        may_override=ctx.may("time.override"), version=payload.version,
    )  # fmt: skip
    return _time_entry(entry)


@time_router.post("/{entry_id}/reject", response=with_errors({200: TimeEntryOut}, 409, write=True))
def time_entry_reject(request: HttpRequest, entry_id: ObjectId, payload: RejectIn):
    ctx = org_context(request, "time.review")
    entry = services.time_entry_reject(
        entry=access_time_entry(ctx, entry_id, review=True), actor=ctx.user, reason=payload.reason,
        version=payload.version,
    )  # fmt: skip
    return _time_entry(entry)


# --- the contractor's own contracts and time ----------------------------------------------------


@portal_router.get("/contracts", response=with_errors({200: list[PortalContractOut]}))
@paginated
def portal_contract_list(request: HttpRequest, status: ContractStatusName | None = None):
    contractor = contractor_context(request)
    return selectors.contract_list_for_contractor(contractor=contractor, status=status or "").prefetch_related(
        "milestones"
    )


@portal_router.get("/contracts/{contract_id}", response=with_errors({200: PortalContractOut}))
def portal_contract_detail(request: HttpRequest, contract_id: ObjectId):
    return access_contract_for_contractor(contractor_context(request), contract_id)


@portal_router.get("/time-entries", response=with_errors({200: list[PortalTimeEntryOut]}))
@paginated
def portal_time_entry_list(request: HttpRequest, filters: Query[PortalTimeFilters]):
    contractor = contractor_context(request)
    return selectors.time_entry_list_for_contractor(
        contractor=contractor, contract_id=filters.contract_id, status=filters.status or "", since=filters.since,
        until=filters.until,
    )  # fmt: skip


@portal_router.post("/time-entries", response=with_errors({201: PortalTimeEntryOut}, write=True))
def portal_time_entry_create(request: HttpRequest, payload: TimeEntryIn):
    contractor = contractor_context(request)
    contract = access_contract_for_contractor(contractor, payload.contract_id)
    entry = services.time_entry_create(
        contractor=contractor, contract=contract, worked_on=payload.worked_on, minutes=payload.minutes,
        note=payload.note,
    )  # fmt: skip
    return Status(201, access_time_entry_for_contractor(contractor, entry.pk))


@portal_router.get("/time-entries/{entry_id}", response=with_errors({200: PortalTimeEntryOut}))
def portal_time_entry_detail(request: HttpRequest, entry_id: ObjectId):
    return access_time_entry_for_contractor(contractor_context(request), entry_id)


@portal_router.patch("/time-entries/{entry_id}", response=with_errors({200: PortalTimeEntryOut}, write=True))
def portal_time_entry_update(request: HttpRequest, entry_id: ObjectId, payload: TimeEntryPatch):
    """Until the organization reviews it; afterwards 400 (code `already_reviewed`)."""
    contractor = contractor_context(request)
    entry = access_time_entry_for_contractor(contractor, entry_id)
    changes = payload.model_dump(exclude_none=True)
    services.time_entry_update(
        entry=entry, contractor=contractor, worked_on=changes.get("worked_on", entry.worked_on),
        minutes=changes.get("minutes", entry.minutes), note=changes.get("note", entry.note),
    )  # fmt: skip
    return access_time_entry_for_contractor(contractor, entry_id)
