"""lib/pickers.py and lib/currencies.py: the one time-zone picker and the one currency picker."""

import pytest
from django import forms

from outsourcer.lib.currencies import CURRENCY_CHOICES, currency_for_locale, currency_from_text, currency_label
from outsourcer.lib.pickers import CurrencyField, TimeZoneField


class PickerForm(forms.Form):
    time_zone = TimeZoneField()
    currency = CurrencyField()


def test_currencies_read_as_code_and_name():
    assert currency_label("EUR") == "EUR — euro"
    assert ("CHF", "CHF — Swiss franc") in CURRENCY_CHOICES
    assert all(label != code for code, label in CURRENCY_CHOICES)


@pytest.mark.parametrize(
    ("typed", "code"),
    [("EUR — euro", "EUR"), ("eur", "EUR"), ("Swiss franc", "CHF"), ("  usd ", "USD"), ("XYZ", None), ("", None)],
)
def test_what_people_type_reads_as_a_currency(typed, code):
    assert currency_from_text(typed) == code


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("pt-PT", "EUR"),
        ("en-US", "USD"),
        ("en_GB", "GBP"),
        ("de", "EUR"),
        ("ja", "JPY"),
        ("en", None),
        ("es-419", None),
    ],
)
def test_a_browser_language_points_at_a_currency(tag, code):
    assert currency_for_locale(tag) == code


def test_the_picker_offers_readable_labels_in_a_datalist():
    html = str(PickerForm(initial={"time_zone": "Europe/Lisbon", "currency": "EUR"}))

    assert 'list="id_time_zone_options"' in html and '<datalist id="id_time_zone_options">' in html
    assert 'value="Europe/Lisbon — Lisbon, Portugal (UTC+' in html
    assert 'value="EUR — euro"' in html and '<option value="CHF — Swiss franc"></option>' in html
    assert "Factory" not in html and "localtime" not in html


def test_it_cleans_labels_names_and_cities_to_stored_values():
    form = PickerForm({"time_zone": "Europe/Lisbon — Lisbon, Portugal (UTC+0)", "currency": "euro"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"time_zone": "Europe/Lisbon", "currency": "EUR"}
    assert PickerForm({"time_zone": "lisbon", "currency": "usd"}).is_valid()


def test_it_refuses_an_unknown_value_next_to_the_field_and_keeps_what_was_typed():
    form = PickerForm({"time_zone": "Factory", "currency": "Doubloons"})

    assert not form.is_valid()
    assert form.errors["time_zone"] == ["Choose a time zone such as Europe/Berlin or America/New_York."]
    assert form.errors["currency"] == ["Choose an ISO 4217 currency such as EUR or USD."]
    html = str(form)
    assert 'value="Factory"' in html and 'value="Doubloons"' in html
