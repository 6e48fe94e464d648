"""The referee's questionnaire: no login, one page, one answer. The signed link is the only key, so
the page shows nothing but "<organization> asks about <contractor>" and the questions, links to
nothing in the app, is never cached, and sends no Referer (the token is in the URL)."""

from collections.abc import Callable
from functools import wraps

from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.utils.decorators import decorator_from_middleware
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from outsourcer.hiring import selectors, services
from outsourcer.hiring.forms.references import ReferenceAnswerForm
from outsourcer.hiring.selectors.references import LINK_ANSWERED, LINK_EXPIRED, LINK_OPEN
from outsourcer.lib.errors import DomainError
from outsourcer.lib.forms import post_data

FORM = "hiring/references/public_form.html"
DONE = "hiring/references/public_done.html"
GONE = "hiring/references/public_gone.html"
# An answered or expired link is gone for good (410); one that never worked is not found (404).
GONE_STATUS = {LINK_ANSWERED: 410, LINK_EXPIRED: 410}


def private_link(view: Callable) -> Callable:
    """A page reached by a secret link: never cached, never indexed, and no Referer sent onwards."""

    @never_cache
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


class _NullOriginCsrf(CsrfViewMiddleware):
    # With Referrer-Policy: no-referrer a browser sends `Origin: null` on the form's POST (Fetch
    # spec), which Django's origin check refuses. Here that one value is let past the origin check;
    # the CSRF cookie and form token must still match, so a forged POST still fails.
    def _origin_verified(self, request) -> bool:
        return request.META.get("HTTP_ORIGIN") == "null" or super()._origin_verified(request)


csrf_protect_null_origin = decorator_from_middleware(_NullOriginCsrf)


def _gone(request, link: selectors.ReferenceLink):
    return render(request, GONE, {"state": link.state}, status=GONE_STATUS.get(link.state, 404))


@csrf_exempt  # from the site-wide check only: csrf_protect_null_origin checks instead
@csrf_protect_null_origin
@require_http_methods(["GET", "POST"])
@private_link
def reference_answer(request, token: str):
    link = selectors.reference_from_token(token)
    if link.state != LINK_OPEN:
        return _gone(request, link)
    reference = link.reference
    form = ReferenceAnswerForm(post_data(request))
    if form.is_bound and form.is_valid():
        try:
            services.reference_answer(reference=reference, nonce=link.nonce, **form.answers())
        except DomainError as exc:
            if exc.code == "not_open":  # answered in another tab, or expired, since the page opened
                return _gone(request, selectors.reference_from_token(token))
            form.apply_service_error(exc)
        else:
            return render(request, DONE, {"reference": reference})
    context = {"reference": reference, "organization": reference.organization, "form": form}
    return render(request, FORM, context, status=400 if form.errors else 200)
