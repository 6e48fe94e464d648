from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.http import require_http_methods

from outsourcer.accounts.decorators import remember_current_org
from outsourcer.contractors.access import access_own_contractor


def contractor_view(*, methods: tuple[str, ...] = ("GET",)) -> Callable:
    """View decorator for the contractor portal: login → method (else 405) → the caller's own
    contractor profile (else 404). Passes the Contractor as `contractor`, and remembers the portal
    as the caller's current place (a cookie: a GET writes nothing)."""

    def decorator(view: Callable) -> Callable:
        @login_required
        @require_http_methods(list(methods))
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            contractor = access_own_contractor(request.user)
            if contractor is None:
                raise Http404
            return remember_current_org(request, view(request, contractor, *args, **kwargs), "")

        return wrapper

    return decorator
