"""Access helpers for contractors: organizations see them only through their engagement."""

from outsourcer.accounts.access import OrgContext
from outsourcer.accounts.models import User
from outsourcer.contractors.models import Contractor, Engagement
from outsourcer.contractors.selectors import contractor_for_user
from outsourcer.lib.access import one_or_404


def access_engagement(ctx: OrgContext, engagement_id: int) -> Engagement:
    """The organization's engagement with its contractor, or 404 (foreign or missing)."""
    return one_or_404(
        Engagement.objects.select_related("contractor").filter(organization=ctx.organization, pk=engagement_id)
    )


def access_own_contractor(user: User) -> Contractor | None:
    """The caller's own contractor profile, or None when the account is not a contractor."""
    if not user.is_authenticated:
        return None
    return contractor_for_user(user_id=user.pk)


def access_engagement_contractor(ctx: OrgContext, engagement_id: int | None) -> Contractor | None:
    """The contractor behind an optional engagement id: None when not given, 404 when foreign."""
    return access_engagement(ctx, engagement_id).contractor if engagement_id else None


def access_engagement_contractor_id(ctx: OrgContext, engagement_id: int | None) -> int | None:
    """The contractor id behind an optional engagement filter: None when not given, 404 when foreign."""
    return access_engagement(ctx, engagement_id).contractor_id if engagement_id else None
