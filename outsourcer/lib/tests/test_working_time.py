"""lib/working_time.py: working windows in the worker's own zone, across clock changes and odd weeks."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outsourcer.lib.timezones import DEFAULT_WORKING_HOURS
from outsourcer.lib.working_time import (
    has_working_time,
    is_working_moment,
    moment_text,
    previous_working_end,
    usable_working_hours,
    weekly_working_minutes,
    working_hours_text,
    working_minutes_between,
    working_minutes_until,
    working_time_done_at,
    working_windows,
)

NINE_TO_FIVE = dict(DEFAULT_WORKING_HOURS)
NIGHTS = {day: ["00:00", "06:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
SUN_TO_THU = {day: ["08:00", "16:00"] for day in ("sun", "mon", "tue", "wed", "thu")}
TUE_TO_SAT = {day: ["10:00", "18:00"] for day in ("tue", "wed", "thu", "fri", "sat")}


def at(zone: str, *args: int) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone))


def test_a_week_of_nine_to_five_is_forty_hours():
    start = at("Europe/Berlin", 2025, 3, 17, 9)  # Monday

    assert weekly_working_minutes(NINE_TO_FIVE) == 40 * 60
    end = start + timedelta(days=7)
    week = working_minutes_between(start, end, time_zone="Europe/Berlin", working_hours=NINE_TO_FIVE)

    assert week == 2400


def test_minutes_are_cut_to_the_range_and_zero_when_it_is_empty():
    monday = at("Europe/Berlin", 2025, 3, 17, 12)
    friday = at("Europe/Berlin", 2025, 3, 21, 10, 30)

    assert working_minutes_between(monday, friday, time_zone="Europe/Berlin", working_hours=NINE_TO_FIVE) == (
        5 * 60 + 3 * 8 * 60 + 90
    )
    assert working_minutes_between(friday, monday, time_zone="Europe/Berlin", working_hours=NINE_TO_FIVE) == 0
    assert working_minutes_between(monday, monday, time_zone="Europe/Berlin", working_hours=NINE_TO_FIVE) == 0
    assert working_minutes_between(monday, friday, time_zone="Europe/Berlin", working_hours={}) == 0


def test_the_limit_stops_counting_once_reached():
    monday = at("UTC", 2025, 3, 17, 9)
    minutes = working_minutes_between(
        monday, monday + timedelta(days=3650), time_zone="UTC", working_hours=NINE_TO_FIVE, limit=600
    )

    assert 600 <= minutes <= 600 + 40 * 60  # at most one more week


@pytest.mark.parametrize(
    ("zone", "start", "end", "hours", "minutes"),
    [
        # Berlin springs forward at 02:00 on 30 March 2025: a 00:00–06:00 night lasts 5 hours.
        ("Europe/Berlin", (2025, 3, 30, 0), (2025, 3, 30, 6), NIGHTS, 5 * 60),
        ("Europe/Berlin", (2025, 3, 29, 0), (2025, 3, 29, 6), NIGHTS, 6 * 60),
        # Berlin falls back at 03:00 on 26 October 2025: that night lasts 7 hours.
        ("Europe/Berlin", (2025, 10, 26, 0), (2025, 10, 26, 6), NIGHTS, 7 * 60),
        # New York falls back at 02:00 on 2 November 2025.
        ("America/New_York", (2025, 11, 2, 0), (2025, 11, 2, 6), NIGHTS, 7 * 60),
        # A day's hours are the day's, whatever the offset: 09:00–17:00 stays 8 hours.
        ("America/New_York", (2025, 10, 31, 9), (2025, 11, 3, 17), NINE_TO_FIVE, 16 * 60),
        ("Europe/Berlin", (2025, 3, 28, 9), (2025, 3, 31, 17), NINE_TO_FIVE, 16 * 60),
        # Dubai works Sunday to Thursday: Thursday 08:00 to Sunday 16:00 is two days.
        ("Asia/Dubai", (2025, 3, 20, 8), (2025, 3, 23, 16), SUN_TO_THU, 16 * 60),
        ("Europe/Lisbon", (2025, 3, 17, 0), (2025, 3, 24, 0), TUE_TO_SAT, 40 * 60),
    ],
)
def test_working_minutes_across_clock_changes_and_odd_weeks(zone, start, end, hours, minutes):
    assert working_minutes_between(at(zone, *start), at(zone, *end), time_zone=zone, working_hours=hours) == minutes


def test_windows_are_utc_moments_in_order():
    windows = list(
        working_windows(
            at("Asia/Dubai", 2025, 3, 20, 12), at("Asia/Dubai", 2025, 3, 23, 9), time_zone="Asia/Dubai",
            working_hours=SUN_TO_THU,
        )
    )  # fmt: skip

    assert windows == [
        (datetime(2025, 3, 20, 8, tzinfo=UTC), datetime(2025, 3, 20, 12, tzinfo=UTC)),
        (datetime(2025, 3, 23, 4, tzinfo=UTC), datetime(2025, 3, 23, 5, tzinfo=UTC)),
    ]


@pytest.mark.parametrize(
    ("moment", "inside"),
    [
        ((2025, 3, 21, 17, 0), True),  # the end of the window is inside
        ((2025, 3, 21, 17, 1), False),
        ((2025, 3, 21, 9, 0), True),  # so is its start
        ((2025, 3, 21, 8, 59), False),
        ((2025, 3, 22, 12, 0), False),  # Saturday
    ],
)
def test_a_window_is_closed_at_both_ends(moment, inside):
    moment = at("Europe/Berlin", *moment)

    assert is_working_moment(moment, time_zone="Europe/Berlin", working_hours=NINE_TO_FIVE) is inside


def test_the_same_utc_moment_is_inside_before_the_clock_change_and_outside_after():
    # 16:00 UTC is 17:00 in Berlin in winter (the last minute of the day) and 18:00 in summer.
    winter, summer = datetime(2025, 3, 24, 16, tzinfo=UTC), datetime(2025, 3, 31, 16, tzinfo=UTC)

    assert is_working_moment(winter, time_zone="Europe/Berlin", working_hours=NINE_TO_FIVE)
    assert not is_working_moment(summer, time_zone="Europe/Berlin", working_hours=NINE_TO_FIVE)


def test_previous_working_end():
    saturday = at("Europe/Berlin", 2025, 3, 22, 2)

    assert previous_working_end(saturday, time_zone="Europe/Berlin", working_hours=NINE_TO_FIVE) == at(
        "Europe/Berlin", 2025, 3, 21, 17
    )
    assert previous_working_end(at("Asia/Dubai", 2025, 3, 22, 2), time_zone="Asia/Dubai", working_hours=SUN_TO_THU) == (
        at("Asia/Dubai", 2025, 3, 20, 16)
    )
    assert previous_working_end(saturday, time_zone="Europe/Berlin", working_hours={}) is None


def test_the_moment_work_is_done():
    monday = at("Europe/Berlin", 2025, 3, 17, 9)

    assert working_time_done_at(monday, 20 * 60, time_zone="Europe/Berlin", working_hours=NINE_TO_FIVE) == at(
        "Europe/Berlin", 2025, 3, 19, 13
    )
    assert working_time_done_at(monday, 8 * 60, time_zone="Europe/Berlin", working_hours=NINE_TO_FIVE) == at(
        "Europe/Berlin", 2025, 3, 17, 17
    )
    assert working_time_done_at(monday, 0, time_zone="Europe/Berlin", working_hours=NINE_TO_FIVE) == monday
    assert working_time_done_at(monday, 60, time_zone="Europe/Berlin", working_hours={}) is None


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        (NINE_TO_FIVE, "Mon–Fri 09:00–17:00"),
        (SUN_TO_THU, "Sun–Thu 08:00–16:00"),
        (TUE_TO_SAT, "Tue–Sat 10:00–18:00"),
        (NIGHTS, "Mon–Sun 00:00–06:00"),
        ({"mon": ["09:00", "12:00"], "wed": ["14:00", "18:00"]}, "Mon 09:00–12:00, Wed 14:00–18:00"),
        ({"mon": ["09:00", "17:00"], "tue": ["09:00", "13:00"]}, "Mon 09:00–17:00, Tue 09:00–13:00"),
        ({}, "no working days"),
        ({"mon": ["nonsense", "17:00"]}, "no working days"),
    ],
)
def test_working_hours_read_as_runs_of_days(hours, text):
    assert working_hours_text(hours) == text
    assert has_working_time(hours) is (text != "no working days")


def test_moment_text_in_the_zone_and_utc_for_an_unknown_one():
    moment = datetime(2025, 3, 22, 1, tzinfo=UTC)

    assert moment_text(moment, "Europe/Berlin") == "Sat 02:00"
    assert moment_text(moment, "Europe/Berlin", with_date=True) == "Sat 22 Mar 2025 02:00"
    assert moment_text(moment, "Mars/Olympus") == "Sat 01:00"


def test_unreadable_spans_are_days_off():
    hours = {"mon": ["17:00", "09:00"], "tue": ["9", "17:00"], "wed": ["09:00"], "thu": ["9:00", "17:00"], "fri": 8}

    assert weekly_working_minutes(hours) == 8 * 60
    assert usable_working_hours(hours) == {"thu": ["09:00", "17:00"]}
    assert usable_working_hours(None) == usable_working_hours("mon") == {}


MOMENTS = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)).map(
    lambda moment: moment.replace(second=0, microsecond=0)
)
ZONES = st.sampled_from(["Europe/Berlin", "America/New_York", "Asia/Dubai", "Australia/Lord_Howe", "UTC"])
HOURS = st.sampled_from([NINE_TO_FIVE, NIGHTS, SUN_TO_THU, TUE_TO_SAT])


@given(MOMENTS, st.integers(0, 20_000), st.integers(0, 20_000), ZONES, HOURS)
def test_working_minutes_add_up_over_a_split(start, first, second, zone, hours):
    middle, end = start + timedelta(minutes=first), start + timedelta(minutes=first + second)
    whole = working_minutes_between(start, end, time_zone=zone, working_hours=hours)

    assert whole == working_minutes_between(start, middle, time_zone=zone, working_hours=hours) + (
        working_minutes_between(middle, end, time_zone=zone, working_hours=hours)
    )
    assert 0 <= whole <= first + second


@given(MOMENTS, st.lists(st.integers(-3_000, 60_000), max_size=6), st.integers(0, 59_999_999), ZONES, HOURS)
def test_minutes_until_many_ends_are_each_ends_minutes_between(start, offsets, micros, zone, hours):
    # Deadlines before and after the start, across clock changes, off the second (a `now`).
    start += timedelta(microseconds=micros)
    ends = [start + timedelta(minutes=minutes, seconds=minutes % 7) for minutes in offsets]

    assert working_minutes_until(start, ends, time_zone=zone, working_hours=hours) == [
        working_minutes_between(start, end, time_zone=zone, working_hours=hours) for end in ends
    ]


@given(MOMENTS, st.integers(1, 5_000), ZONES, HOURS)
def test_work_done_at_is_the_inverse_of_counting(start, minutes, zone, hours):
    done = working_time_done_at(start, minutes, time_zone=zone, working_hours=hours)

    assert working_minutes_between(start, done, time_zone=zone, working_hours=hours) == minutes
    assert is_working_moment(done, time_zone=zone, working_hours=hours)


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Dubai"])
@pytest.mark.parametrize("hours", [NINE_TO_FIVE, NIGHTS, SUN_TO_THU])
def test_whole_weeks_counted_at_once_match_the_windows_day_by_day(zone, hours):
    start, end = at(zone, 2025, 1, 1, 12), at(zone, 2028, 3, 1, 3)
    windows = working_windows(start, end, time_zone=zone, working_hours=hours)

    assert working_minutes_between(start, end, time_zone=zone, working_hours=hours) == (
        sum(int((closes - opens).total_seconds()) for opens, closes in windows) // 60
    )
