from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_http_methods

from outsourcer.accounts.access import access_organization


def org_view(action: str, *, methods: tuple[str, ...] = ("GET",)) -> Callable:
    """View decorator for `/o/<org_slug>/…` pages: login → allowed method (else 405) →
    membership (else 404) → role may `action` (else 403). Passes the OrgContext as `ctx`."""

    def decorator(view: Callable) -> Callable:
        @login_required
        @require_http_methods(list(methods))
        @wraps(view)
        def wrapper(request, org_slug: str, *args, **kwargs):
            ctx = access_organization(request.user, org_slug, action=action)
            request.org_ctx = ctx
            if request.session.get("current_org") != ctx.organization.slug:
                request.session["current_org"] = ctx.organization.slug
            return view(request, ctx, *args, **kwargs)

        return wrapper

    return decorator
