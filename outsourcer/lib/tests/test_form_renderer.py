"""The project's form renderer writes `<select>` in Python; the HTML must be what Django's
templates write, character for character, for every kind of select the forms use."""

from datetime import date

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from outsourcer.lib.forms import FormRenderer

CHOICES = [
    ("", "Any contractor"),
    (1, "Ada <Lovelace> & Co."),
    (2, "Quote \" and ' apostrophe"),
    ("x&y", mark_safe("<b>safe</b>")),
    (3, gettext_lazy("Lazy label")),
    (4, 1234567),
    (5, date(2026, 12, 3)),
]
GROUPED = [("", "None"), ("Group <one>", [(1, "One"), (2, "Two")]), ("Second", [("a", "A")])]


class Sample(forms.Form):
    plain = forms.ChoiceField(choices=CHOICES, required=False)
    typed = forms.TypedChoiceField(choices=CHOICES, coerce=int, required=False, empty_value=None)
    grouped = forms.ChoiceField(choices=GROUPED)
    many = forms.MultipleChoiceField(choices=CHOICES, required=False)
    attrs = forms.ChoiceField(
        choices=CHOICES,
        widget=forms.Select(attrs={"hx-get": "/a?b=1&c=<2>", "disabled": True, "data-off": False, "data-n": 3}),
    )
    radio = forms.ChoiceField(choices=CHOICES[:3], widget=forms.RadioSelect)


def _bound_forms(renderer):
    yield Sample(renderer=renderer)
    yield Sample({"plain": "1", "typed": "2", "grouped": "a", "many": ["1", "x&y"], "attrs": "5"}, renderer=renderer)
    yield Sample({"plain": "nope", "many": ["nope"]}, auto_id="filter_%s", renderer=renderer)
    yield Sample(initial={"plain": 4, "grouped": 2}, prefix="p", renderer=renderer)


def test_the_project_uses_it():
    assert settings.FORM_RENDERER == "outsourcer.lib.forms.FormRenderer"


@pytest.mark.parametrize("field", [name for name in Sample.base_fields])
def test_every_select_is_the_templates_html(field):
    ours = [str(form[field]) for form in _bound_forms(FormRenderer())]
    django = [str(form[field]) for form in _bound_forms(DjangoTemplates())]
    assert ours == django
    assert all(html.strip() for html in ours)


def test_a_select_with_its_own_option_template_goes_through_the_templates():
    class OwnOption(forms.Select):
        option_template_name = "django/forms/widgets/radio_option.html"

    field = forms.ChoiceField(choices=CHOICES, widget=OwnOption)
    form_class = type("F", (forms.Form,), {"f": field})
    assert str(form_class(renderer=FormRenderer())["f"]) == str(form_class(renderer=DjangoTemplates())["f"])


class Inputs(forms.Form):
    text = forms.CharField(max_length=20, help_text="Help")
    amp = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"placeholder": 'a "b" <c> & d', "autofocus": True})
    )
    number = forms.IntegerField(required=False, min_value=1)
    decimal = forms.DecimalField(required=False, decimal_places=2)
    email = forms.EmailField(required=False)
    url = forms.URLField(required=False)
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    moment = forms.DateTimeField(required=False)
    clock = forms.TimeField(required=False)
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    tick = forms.BooleanField(required=False)
    upload = forms.FileField(required=False)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3, "data-off": False}))
    safe_note = forms.CharField(required=False, widget=forms.Textarea, initial=mark_safe("<b>kept</b>"))


def _input_forms(renderer):
    yield Inputs(renderer=renderer)
    yield Inputs(
        {
            "text": "x" * 30,  # too long: the field shows its error list
            "amp": "<script>&amp;",
            "number": "0",
            "decimal": "1.5",
            "email": "not an e-mail",
            "day": "2026-12-03",
            "moment": "2026-12-03 10:00",
            "clock": "09:30",
            "hidden": 'q"uote',
            "secret": "s3<cret",
            "tick": "on",
            "note": "Line one\nLine <two> & three",
        },
        renderer=renderer,
    )
    yield Inputs(
        initial={"number": 1234567, "day": date(2026, 12, 3), "note": "", "tick": True}, prefix="p", renderer=renderer
    )


@pytest.mark.parametrize("field", [name for name in Inputs.base_fields])
def test_every_input_textarea_and_error_list_is_the_templates_html(field):
    ours = [(str(form[field]), str(form[field].errors)) for form in _input_forms(FormRenderer())]
    django = [(str(form[field]), str(form[field].errors)) for form in _input_forms(DjangoTemplates())]
    assert ours == django
    assert all(html.strip() for html, _ in ours)
