from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
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


def contractor_view(*, methods: tuple[str, ...] = ("GET",)) -> Callable:
    """View decorator for the contractor portal: login → method (else 405) → the caller's own
    contractor profile (else 404). Passes the Contractor as `contractor`."""

    def decorator(view: Callable) -> Callable:
        @login_required
        @require_http_methods(list(methods))
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            from outsourcer.contractors.access import access_own_contractor

            contractor = access_own_contractor(request.user)
            if contractor is None:
                raise Http404
            request.session["current_org"] = ""
            return view(request, contractor, *args, **kwargs)

        return wrapper

    return decorator
