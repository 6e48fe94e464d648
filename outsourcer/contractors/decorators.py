from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.http import require_http_methods

from outsourcer.contractors.access import access_own_contractor


def contractor_view(*, methods: tuple[str, ...] = ("GET",)) -> Callable:
    """View decorator for the contractor portal: login → method (else 405) → the caller's own
    contractor profile (else 404). Passes the Contractor as `contractor`."""

    def decorator(view: Callable) -> Callable:
        @login_required
        @require_http_methods(list(methods))
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            contractor = access_own_contractor(request.user)
            if contractor is None:
                raise Http404
            request.session["current_org"] = ""
            return view(request, contractor, *args, **kwargs)

        return wrapper

    return decorator
