"""lib/text.py and lib/errors.py: the small helpers every form and service leans on."""

import pytest
from django import forms

from outsourcer.lib.errors import DomainError, FieldErrors, OverrideRequired, apply_to_form
from outsourcer.lib.text import NUL_FREE, has_nul, normalize_skills


@pytest.mark.parametrize(("value", "expected"), [("a\x00b", True), ("\x00", True), ("abc", False), ("", False)])
def test_has_nul(value, expected):
    assert has_nul(value) is expected


def test_has_nul_accepts_none():
    assert has_nul(None) is False


def test_the_nul_free_pattern_matches_text_without_nul():
    import re

    assert re.match(NUL_FREE, "any text, even empty") and re.match(NUL_FREE, "")
    assert not re.match(NUL_FREE, "a\x00b")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Design,  PHOTO , design", "design, photo"),
        (["Web   Design", " python", "Python", ""], "web design, python"),
        ("", ""),
        (None, ""),
        (",, ,", ""),
        ([3, "3"], "3"),
    ],
)
def test_normalize_skills(raw, expected):
    assert normalize_skills(raw) == expected


def test_a_domain_error_carries_its_message_field_and_code():
    error = DomainError("Budget is closed.", field="budget", code="closed")

    assert (str(error), error.message, error.field, error.code, error.status_code) == (
        "Budget is closed.",
        "Budget is closed.",
        "budget",
        "closed",
        400,
    )
    assert (DomainError("x").field, DomainError("x").code) == (None, "invalid")


def test_an_override_is_a_409_about_the_reason():
    error = OverrideRequired("Over budget.", code="over_budget", details={"over_cents": 5})

    assert isinstance(error, DomainError)
    assert (error.message, error.field, error.code, error.status_code, error.details) == (
        "Over budget.",
        "override_reason",
        "over_budget",
        409,
        {"over_cents": 5},
    )
    assert OverrideRequired("x").code == "override_required" and OverrideRequired("x").details == {}


def test_field_errors_lead_with_the_first_field():
    error = FieldErrors({"name": "Give it a name.", "amount_cents": "Enter an amount."})

    assert (error.message, error.field, error.code, error.status_code) == ("Give it a name.", "name", "invalid", 400)
    assert error.errors == {"name": "Give it a name.", "amount_cents": "Enter an amount."}


class _Form(forms.Form):
    name = forms.CharField(required=False)


def test_apply_to_form_puts_each_message_by_its_field_or_on_top():
    form = _Form(data={})
    assert form.is_valid()

    apply_to_form(form, FieldErrors({"name": "Taken.", "ghost": "Not a field here."}))
    apply_to_form(form, DomainError("Something else."))

    assert form.errors["name"] == ["Taken."]
    assert form.non_field_errors() == ["Not a field here.", "Something else."]
