"""Reference checks and company checks of an engagement, for organization members (mounted at the
API root): reading needs "contractor.view" (every role); asking for a reference
"reference.manage", updating a checklist item "company_check.manage" (owners, managers, never
about their own contractor profile). Evidence files are uploaded on the vetting page; here an item
takes an evidence link. The questionnaire's token is never part of an answer."""

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from outsourcer.accounts.own_work import access_not_own_work
from outsourcer.api.auth import org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.pagination import paginated
from outsourcer.api.schemas import Name, ObjectId, Text
from outsourcer.contractors.access import access_engagement
from outsourcer.hiring import selectors, services
from outsourcer.hiring.access import access_reference
from outsourcer.hiring.models import CompanyCheck, ReferenceCheck
from outsourcer.hiring.services.company_checks import MAX_NOTE, MAX_URL

router = Router(tags=["references"])

ReferenceStatusName = Literal["requested", "received", "expired"]
CheckItem = Literal["registration", "website", "portfolio", "insurance", "tax"]
CheckStatus = Literal["pending", "verified", "failed"]


class ReferenceIn(Schema):
    referee_name: Name
    referee_email: Text(254, min_length=3) = Field(examples=["pat@referee.example"])
    relationship: Text(200, min_length=1) = Field(examples=["Client for two years"])


class ReferenceOut(Schema):
    id: int
    engagement_id: int
    contractor_id: int
    contractor_name: str = Field(alias="contractor.name")
    referee_name: str
    referee_email: str
    relationship: str
    status: ReferenceStatusName
    requested_by_name: str | None
    requested_at: datetime
    expires_at: datetime
    reminded_at: datetime | None
    received_at: datetime | None
    worked_together_months: int | None
    reliability: int | None = Field(description="1–5, once received")
    quality: int | None = Field(description="1–5, once received")
    communication: int | None = Field(description="1–5, once received")
    would_hire_again: bool | None
    comments: str

    @staticmethod
    def resolve_requested_by_name(obj) -> str | None:
        return obj.requested_by.display_name if obj.requested_by else None


class CompanyCheckOut(Schema):
    item: CheckItem
    label: str
    status: CheckStatus
    note: str
    evidence_url: str
    has_evidence_file: bool
    verified_by_name: str | None = Field(description="Who last set it verified or failed")
    verified_at: datetime | None

    @staticmethod
    def resolve_label(obj) -> str:
        return obj.get_item_display()

    @staticmethod
    def resolve_has_evidence_file(obj) -> bool:
        return bool(obj.evidence)

    @staticmethod
    def resolve_verified_by_name(obj) -> str | None:
        return obj.verified_by.display_name if obj.verified_by else None


class CompanyCheckIn(Schema):
    status: CheckStatus
    note: Text(MAX_NOTE, multiline=True) | None = Field(None, description="Omitted: kept as it is")
    evidence_url: Text(MAX_URL) | None = Field(None, description="http(s) link; omitted: kept; empty: removed")


def _reference(reference: ReferenceCheck) -> ReferenceCheck:
    return ReferenceCheck.objects.select_related("contractor", "requested_by").get(pk=reference.pk)


@router.get(
    "/contractors/{engagement_id}/references",
    operation_id="reference_list",
    response=with_errors({200: list[ReferenceOut]}),
)
@paginated
def reference_list(request: HttpRequest, engagement_id: ObjectId):
    ctx = org_context(request, "contractor.view")
    return selectors.reference_list_for_engagement(engagement=access_engagement(ctx, engagement_id))


@router.post(
    "/contractors/{engagement_id}/references",
    operation_id="reference_request",
    response=with_errors({201: ReferenceOut}, write=True),
)
def reference_request(request: HttpRequest, engagement_id: ObjectId, payload: ReferenceIn):
    """E-mails the referee a single-use questionnaire link; a prospect engagement moves to vetting."""
    ctx = org_context(request, "reference.manage")
    engagement = access_engagement(ctx, engagement_id)
    access_not_own_work(ctx, engagement.contractor)
    reference = services.reference_request(engagement=engagement, actor=ctx.user, **payload.model_dump())
    return Status(201, _reference(reference))


@router.get("/references/{reference_id}", operation_id="reference_get", response=with_errors({200: ReferenceOut}))
def reference_get(request: HttpRequest, reference_id: ObjectId):
    ctx = org_context(request, "contractor.view")
    return _reference(access_reference(ctx, reference_id))


@router.get(
    "/contractors/{engagement_id}/company-checks",
    operation_id="company_check_list",
    response=with_errors({200: list[CompanyCheckOut]}),
)
def company_check_list(request: HttpRequest, engagement_id: ObjectId):
    """Every checklist item, in order; items never checked answer status "pending"."""
    ctx = org_context(request, "contractor.view")
    return selectors.company_check_list_for_engagement(engagement=access_engagement(ctx, engagement_id))


@router.patch(
    "/contractors/{engagement_id}/company-checks/{item}",
    operation_id="company_check_update",
    response=with_errors({200: CompanyCheckOut}, write=True),
)
def company_check_update(request: HttpRequest, engagement_id: ObjectId, item: CheckItem, payload: CompanyCheckIn):
    ctx = org_context(request, "company_check.manage")
    engagement = access_engagement(ctx, engagement_id)
    access_not_own_work(ctx, engagement.contractor)
    current = selectors.company_check_get(engagement=engagement, item=item) or CompanyCheck()
    check = services.company_check_update(
        engagement=engagement,
        item=item,
        actor=ctx.user,
        status=payload.status,
        note=current.note if payload.note is None else payload.note,
        evidence_url=current.evidence_url if payload.evidence_url is None else payload.evidence_url,
    )
    return CompanyCheck.objects.select_related("verified_by").get(pk=check.pk)
