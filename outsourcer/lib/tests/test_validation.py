from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outsourcer.lib.errors import DomainError, FieldErrors
from outsourcer.lib.validation import CURRENCY, EMAIL, TIME_ZONE, Errors, is_whole


def _raised(errors: Errors) -> dict[str, str]:
    with pytest.raises(FieldErrors) as caught:
        errors.raise_if_any()
    return caught.value.errors


def test_it_reports_every_field_at_once():
    errors = Errors()
    errors.text("", field="name", label="Name", max_length=10)
    errors.integer(-1, field="amount_cents", label="Amount")
    errors.day("2020-01-01", field="starts_on", label="Start date")
    errors.currency("XXQ")
    errors.time_zone("Mars/Olympus")
    errors.email("not-an-address")

    assert _raised(errors) == {
        "name": "Name is required.",
        "amount_cents": "Amount cannot be negative.",
        "starts_on": "Start date must be a date.",
        "currency": CURRENCY,
        "time_zone": TIME_ZONE,
        "email": EMAIL,
    }


def test_it_raises_nothing_without_errors():
    errors = Errors()
    assert errors.text(" Ana ", field="name", label="Name", max_length=10) == "Ana"
    assert errors.currency(" eur ") == "EUR"
    assert errors.time_zone("Europe/Berlin") == "Europe/Berlin"
    assert errors.email(" Ana@Example.COM ") == "ana@example.com"
    assert errors.day(date(2026, 3, 1), field="d", label="Day") == date(2026, 3, 1)
    assert not errors
    errors.raise_if_any()


def test_it_keeps_the_first_message_for_a_field():
    errors = Errors()
    errors.add("name", "first")
    errors.add("name", "second")
    assert errors.errors == {"name": "first"}
    errors.replace("name", "specific")
    assert errors.errors == {"name": "specific"}


def test_it_merges_nested_items_under_a_prefix():
    errors, item = Errors(), Errors()
    item.text("", field="title", label="Title", max_length=5)
    errors.merge(item, prefix="milestones.2.")
    assert errors.errors == {"milestones.2.title": "Title is required."}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("a\x00b", "Name contains a character that is not allowed."),
        ("x" * 11, "Name: at most 10 characters."),
        (3, "Name must be text."),
    ],
)
def test_it_rejects_bad_text(value, message):
    errors = Errors()
    errors.text(value, field="name", label="Name", max_length=10)
    assert errors.errors == {"name": message}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "Hours is required."),
        (True, "Hours must be a whole number."),
        (1.5, "Hours must be a whole number."),
        (0, "Hours must be at least 1."),
        (11, "Hours: at most 10."),
    ],
)
def test_it_rejects_bad_integers(value, message):
    errors = Errors()
    errors.integer(value, field="hours", label="Hours", minimum=1, maximum=10)
    assert errors.errors == {"hours": message}


def test_a_custom_message_replaces_every_generic_integer_wording():
    for value in (None, "7", -1, 99):
        errors = Errors()
        errors.integer(value, field="n", label="N", maximum=10, message="Between 0 and 10.")
        assert errors.errors == {"n": "Between 0 and 10."}


def test_it_limits_money_dates():
    errors = Errors()
    errors.day(date(1999, 12, 31), field="d", label="Day")
    assert errors.errors == {"d": "Day must be between 2000 and 2099."}


def test_an_optional_value_may_be_missing():
    errors = Errors()
    assert errors.integer(None, field="n", label="N", required=False) is None
    assert errors.day(None, field="d", label="D", required=False) is None
    assert errors.email("", required=False) == ""
    assert errors.text(None, field="t", label="T", max_length=3, required=False) == ""
    assert not errors


def test_a_choice_must_be_one_of_the_offered():
    errors = Errors()
    assert errors.choice("a", field="kind", choices=["a", "b"], message="Choose a or b.") == "a"
    errors.choice("c", field="kind", choices=["a", "b"], message="Choose a or b.")
    assert errors.errors == {"kind": "Choose a or b."}


def test_the_raised_error_names_its_first_field():
    errors = Errors()
    errors.add("b", "B is wrong.")
    errors.add("a", "A is wrong.")
    error = pytest.raises(DomainError, errors.raise_if_any).value
    assert (error.field, error.message) == ("b", "B is wrong.")
    assert error.field_errors == {"b": "B is wrong.", "a": "A is wrong."}


@given(st.integers(min_value=-(10**6), max_value=10**6), st.integers(0, 100), st.integers(100, 1000))
def test_an_integer_is_accepted_exactly_when_it_is_in_range(value, low, high):
    errors = Errors()
    assert errors.integer(value, field="n", label="N", minimum=low, maximum=high) == value
    assert ("n" not in errors) == (low <= value <= high)


@given(st.text(max_size=30), st.integers(1, 20))
def test_text_is_accepted_exactly_when_short_enough_and_nul_free(value, max_length):
    errors = Errors()
    cleaned = errors.text(value, field="t", label="T", max_length=max_length, required=False)
    assert cleaned == value.strip()
    assert ("t" not in errors) == ("\x00" not in cleaned and len(cleaned) <= max_length)


@given(st.one_of(st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=3), st.none()))
def test_is_whole_means_int_but_not_bool(value):
    assert is_whole(value) == (type(value) is int)
