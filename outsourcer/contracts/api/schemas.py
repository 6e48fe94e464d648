"""Request and response schemas of the contracts API: contracts, milestones, time entries and the portal."""

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Schema

from outsourcer.api.schemas import Currency, Day, ObjectId, PositiveCents, RateMicros, Text
from outsourcer.contracts.versions import time_entry_version
from outsourcer.lib.limits import (
    MAX_BULK_IDS,
    MAX_DAY_MINUTES,
    MAX_MILESTONES,
    MAX_MONTH_MINUTES,
    MAX_RATE_CENTS,
    MAX_WEEK_MINUTES,
)

RateModelName = Literal["hourly", "retainer", "fixed"]
ContractStatusName = Literal["draft", "active", "completed", "ended"]
TimeStatusName = Literal["submitted", "approved", "rejected"]
RateCents = Annotated[int, Field(ge=0, le=MAX_RATE_CENTS, description="Per hour, in minor units")]
DayMinutes = Annotated[int, Field(ge=1, le=MAX_DAY_MINUTES, description="Minutes worked that day (1–1440)")]
Reason = Text(500, min_length=1)
EntryIds = Annotated[list[ObjectId], Field(min_length=1, max_length=MAX_BULK_IDS)]
Version = Annotated[
    int,
    Field(ge=0, le=2**63 - 1, description="The entry's `version` as you saw it: refused with 409 if it changed since"),
]
Versions = Annotated[
    dict[ObjectId, Version],
    Field(max_length=MAX_BULK_IDS, description="Entry id → the `version` you saw (409 if changed)"),
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


class ContractTermsOut(Schema):
    """What both sides see: the terms, in the contract's currency."""

    id: int
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


class ContractOut(ContractTermsOut):
    budget_id: int
    budget_name: str = Field(alias="budget.name")
    engagement_id: int
    contractor_id: int
    contractor_name: str = Field(alias="contractor.name")
    exchange_rate_micros: int | None = Field(description="Budget units per contract unit × 1,000,000")
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


class PortalContractOut(ContractTermsOut):
    """The contractor's view: their own terms, nothing about the budget."""

    organization: str = Field(alias="organization.name")
    milestones: list[PortalMilestoneOut]

    @staticmethod
    def resolve_milestones(obj) -> list:
        return list(obj.milestones.all())


class TimeEntryBaseOut(Schema):
    id: int
    contract_id: int
    contract_title: str = Field(alias="contract.title")
    worked_on: date
    minutes: int
    note: str
    status: TimeStatusName
    reviewed_at: datetime | None
    rejection_reason: str


class TimeEntryOut(TimeEntryBaseOut):
    contractor_id: int
    contractor_name: str = Field(alias="contractor.name")
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


class PortalTimeEntryOut(TimeEntryBaseOut):
    organization: str = Field(alias="organization.name")


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
    exchange_rate_micros: RateMicros | None = Field(
        None, description="Required when the currency differs from the budget's"
    )
    hourly_rate_cents: RateCents | None = None
    weekly_cap_minutes: Annotated[int, Field(ge=1, le=MAX_WEEK_MINUTES)] | None = None
    monthly_fee_cents: PositiveCents | None = None
    included_minutes: Annotated[int, Field(ge=0, le=MAX_MONTH_MINUTES)] | None = None
    overage_rate_cents: RateCents | None = None
    total_cents: PositiveCents | None = None
    milestones: Annotated[list[MilestoneIn], Field(max_length=MAX_MILESTONES)] = Field(
        default_factory=list, description="Fixed price: amounts add up to total_cents"
    )


class OverrideIn(Schema):
    override_reason: Text(500) = Field("", description="Owners only: proceed past a guard, recorded with the reason")

    def override(self, ctx, permission: str) -> dict:
        """The service's override arguments: the reason given, and whether the caller's role may use it."""
        return {"override_reason": self.override_reason, "may_override": ctx.may(permission)}


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


class PortalTimeFilters(Schema):
    status: TimeStatusName | None = None
    contract_id: ObjectId | None = None
    since: Day | None = None
    until: Day | None = None


class TimeFilters(PortalTimeFilters):
    engagement_id: ObjectId | None = None
