from django import template
from django.http import HttpRequest

from outsourcer.accounts.decorators import current_org_slug
from outsourcer.accounts.models import Membership
from outsourcer.home.workspace import Workspace

register = template.Library()


@register.filter
def remembered_membership(workspace: Workspace | str, request: HttpRequest) -> Membership | None:
    """The membership of the business the caller last opened (`current_org_slug`), for the
    pages outside any business (notifications, error pages): read from the nav's own membership
    list, so no query of its own. None when they last opened the portal or left that business."""
    # Signed out there is no workspace in the context: the template passes "" instead.
    slug = current_org_slug(request) if hasattr(request, "user") else None
    if not isinstance(workspace, Workspace) or not slug:
        return None
    return next((m for m in workspace.memberships if m.organization.slug == slug), None)


@register.filter
def last_opened(request: HttpRequest) -> str | None:
    """The slug of the business the caller last opened, "" for the contractor portal, None when unknown."""
    return current_org_slug(request) if hasattr(request, "user") else None
