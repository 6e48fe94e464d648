"""API: who am I, my organizations, the organization's members."""

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema

from outsourcer.accounts.decorators import current_org_slug
from outsourcer.accounts.models import Membership
from outsourcer.accounts.selectors import membership_list_for_organization
from outsourcer.api.auth import caller_token, org_context
from outsourcer.api.errors import with_errors
from outsourcer.api.pagination import paginated
from outsourcer.home.workspace import workspace_for_user

router = Router(tags=["accounts"])


class OrganizationOut(Schema):
    id: int = Field(alias="organization.id")
    slug: str = Field(alias="organization.slug")
    name: str = Field(alias="organization.name")
    currency: str = Field(alias="organization.currency")
    time_zone: str = Field(alias="organization.time_zone")
    role: str


class ScopeOut(Schema):
    kind: Literal["organization", "portal", "session"]
    organization: str | None = Field(None, description="Slug of the organization a token or session works in")


class MeOut(Schema):
    id: int
    email: str
    name: str
    time_zone: str
    is_contractor: bool
    organizations: list[OrganizationOut]
    scope: ScopeOut


class MemberOut(Schema):
    id: int
    user_id: int
    name: str = Field(alias="user.name")
    email: str = Field(alias="user.email")
    role: str
    joined_at: datetime = Field(alias="created_at")


def _visible_memberships(request: HttpRequest) -> list[Membership]:
    # A token scoped to one organization tells nothing about the caller's other organizations;
    # a portal token tells about none.
    memberships = workspace_for_user(request.auth).memberships
    token = caller_token(request)
    if token is None:
        return memberships
    return [m for m in memberships if m.organization_id == token.organization_id]


def _scope(request: HttpRequest) -> dict:
    token = caller_token(request)
    if token is None:
        return {"kind": "session", "organization": current_org_slug(request) or None}
    if token.organization_id is None:
        return {"kind": "portal", "organization": None}
    return {"kind": "organization", "organization": token.organization.slug}


@router.get("/me", operation_id="account_get", response=with_errors({200: MeOut}))
def me(request: HttpRequest):
    user = request.auth
    return {
        "id": user.pk,
        "email": user.email,
        "name": user.name,
        "time_zone": user.time_zone,
        "is_contractor": workspace_for_user(user).is_contractor,
        "organizations": _visible_memberships(request),
        "scope": _scope(request),
    }


@router.get("/organizations", operation_id="organization_list", response=with_errors({200: list[OrganizationOut]}))
@paginated
def organization_list(request: HttpRequest):
    return _visible_memberships(request)


@router.get("/members", operation_id="member_list", response=with_errors({200: list[MemberOut]}))
@paginated
def member_list(request: HttpRequest):
    ctx = org_context(request, "member.view")
    return membership_list_for_organization(organization=ctx.organization)
