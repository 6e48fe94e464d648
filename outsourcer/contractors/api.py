"""API: the organization's contractors (engagements) and the contractor's own profile (portal)."""

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from outsourcer.api.auth import contractor_context, org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.pagination import paginated
from outsourcer.api.schemas import (
    Cents,
    Currency,
    LongText,
    Name,
    ObjectId,
    Search,
    ShortText,
    Text,
    TimeZone,
    WeekMinutes,
    WorkingHours,
)
from outsourcer.contractors import services
from outsourcer.contractors.access import access_engagement
from outsourcer.contractors.models import Contractor
from outsourcer.contractors.selectors import engagement_list_for_organization
from outsourcer.lib.limits import MAX_SKILLS, MAX_VOLUME_TIERS, MAX_WEEK_HOURS

router = Router(tags=["contractors"])
portal_router = Router(tags=["portal"])

Kind = Literal["person", "company"]
EngagementStatusName = Literal["prospect", "vetting", "active", "paused", "ended"]
Skill = Text(60)


class VolumeTier(Schema):
    min_hours: int = Field(ge=1, le=MAX_WEEK_HOURS, description="From this many hours a week…")
    rate_cents: Cents = Field(description="…this hourly rate applies")


# --- output -------------------------------------------------------------------------------------


class ProfileOut(Schema):
    id: int
    kind: Kind
    name: str
    email: str
    company: str
    website: str
    skills: list[str] = Field(alias="skill_list")
    time_zone: str
    working_hours: dict[str, list[str]]
    weekly_capacity_minutes: int
    default_rate_cents: int
    currency: str
    volume_tiers: list[VolumeTier]
    has_account: bool
    updated_at: datetime


class ContractorOut(Schema):
    id: int = Field(description="The engagement id: the organization's relationship with this contractor")
    status: EngagementStatusName
    status_changed_at: datetime
    engagement_capacity_minutes: int = Field(alias="weekly_capacity_minutes")
    notes: str | None = Field(description="Internal notes; null when the caller's role may not read them")
    created_at: datetime
    contractor: ProfileOut

    @staticmethod
    def resolve_notes(obj, context) -> str | None:
        request = context["request"]
        return obj.notes if request.org_ctx.may("contractor.notes.view") else None


# --- input --------------------------------------------------------------------------------------


class ProfilePatch(Schema):
    """Profile fields; a field left out (or null) stays as it is."""

    kind: Kind | None = None
    name: Name | None = None
    company: ShortText | None = None
    website: Text(300) | None = None
    skills: Annotated[list[Skill], Field(max_length=MAX_SKILLS)] | None = None
    time_zone: TimeZone | None = None
    working_hours: WorkingHours | None = None
    weekly_capacity_minutes: WeekMinutes | None = None
    default_rate_cents: Cents | None = None
    currency: Currency | None = None
    volume_tiers: Annotated[list[VolumeTier], Field(max_length=MAX_VOLUME_TIERS)] | None = None


class ContractorPatch(ProfilePatch):
    email: Text(254) | None = None
    notes: LongText | None = None
    engagement_capacity_minutes: WeekMinutes | None = None


class ContractorIn(ContractorPatch):
    """A new contractor record; time zone and currency default to the organization's."""

    name: Name
    status: EngagementStatusName = "prospect"


class StatusIn(Schema):
    status: EngagementStatusName


def _split(payload: ContractorPatch) -> tuple[dict[str, Any], dict[str, Any]]:
    data = payload.model_dump(exclude_none=True)
    engagement = {key: data.pop(key) for key in ("notes", "engagement_capacity_minutes", "status") if key in data}
    return data, engagement


# --- organization endpoints -----------------------------------------------------------------------


@router.get("", operation_id="contractor_list", response=with_errors({200: list[ContractorOut]}))
@paginated
def contractor_list(
    request: HttpRequest, search: Search = "", skill: Skill = "", status: EngagementStatusName | None = None
):
    ctx = org_context(request, "contractor.view")
    return engagement_list_for_organization(
        organization=ctx.organization, search=search, skill=skill, status=status or ""
    )


@router.post("", operation_id="contractor_create", response=with_errors({201: ContractorOut}, write=True))
def contractor_create(request: HttpRequest, payload: ContractorIn):
    ctx = org_context(request, "contractor.edit")
    profile, engagement = _split(payload)
    profile.setdefault("time_zone", ctx.organization.time_zone)
    profile.setdefault("currency", ctx.organization.currency)
    created = services.contractor_create(organization=ctx.organization, actor=ctx.user, profile=profile, **engagement)
    return Status(201, created)


@router.get("/{engagement_id}", operation_id="contractor_get", response=with_errors({200: ContractorOut}))
def contractor_detail(request: HttpRequest, engagement_id: ObjectId):
    ctx = org_context(request, "contractor.view")
    return access_engagement(ctx, engagement_id)


@router.patch(
    "/{engagement_id}", operation_id="contractor_update", response=with_errors({200: ContractorOut}, write=True)
)
def contractor_update(request: HttpRequest, engagement_id: ObjectId, payload: ContractorPatch):
    ctx = org_context(request, "contractor.edit")
    engagement = access_engagement(ctx, engagement_id)
    profile, fields = _split(payload)
    return services.contractor_update(engagement=engagement, actor=ctx.user, profile=profile, **fields)


@router.post(
    "/{engagement_id}/status",
    operation_id="engagement_status_change",
    response=with_errors({200: ContractorOut}, write=True),
)
def engagement_status_change(request: HttpRequest, engagement_id: ObjectId, payload: StatusIn):
    ctx = org_context(request, "contractor.edit")
    engagement = access_engagement(ctx, engagement_id)
    return services.engagement_status_change(engagement=engagement, actor=ctx.user, status=payload.status)


# --- the contractor's own profile -----------------------------------------------------------------


@portal_router.get("/profile", operation_id="portal_profile_get", response=with_errors({200: ProfileOut}))
def profile_detail(request: HttpRequest) -> Contractor:
    return contractor_context(request)


@portal_router.patch(
    "/profile", operation_id="portal_profile_update", response=with_errors({200: ProfileOut}, write=True)
)
def profile_update(request: HttpRequest, payload: ProfilePatch):
    contractor = contractor_context(request)
    profile = payload.model_dump(exclude_none=True)
    return services.contractor_profile_update(contractor=contractor, actor=request.auth, profile=profile)
