from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outsourcer.lib.durations import (
    clock_text,
    duration_text,
    hours_to_minutes,
    minutes_to_hours,
    parse_duration,
    parse_hours,
)


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(0, "0 h"), (None, "0 h"), (5, "0 h 05 min"), (90, "1 h 30 min"), (2400, "40 h"), (-125, "-2 h 05 min")],
)
def test_a_duration_reads_as_hours_and_minutes(minutes, text):
    assert duration_text(minutes) == text


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("2", 120),  # a bare number is hours
        ("90", 90 * 60),
        ("1.5", 90),
        ("1,5", 90),
        (".25", 15),
        ("0.01", 1),
        ("1.5h", 90),
        ("1:30", 90),
        ("90m", 90),
        ("1h 30m", 90),
        ("2h 15m", 135),
        ("2 h 15 min", 135),
        ("2h15", 135),
        ("2 hours 15 minutes", 135),
        ("2h", 120),
        ("45m", 45),
        ("45 min", 45),
        (" 0:05 ", 5),
    ],
)
def test_it_parses_what_people_type_for_time_worked(text, minutes):
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["", "1:75", "abc", "1.333", "1,5,0", "2h 75m", "-30", "12345", "1.5m", None])
def test_it_refuses_anything_else(text):
    assert parse_duration(text) is None


@pytest.mark.parametrize(
    ("text", "minutes"), [("7.5", 450), ("7,5", 450), ("0.01", 1), ("40", 2400), ("168", 10080), ("0", 0)]
)
def test_it_parses_decimal_hours(text, minutes):
    assert parse_hours(text, maximum=168) == minutes


@pytest.mark.parametrize("text", ["", "x", "-1", "169", "NaN", "Infinity"])
def test_it_refuses_hours_out_of_range(text):
    assert parse_hours(text, maximum=168) is None


def test_decimal_hours_for_inputs():
    assert [minutes_to_hours(m) for m in (2400, 450, 20, 0, -90)] == ["40", "7.5", "0.33", "0", "-1.5"]
    assert hours_to_minutes(Decimal("0.333")) == 20
    assert hours_to_minutes(Decimal("0.0083")) == 0  # half a minute and less rounds down…
    assert hours_to_minutes(Decimal("0.00834")) == 1  # …more rounds up


@given(st.integers(min_value=0, max_value=99 * 60 + 59))
def test_clock_text_reads_back_exactly(minutes):
    assert parse_duration(clock_text(minutes)) == minutes


@given(st.integers(min_value=0, max_value=10**7))
def test_decimal_hours_read_back_within_a_third_of_a_minute(minutes):
    # Two decimals of an hour are 36 seconds; the input rounds back to the nearest minute.
    assert abs(hours_to_minutes(Decimal(minutes_to_hours(minutes))) - minutes) <= 1


@given(st.integers(min_value=0, max_value=10**6).map(lambda n: n * 15))
def test_quarter_hours_round_trip_exactly(minutes):
    assert hours_to_minutes(Decimal(minutes_to_hours(minutes))) == minutes


@given(st.integers(min_value=-(10**6), max_value=10**6))
def test_duration_text_keeps_every_minute(minutes):
    text = duration_text(minutes)
    sign = -1 if text.startswith("-") else 1
    parts = text.lstrip("-").replace(" min", "").split(" h")
    total = int(parts[0]) * 60 + (int(parts[1]) if parts[1].strip() else 0)
    assert sign * total == minutes


@given(st.integers(min_value=0, max_value=99 * 60 + 59))
def test_what_the_page_shows_reads_back_exactly(minutes):
    # The preview and the saved message show duration_text; typing it again means the same.
    assert parse_duration(duration_text(minutes)) == minutes


@given(st.integers(min_value=0, max_value=999 * 4).map(lambda n: n * 15))
def test_decimal_hours_typed_in_the_time_field_read_back(minutes):
    text = minutes_to_hours(minutes)
    assert parse_duration(text) == parse_duration(text.replace(".", ",")) == minutes
