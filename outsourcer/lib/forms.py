"""What every HTML form view does the same way: bind POST data, call a service, answer 400."""

import html
from collections.abc import Callable

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData
from django.utils.timezone import template_localtime

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


class FormRenderer(DjangoTemplates):
    """Django's form renderer (FORM_RENDERER), but a `<select>` is written in Python: the template
    engine spent ~40 µs an option (an `{% include %}` and an attributes loop each), ~6 ms for one
    filter of 130 contractors, on every list page that filters by contractor or contract
    (docs/performance.md). So are `<input>` and `<textarea>` (three templates each: the widget's,
    input.html, attrs.html; ~0.3 ms a field, a third of a task page's form time) and a field's empty
    error list (a template that writes nothing). The HTML is the templates' own, character for
    character (lib/tests/test_form_renderer.py); a select with other option templates goes through
    them."""

    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            html = _select_html(context["widget"])
            if html is not None:
                return html
        elif template_name in INPUT_TEMPLATES:
            return _input_html(context["widget"])
        elif template_name == TEXTAREA_TEMPLATE:
            return _textarea_html(context["widget"])
        elif template_name in ERROR_LIST_TEMPLATES and not context["errors"]:
            return ""
        return super().render(template_name, context, request=request)


SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
# Django's widget templates that are `{% include "django/forms/widgets/input.html" %}` alone.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{kind}.html"
    for kind in (
        "checkbox", "color", "date", "datetime", "email", "file", "hidden",
        "number", "password", "search", "tel", "text", "time", "url",
    )
)  # fmt: skip
ERROR_LIST_TEMPLATES = frozenset({"django/forms/errors/list/default.html", "django/forms/errors/list/ul.html"})


def _text(value) -> str:
    # `{{ value }}` in a template (django.template.base.render_value_in_context). A plain str (not
    # a SafeString) is only escaped: the standard library's escape, which Django's wraps.
    if type(value) is str:
        return html.escape(value)
    value = localize(template_localtime(value))
    return conditional_escape(value if isinstance(value, str) else str(value))


def _formatted(value) -> str:
    # `{{ value|stringformat:'s' }}`: str(), escaped unless the value was safe.
    if type(value) is int:
        return str(value)
    text = str(value)
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs: dict) -> str:
    # django/forms/widgets/attrs.html
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _select_html(widget: dict) -> str | None:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION_TEMPLATE:
                return None
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_text(option['label'])}</option>\n"  # the option template's own line end
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _input_html(widget: dict) -> str:
    # django/forms/widgets/input.html (the renderer strips what the templates write)
    value = f' value="{_formatted(widget["value"])}"' if widget["value"] is not None else ""
    return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


def _textarea_html(widget: dict) -> str:
    # django/forms/widgets/textarea.html
    value = _text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'
