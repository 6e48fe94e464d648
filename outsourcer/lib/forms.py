"""What every HTML form view does the same way: bind POST data, call a service, answer 400."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from outsourcer.lib.errors import DomainError


def post_data(request: HttpRequest):
    """The data to bind a form to: the POST body on a POST (even an empty one), else None."""
    # `request.POST or None` would treat an empty submission as "no submission" and skip validation.
    return request.POST if request.method == "POST" else None


def form_save[T](form, save: Callable[[], T]) -> T | None:
    """`save()`'s result when the bound form is valid; None when it is unbound or invalid, or when
    the service refuses (its DomainError is then shown on the form by `form.apply_service_error`)."""
    if not (form.is_bound and form.is_valid()):
        return None
    try:
        return save()
    except DomainError as exc:
        form.apply_service_error(exc)
        return None


def form_page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """Render a form page: 400 when `context["form"]` has errors, so tests and clients see the refusal."""
    return render(request, template, context, status=400 if context["form"].errors else 200)
