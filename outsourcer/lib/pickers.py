"""The one time-zone picker and the one currency picker every form uses.

A text input tied to a <datalist>: the browser filters the readable labels as one types ("lisb",
"euro", "Portugal"), works with the keyboard and on a phone, and needs no script. The input shows
the label ("Europe/Lisbon — Lisbon, Portugal (UTC+0)"); the field turns it — or a bare name, an
alias, a code in any case, a city or a currency name — back into the stored value, and refuses
anything else next to the input, keeping what was typed.
"""

from collections.abc import Callable, Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from outsourcer.lib.currencies import CURRENCY_CHOICES, currency_for_locale, currency_from_text, currency_label
from outsourcer.lib.timezones import time_zone_choices, time_zone_from_text
from outsourcer.lib.validation import CURRENCY, TIME_ZONE


class PickerInput(forms.TextInput):
    """A text input with a datalist of `(value, label)` options; shows labels, posts what is typed."""

    def __init__(self, options: Callable[[], Iterable[tuple[str, str]]], attrs=None):
        base = {"autocomplete": "off", "spellcheck": "false", "autocapitalize": "off", "class": "picker"}
        super().__init__(attrs={**base, **(attrs or {})})
        self.options = options

    def format_value(self, value):
        # A stored value ("Europe/Lisbon") shows as its label; what someone typed stays as typed.
        if not value:
            return super().format_value(value)
        return dict(self.options()).get(value, value)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {})}
        list_id = f"{attrs.get('id') or name}_options"
        attrs["list"] = list_id
        html = super().render(name, value, attrs, renderer)
        options = format_html_join("", '<option value="{}"></option>', ((label,) for _, label in self.options()))
        html = format_html('{}<datalist id="{}">{}</datalist>', html, list_id, options)
        if attrs.get("data-guess") or self.attrs.get("data-guess"):
            # static/js/guess.js fills an empty input from the browser and says so here.
            html = format_html(
                '{}<small class="help guess" id="{}_guess" aria-live="polite" hidden></small>',
                html,
                attrs.get("id") or name,
            )
        return html


def _zone_options() -> tuple[tuple[str, str], ...]:
    # Offsets as on today's date where the viewer is: summer and winter time differ.
    return time_zone_choices(timezone.localdate())


class TimeZoneField(forms.CharField):
    """A listed time zone, picked by name, alias, city or label; cleans to the zone's name."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("label", "Time zone")
        super().__init__(widget=PickerInput(_zone_options, attrs=kwargs.pop("attrs", None)), **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return ""
        zone = time_zone_from_text(text)
        if zone is None:
            raise ValidationError(TIME_ZONE, code="invalid")
        return zone


class CurrencyField(forms.CharField):
    """An ISO 4217 currency, picked by code, name or label ("EUR — euro"); cleans to the code."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 60)
        kwargs.setdefault("initial", "EUR")
        super().__init__(widget=PickerInput(lambda: CURRENCY_CHOICES, attrs=kwargs.pop("attrs", None)), **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return ""
        code = currency_from_text(text)
        if code is None:
            raise ValidationError(CURRENCY, code="invalid")
        return code


def currency_guess(request: HttpRequest) -> tuple[str, str] | None:
    """(currency, language tag) guessed from the browser's first language ("pt-PT" → EUR), or None."""
    tag = request.headers.get("Accept-Language", "").split(",")[0].split(";")[0].strip()
    code = currency_for_locale(tag) if tag else None
    return (code, tag) if code else None


def guess_currency_into(form: forms.Form, request: HttpRequest, field: str = "currency") -> None:
    """Pre-fill an unbound form's currency with the browser's guess, and say so next to the field."""
    guess = currency_guess(request)
    if guess is None or form.is_bound:
        return
    code, tag = guess
    form.initial[field] = code
    said = f"We guessed {currency_label(code)} from your browser's language ({tag}). Change it if it is wrong."
    form.fields[field].help_text = f"{said} {form.fields[field].help_text}".strip()
