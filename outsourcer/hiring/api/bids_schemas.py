"""Request and response schemas of the bids API: the contractor's jobs, bids and Q&A (portal), and a
job's bids and threads (organization)."""

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Schema

from outsourcer.api.schemas import Currency, Day, PositiveCents, RateMicros, Text
from outsourcer.hiring.services.bids import MAX_APPROACH, MAX_QUESTIONS, MAX_RETAINER_MONTHS
from outsourcer.lib.limits import MAX_ESTIMATE_MINUTES, MAX_RATE_CENTS
from outsourcer.messaging.api import ThreadMessageOut
from outsourcer.messaging.rules import MAX_BODY

RateModelName = Literal["fixed", "hourly", "retainer"]
BidStatusName = Literal["submitted", "withdrawn", "awarded", "alternate", "declined"]
JobStatusName = Literal["draft", "open", "awarded", "closed", "cancelled"]


# --- input --------------------------------------------------------------------------------------


class BidIn(Schema):
    """A bid's terms: `fixed_total_cents` (fixed), `hourly_rate_cents` + `estimated_minutes`
    (hourly) or `retainer_fee_cents` + `retainer_months` (retainer); the other models' fields are
    ignored. A `currency` other than the job's needs `exchange_rate_micros` (job currency per unit
    of yours × 1,000,000)."""

    rate_model: RateModelName
    currency: Currency | None = None
    exchange_rate_micros: RateMicros | None = None
    fixed_total_cents: PositiveCents | None = None
    hourly_rate_cents: Annotated[int, Field(ge=1, le=MAX_RATE_CENTS)] | None = None
    estimated_minutes: Annotated[int, Field(ge=1, le=MAX_ESTIMATE_MINUTES)] | None = None
    retainer_fee_cents: PositiveCents | None = None
    retainer_months: Annotated[int, Field(ge=1, le=MAX_RETAINER_MONTHS)] | None = None
    proposed_start_on: Day
    finishes_on: Day
    approach: Text(MAX_APPROACH, multiline=True) = ""
    questions: Text(MAX_QUESTIONS, multiline=True) = ""


class MessageIn(Schema):
    body: Text(MAX_BODY, min_length=1, multiline=True)


class AnswerIn(MessageIn):
    urgent: bool = Field(False, description="Deliver now, even outside the bidder's working hours")


class PortalJobFilters(Schema):
    organization_id: Annotated[int, Field(ge=1, le=2**63 - 1)] | None = None


# --- output -------------------------------------------------------------------------------------


class BidTermsOut(Schema):
    """The bid as its contractor sent it (in its own currency)."""

    id: int
    job_id: int
    status: BidStatusName
    rate_model: RateModelName
    currency: str
    exchange_rate_micros: int | None
    fixed_total_cents: int | None
    hourly_rate_cents: int | None
    estimated_minutes: int | None
    retainer_fee_cents: int | None
    retainer_months: int | None
    total_cents: int = Field(description="Expected total cost in the bid's currency")
    proposed_start_on: date | None
    finishes_on: date | None
    approach: str
    questions: str
    revision: int
    submitted_at: datetime


class BidRevisionOut(Schema):
    number: int
    terms: dict
    created_at: datetime


class PortalBidOut(BidTermsOut):
    revisions: list[BidRevisionOut]


class BidOut(BidTermsOut):
    contractor_id: int
    contractor_name: str = Field(alias="contractor.name")
    engagement_id: int
    total_budget_cents: int = Field(description="Expected total cost in the budget's currency")


class BidDetailOut(BidOut):
    revisions: list[BidRevisionOut]


class PortalJobOut(Schema):
    """A job as a bidder sees it: the brief and dates, never the budget or other bids."""

    id: int
    organization_id: int
    organization_name: str = Field(alias="organization.name")
    title: str
    goal: str
    deliverables: str
    acceptance_criteria: str
    skills: str
    rate_model: RateModelName
    status: JobStatusName
    deadline_on: date | None
    bids_due_at: datetime | None
    currency: str = Field(alias="budget.currency", description="The currency bids are compared in")


class MessageOut(ThreadMessageOut):
    job_id: int


class ThreadOut(Schema):
    contractor_id: int
    contractor_name: str = Field(alias="contractor__name")
    message_count: int
    unread_count: int
    last_at: datetime


class MarkedOut(Schema):
    marked: int = Field(description="How many messages were marked read")
