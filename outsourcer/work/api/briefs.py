"""API: the brief-clarity check (shared/PRODUCT.md, "Advice the product gives, and its API").

`POST /briefs/check` reads a brief and the contractor it is for — a contractor the caller's
organization engages (`contractor_id`), or one described by hand (`time_zone`, `working_hours`,
`weekly_capacity_hours`) — and answers the findings. It saves nothing. Every member may ask
("brief.check"); portal tokens get 404 like every organization endpoint.
"""

from decimal import Decimal
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from pydantic import WithJsonSchema

from outsourcer.accounts.access import OrgContext
from outsourcer.api.auth import org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.schemas import LongText, Moment, ObjectId, Text, TimeZone, WorkingHours
from outsourcer.lib.durations import hours_to_minutes
from outsourcer.lib.errors import FieldErrors
from outsourcer.lib.limits import MAX_ESTIMATE_MINUTES, MAX_WEEK_HOURS
from outsourcer.work.access import access_brief_contractor
from outsourcer.work.briefs import CODES, Brief, ContractorWindow, brief_check, contractor_window_clean

router = Router(tags=["briefs"])

ONE_CONTRACTOR = "Give either contractor_id or the contractor's time_zone (with working hours and capacity), not both."
NO_CONTRACTOR = "Give contractor_id, or the contractor's time_zone, working_hours and weekly_capacity_hours."


def _hours(maximum: int, max_digits: int):
    # Decimal hours, never float; documented as a JSON number (a numeric string is also read).
    return Annotated[
        Decimal,
        Field(ge=0, le=maximum, max_digits=max_digits, decimal_places=2),
        WithJsonSchema({"type": "number", "minimum": 0, "maximum": maximum}),
    ]


Hours = _hours(MAX_ESTIMATE_MINUTES // 60, 7)
WeekHours = _hours(MAX_WEEK_HOURS, 5)


class BriefCheckIn(Schema):
    title: Text(200) = ""
    goal: LongText = Field("", description="Why the work is needed")
    context: LongText = ""
    deliverables: LongText = Field("", description="What to hand over, and its format")
    acceptance_criteria: Annotated[list[Text(500)], Field(max_length=50)] = Field(
        default_factory=list, description="One check per line"
    )
    deadline: Moment | None = Field(None, description="With its UTC offset")
    estimate_hours: Hours | None = Field(None, description="Hours of work, up to two decimals")
    point_of_contact: Text(200) = ""
    rate_basis: Text(200) = Field("", description="How the work is paid, e.g. “hourly at the contract's rate”")
    contractor_id: ObjectId | None = Field(
        None, description="A contractor the organization engages (`contractor.id` in /contractors)"
    )
    time_zone: TimeZone | None = Field(None, description="Instead of contractor_id: the contractor's zone")
    working_hours: WorkingHours | None = Field(None, description="With time_zone; default Mon–Fri 09:00–17:00")
    weekly_capacity_hours: WeekHours | None = Field(None, description="With time_zone; default all working hours")
    send_at: Moment | None = Field(None, description="When the brief will be sent (default now)")


class FindingOut(Schema):
    code: str = Field(description=f"Stable; more may be added: {', '.join(CODES)}", examples=["vague_language"])
    message: str
    suggestion: str


class BriefCheckOut(Schema):
    findings: list[FindingOut]


def _contractor(ctx: OrgContext, payload: BriefCheckIn) -> ContractorWindow:
    by_hand = (payload.time_zone, payload.working_hours, payload.weekly_capacity_hours)
    if payload.contractor_id is not None and any(value is not None for value in by_hand):
        raise FieldErrors({"contractor_id": ONE_CONTRACTOR})
    if payload.contractor_id is not None:
        return ContractorWindow.for_engagement(access_brief_contractor(ctx, payload.contractor_id))
    if payload.time_zone is None:
        raise FieldErrors({"contractor_id": NO_CONTRACTOR})
    capacity = payload.weekly_capacity_hours
    return contractor_window_clean(
        time_zone=payload.time_zone,
        working_hours=payload.working_hours,
        weekly_capacity_minutes=None if capacity is None else hours_to_minutes(capacity),
    )


@router.post("/check", operation_id="brief_findings_get", response=with_errors({200: BriefCheckOut}, write=True))
def brief_check_endpoint(request: HttpRequest, payload: BriefCheckIn):
    """Saves nothing: the findings for this brief and contractor, as the task form shows them."""
    contractor = _contractor(org_context(request, "brief.check"), payload)
    estimate = None if payload.estimate_hours is None else hours_to_minutes(payload.estimate_hours)
    brief = Brief(
        **payload.model_dump(
            include={"title", "goal", "context", "deliverables", "acceptance_criteria", "deadline"}
            | {"point_of_contact", "rate_basis"}
        ),
        estimate_minutes=estimate,
    )
    return {"findings": brief_check(brief, contractor, send_at=payload.send_at or timezone.now())}
