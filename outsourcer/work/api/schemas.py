"""Request and response schemas of the tasks API (organization and portal)."""

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Schema

from outsourcer.api.schemas import Cents, Day, LongText, ObjectId, RowOut, Text
from outsourcer.lib.limits import MAX_ESTIMATE_MINUTES
from outsourcer.work.api.briefs import Moment
from outsourcer.work.services._clean import MAX_CRITERIA

TaskStatusName = Literal[
    "draft", "sent", "question", "accepted", "declined", "in_progress", "submitted", "done", "cancelled"
]
StatusFilter = Literal[
    "open", "all", "draft", "sent", "question", "accepted", "declined", "in_progress", "submitted", "done", "cancelled"
]
PriorityName = Literal["low", "normal", "high"]
Criteria = Annotated[list[Text(500)], Field(max_length=MAX_CRITERIA, description="One check per item")]
EstimateMinutes = Annotated[int, Field(ge=1, le=MAX_ESTIMATE_MINUTES, description="Minutes of work")]


class TaskFilters(Schema):
    status: StatusFilter = Field("open", description="`open` (default): not done nor cancelled; `all`; or one status")
    contractor_id: ObjectId | None = None


class PortalTaskFilters(Schema):
    status: StatusFilter = Field("open", description="`open` (default), `all`, or one status")
    organization_id: ObjectId | None = None


class BriefFields(Schema):
    goal: LongText = ""
    context: LongText = ""
    deliverables: LongText = ""
    deliverable_format: Text(200) = ""
    acceptance_criteria: Criteria = Field(default_factory=list)
    references: LongText = Field("", description="Links, one per line (https://…)")
    deadline_at: Moment | None = Field(None, description="With its UTC offset")
    estimate_minutes: EstimateMinutes | None = None
    priority: PriorityName = "normal"
    point_of_contact_id: ObjectId | None = Field(None, description="A member of the organization (user id)")


DUPLICATE_REASON = "Needed when the task looks like open work with another contractor (else 409, code similar_work)"


class TaskIn(BriefFields):
    contract_id: ObjectId = Field(description="A draft or active contract; the task is for its contractor")
    title: Text(200, min_length=1)
    duplicate_override_reason: Text(500) = Field("", description=DUPLICATE_REASON)


class TaskPatch(Schema):
    """Only the fields given change (null clears a deadline, estimate or point of contact)."""

    title: Text(200, min_length=1) | None = None
    goal: LongText | None = None
    context: LongText | None = None
    deliverables: LongText | None = None
    deliverable_format: Text(200) | None = None
    acceptance_criteria: Criteria | None = None
    references: LongText | None = None
    deadline_at: Moment | None = None
    estimate_minutes: EstimateMinutes | None = None
    priority: PriorityName | None = None
    point_of_contact_id: ObjectId | None = None
    duplicate_override_reason: Text(500) = Field("", description=DUPLICATE_REASON)


class SendIn(Schema):
    override_reason: Text(500) = Field("", description="Needed when the brief check has open findings (else 409)")


class AnswerIn(Schema):
    answer: Text(5000, min_length=1, multiline=True)


class DeclineIn(Schema):
    reason: Text(500, min_length=1)


class AskIn(Schema):
    question: Text(5000, min_length=1, multiline=True)


class TaskMilestoneIn(Schema):
    title: Text(200) = Field("", description="Default: the contract milestone's title")
    due_on: Day | None = Field(None, description="Default: the contract milestone's due date")
    amount_cents: Cents | None = Field(None, description="Not for fixed-price contracts")
    contract_milestone_id: ObjectId | None = Field(None, description="Fixed price: one of the contract's milestones")


class TaskMilestoneOut(Schema):
    id: int
    title: str
    due_on: date
    amount_cents: int | None
    contract_milestone_id: int | None


class TaskOut(Schema):
    id: int
    contract_id: int
    contractor_id: int
    title: str
    goal: str
    context: str
    deliverables: str
    deliverable_format: str
    acceptance_criteria: list[str]
    references: str
    deadline_at: datetime | None
    estimate_minutes: int | None
    priority: PriorityName
    point_of_contact_id: int | None
    status: TaskStatusName
    decline_reason: str
    question: str
    answer: str
    brief_override_reason: str
    duplicate_override_reason: str
    sent_at: datetime | None
    accepted_at: datetime | None
    submitted_at: datetime | None
    done_at: datetime | None
    created_at: datetime


class PortalTaskOut(RowOut):
    """What the contractor sees of their task: the brief and where it stands."""

    id: int
    organization_id: int
    organization: str = Field(alias="organization.name")
    contract_id: int
    title: str
    goal: str
    context: str
    deliverables: str
    deliverable_format: str
    acceptance_criteria: list[str]
    references: str
    deadline_at: datetime | None
    estimate_minutes: int | None
    priority: PriorityName
    status: TaskStatusName
    decline_reason: str
    question: str
    answer: str
    sent_at: datetime | None
    accepted_at: datetime | None
    submitted_at: datetime | None
    done_at: datetime | None
