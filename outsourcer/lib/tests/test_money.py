"""lib/money.py: parsing what people type, the two ways amounts are shown, and the half-up rule.

Written against mutants (`make mutation`): every message, sign, boundary and exponent is
asserted exactly, with currencies of 0, 2 and 3 decimals."""

from decimal import Decimal

import pytest

from outsourcer.lib.money import (
    SYMBOLS,
    MoneyError,
    amount_text,
    cents_for_minutes,
    format_money,
    parse_amount,
    round_half_up,
    to_decimal,
)

ENTER_AN_AMOUNT = "Enter an amount such as 1200 or 1200.50."


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0.5", 1), ("-0.5", -1), ("1.4999", 1), ("2.5", 3), ("-2.5", -3), ("-2.4", -2), ("0", 0), ("7", 7)],
)
def test_round_half_up_rounds_halves_away_from_zero(value, expected):
    assert round_half_up(Decimal(value)) == expected


@pytest.mark.parametrize(
    ("minutes", "rate", "expected"), [(60, 4999, 4999), (30, 1, 1), (29, 1, 0), (1, 60, 1), (90, 6000, 9000)]
)
def test_cents_for_minutes(minutes, rate, expected):
    assert cents_for_minutes(minutes, rate) == expected


@pytest.mark.parametrize(
    ("text", "currency", "expected"),
    [
        ("1,200.50", "EUR", 120_050),
        ("1200", "EUR", 120_000),
        (" 1 200.5 ", "EUR", 120_050),
        ("1_000", "EUR", 100_000),
        ("1__000", "EUR", 100_000),  # underscores anywhere are ignored, as people type them
        ("_5", "EUR", 500),
        ("12.50", "EUR", 1_250),
        ("0.500", "EUR", 50),  # trailing zeros are not extra precision
        ("45,50", "EUR", 4_550),  # a decimal comma is a decimal separator
        ("12,50", "EUR", 1_250),
        ("7,5", "EUR", 750),
        (",5", "EUR", 50),
        ("1,250.00", "EUR", 125_000),
        ("1.250,00", "EUR", 125_000),
        ("1 250,00", "EUR", 125_000),
        ("1\u00a0250,00", "EUR", 125_000),
        ("1.234.567,89", "EUR", 123_456_789),
        ("0,250", "EUR", 25),  # a leading zero never groups thousands
        ("1250,5", "EUR", 125_050),  # four digits before the separator cannot be a group
        ("+5", "EUR", 500),
        ("1,250", "JPY", 1_250),  # no minor units: three digits after a separator are thousands
        ("1.250", "JPY", 1_250),
        ("0.01", "EUR", 1),
        ("0", "EUR", 0),
        ("-5", "EUR", -500),
        ("1,234,567", "JPY", 1_234_567),
        ("12.", "JPY", 12),
        ("1.234", "KWD", 1_234),  # how three-decimal amounts are written (and exported)
        ("1.234,567", "KWD", 1_234_567),
        ("0.001", "KWD", 1),
        ("1,000.5", "BHD", 1_000_500),
    ],
)
def test_parse_amount_reads_minor_units(text, currency, expected):
    assert parse_amount(text, currency) == expected


@pytest.mark.parametrize(
    ("text", "currency", "message"),
    [
        ("12.3456", "EUR", "EUR amounts have at most 2 decimal places."),
        ("1,250", "EUR", "“1,250” is ambiguous: did you mean 1,250.00 or 1.25?"),
        ("1.250", "EUR", "“1.250” is ambiguous: did you mean 1,250.00 or 1.25?"),
        (" 12.500 ", "USD", "“12.500” is ambiguous: did you mean 12,500.00 or 12.50?"),
        ("1,234", "EUR", "“1,234” is ambiguous: did you mean 1,234.00?"),
        ("1,234", "KWD", "“1,234” is ambiguous: did you mean 1,234.000 or 1.234?"),
        ("-1,250", "EUR", "“-1,250” is ambiguous: did you mean -1,250.00 or -1.25?"),
        ("1e3", "EUR", ENTER_AN_AMOUNT),
        ("1,250,00", "EUR", ENTER_AN_AMOUNT),
        ("1.250,000.00", "EUR", ENTER_AN_AMOUNT),  # one thousands separator per amount
        ("1,250.000,00", "EUR", ENTER_AN_AMOUNT),
        ("1,25.00", "EUR", ENTER_AN_AMOUNT),
        ("1 25", "EUR", ENTER_AN_AMOUNT),
        ("1.250.000,5.0", "EUR", ENTER_AN_AMOUNT),
        ("-", "EUR", ENTER_AN_AMOUNT),
        (".", "EUR", ENTER_AN_AMOUNT),
        ("0.001", "USD", "USD amounts have at most 2 decimal places."),
        ("12.5", "JPY", "JPY amounts have at most 0 decimal places."),
        ("1.2345", "KWD", "KWD amounts have at most 3 decimal places."),
        ("abc", "EUR", ENTER_AN_AMOUNT),
        ("", "EUR", ENTER_AN_AMOUNT),
        (None, "EUR", ENTER_AN_AMOUNT),
        ("1.2.3", "EUR", ENTER_AN_AMOUNT),
        ("1,2,3", "EUR", ENTER_AN_AMOUNT),
        ("NaN", "EUR", ENTER_AN_AMOUNT),
        ("Infinity", "EUR", ENTER_AN_AMOUNT),
        ("-inf", "EUR", ENTER_AN_AMOUNT),
        ("12", "eur", "“eur” is not an ISO 4217 currency code."),
        ("12", "EURO", "“EURO” is not an ISO 4217 currency code."),
        ("12", "", "“” is not an ISO 4217 currency code."),
    ],
)
def test_parse_amount_refuses_with_a_message(text, currency, message):
    with pytest.raises(MoneyError) as error:
        parse_amount(text, currency)

    assert str(error.value) == message


def test_money_errors_are_value_errors():
    assert issubclass(MoneyError, ValueError)


@pytest.mark.parametrize(
    ("cents", "currency", "expected"),
    [(120_050, "EUR", Decimal("1200.50")), (1_200, "JPY", Decimal("1200")), (1_234, "KWD", Decimal("1.234"))],
)
def test_to_decimal_keeps_the_currencys_places(cents, currency, expected):
    value = to_decimal(cents, currency)

    assert value == expected and str(value) == str(expected)


@pytest.mark.parametrize(
    ("cents", "currency", "expected"),
    [
        (120_050, "EUR", "1200.50"),
        (123_456_789, "EUR", "1234567.89"),  # no grouping: form fields and CSV read it back
        (5, "EUR", "0.05"),
        (-5, "EUR", "-0.05"),
        (0, "EUR", "0.00"),
        (1_200, "JPY", "1200"),
        (1_234, "KWD", "1.234"),
        (-1, "KWD", "-0.001"),
    ],
)
def test_amount_text_is_plain(cents, currency, expected):
    assert amount_text(cents, currency) == expected


@pytest.mark.parametrize(
    ("cents", "currency", "expected"),
    [
        (None, "EUR", "—"),
        (120_050, "EUR", "€1,200.50"),
        (-3_000, "EUR", "-€30.00"),
        (-1, "EUR", "-€0.01"),
        (1, "EUR", "€0.01"),
        (0, "EUR", "€0.00"),
        (123_456_789, "USD", "$1,234,567.89"),
        (999, "GBP", "£9.99"),
        (1_234_567, "JPY", "¥1,234,567"),
        (-500, "JPY", "-¥500"),
        (100, "CHF", "CHF 1.00"),
        (250_000, "INR", "₹2,500.00"),
        (120_050, "SEK", "1,200.50 SEK"),
        (-120_050, "SEK", "-1,200.50 SEK"),
        (1_234_567, "KWD", "1,234.567 KWD"),
        (0, "KRW", "0 KRW"),
    ],
)
def test_format_money_for_people(cents, currency, expected):
    assert format_money(cents, currency) == expected


def test_every_symbol_is_used():
    assert {code: format_money(100, code)[: len(symbol)] for code, symbol in SYMBOLS.items()} == SYMBOLS
