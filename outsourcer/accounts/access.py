"""Access helpers: resolve what the caller may see, scoped in the query. Foreign objects → 404."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from outsourcer.accounts.models import Membership, Organization, User
from outsourcer.accounts.roles import role_may
from outsourcer.accounts.selectors import membership_for_user


@dataclass(frozen=True)
class OrgContext:
    organization: Organization
    membership: Membership
    user: User

    @property
    def role(self) -> str:
        return self.membership.role

    def may(self, action: str) -> bool:
        return role_may(self.role, action)


def _org_context(user: User, action: str, *, organization_id: int | None = None, slug: str | None = None) -> OrgContext:
    if not user.is_authenticated:
        raise Http404
    membership = membership_for_user(user_id=user.pk, organization_id=organization_id, slug=slug)
    if membership is None:
        raise Http404
    if not role_may(membership.role, action):
        raise PermissionDenied
    return OrgContext(organization=membership.organization, membership=membership, user=user)


def access_organization(user: User, org_slug: str, *, action: str = "org.view") -> OrgContext:
    """Return the caller's context in the organization; 404 when not a member, 403 when the role
    may not perform `action`."""
    return _org_context(user, action, slug=org_slug)


def access_organization_by_id(user: User, organization_id: int, *, action: str = "org.view") -> OrgContext:
    """Same as `access_organization`, by primary key (used by API tokens scoped to one organization)."""
    return _org_context(user, action, organization_id=organization_id)
