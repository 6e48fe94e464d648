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
    [("1:30", 90), ("90", 90), ("1h 30m", 90), ("2h", 120), ("45m", 45), ("45 min", 45), (" 0:05 ", 5)],
)
def test_it_parses_what_people_type_for_time_worked(text, minutes):
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["", "1:75", "abc", "1.5", "-30", "12345", None])
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
