"""Access helpers for contractors: organizations see them only through their engagement."""

from django.http import Http404

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.models import User
from outsourcer.contractors.models import Contractor, Engagement


def access_engagement(ctx: OrgContext, engagement_id: int) -> Engagement:
    """The organization's engagement with its contractor, or 404 (foreign or missing)."""
    engagement = (
        Engagement.objects.select_related("contractor").filter(organization=ctx.organization, pk=engagement_id).first()
    )
    if engagement is None:
        raise Http404
    return engagement


def access_own_contractor(user: User) -> Contractor | None:
    """The caller's own contractor profile, or None when the account is not a contractor."""
    if not user.is_authenticated:
        return None
    return Contractor.objects.filter(user=user).first()
