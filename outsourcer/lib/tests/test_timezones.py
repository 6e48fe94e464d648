"""lib/timezones.py: zone names and the working-hours format contractors edit."""

from datetime import UTC, date, datetime

import pytest

from outsourcer.lib.timezones import (
    DEFAULT_WORKING_HOURS,
    WorkingHoursError,
    canonical_time_zone,
    clean_working_hours,
    date_in,
    is_time_zone,
    local_time_text,
    next_working_moment,
    time_zone_choices,
    time_zone_from_text,
    time_zone_label,
    utc_offset_text,
)


def test_time_zone_names():
    assert is_time_zone("Europe/Lisbon") and is_time_zone("UTC")
    assert not is_time_zone("Mars/Olympus") and not is_time_zone("") and not is_time_zone("europe/lisbon")


def test_the_choices_are_canonical_zones_with_readable_labels():
    choices = dict(time_zone_choices(date(2025, 1, 15)))

    assert choices["Europe/Lisbon"] == "Europe/Lisbon — Lisbon, Portugal (UTC+0)"
    assert choices["Asia/Kolkata"] == "Asia/Kolkata — Kolkata, India (UTC+5:30)"
    assert choices["America/Sao_Paulo"] == "America/Sao_Paulo — Sao Paulo, Brazil (UTC-3)"
    assert choices["UTC"] == "UTC — Coordinated Universal Time (UTC+0)"
    assert list(choices) == sorted(choices)
    oddities = {"Factory", "localtime", "posixrules", "Etc/UTC", "Etc/GMT+5", "US/Eastern", "Asia/Calcutta", "GMT"}
    assert not oddities & set(choices)
    assert not [name for name in choices if name.startswith(("Etc/", "posix/", "right/"))]


def test_the_offset_is_the_one_on_the_day_asked():
    assert time_zone_label("Europe/Lisbon", date(2025, 7, 1)) == "Europe/Lisbon — Lisbon, Portugal (UTC+1)"
    assert utc_offset_text("America/St_Johns", date(2025, 1, 15)) == "UTC-3:30"


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Europe/Lisbon — Lisbon, Portugal (UTC+0)", "Europe/Lisbon"),
        ("europe/lisbon", "Europe/Lisbon"),
        ("Lisbon", "Europe/Lisbon"),
        ("new york", "America/New_York"),
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("Europe/Kiev", "Europe/Kyiv"),
        ("Etc/UTC", "UTC"),
        ("Factory", None),
        ("localtime", None),
        ("posixrules", None),
        ("Etc/GMT+5", None),
        ("Mars/Olympus", None),
        ("", None),
    ],
)
def test_what_people_type_reads_as_a_listed_zone(typed, zone):
    assert time_zone_from_text(typed) == zone
    assert canonical_time_zone("Asia/Calcutta") == "Asia/Kolkata" and canonical_time_zone("Lisbon") is None


def test_default_hours_are_nine_to_five_on_weekdays():
    assert DEFAULT_WORKING_HOURS == {day: ["09:00", "17:00"] for day in ("mon", "tue", "wed", "thu", "fri")}


def test_clean_working_hours_normalises_and_orders_the_days():
    # An empty day first: the days after it still count.
    cleaned = clean_working_hours({"tue": [], "sat": ["9:5", "12:00"], "mon": ("08:30", "17:00"), "wed": None})

    assert cleaned == {"mon": ["08:30", "17:00"], "sat": ["09:05", "12:00"]}
    assert list(cleaned) == ["mon", "sat"]
    assert clean_working_hours({}) == {} and clean_working_hours({"sun": ""}) == {}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (["mon"], "Working hours must map weekdays (mon…sun) to [start, end]."),
        ({"monday": ["09:00", "17:00"]}, "“monday” is not a weekday; use mon, tue, wed, thu, fri, sat, sun."),
        ({"tue": ["09:00"]}, "Tuesday: give a start and an end time."),
        ({"wed": ["09:00", "12:00", "13:00"]}, "Wednesday: give a start and an end time."),
        ({"thu": "09:00-17:00"}, "Thursday: give a start and an end time."),
        ({"fri": ["17:00", "09:00"]}, "Friday: the end must be after the start."),
        ({"sat": ["10:00", "10:00"]}, "Saturday: the end must be after the start."),
        ({"sun": ["9am", "17:00"]}, "“9am” is not a time of day like 09:00."),
        ({"mon": ["25:00", "26:00"]}, "“25:00” is not a time of day like 09:00."),
        ({"mon": ["09:00", "17:00:00"]}, "“17:00:00” is not a time of day like 09:00."),
    ],
)
def test_clean_working_hours_refuses_with_a_message(value, message):
    with pytest.raises(WorkingHoursError) as error:
        clean_working_hours(value)

    assert str(error.value) == message
    assert isinstance(error.value, ValueError)


def test_local_time_text_is_the_weekday_and_clock_in_the_zone():
    moment = datetime(2025, 3, 14, 17, 0, tzinfo=UTC)  # a Friday

    assert local_time_text(moment, "UTC") == "Fri 17:00"
    assert local_time_text(moment, "Asia/Manila") == "Sat 01:00"
    assert local_time_text(moment, "America/New_York") == "Fri 13:00"


def test_date_in_reads_the_day_in_the_zone():
    moment = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    assert date_in(moment, "Europe/Berlin") == date(2027, 1, 1)
    assert date_in(moment, "America/New_York") == date(2026, 12, 31)
    assert date_in(moment, "Mars/Olympus") == date(2026, 12, 31)  # not a zone: UTC


LISBON_WEEK = {"mon": ["09:00", "17:00"], "tue": ["09:00", "17:00"], "fri": ["09:00", "12:00"]}


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # Monday 10:00 in Lisbon (UTC+0 in March): inside, so now.
        (datetime(2025, 3, 17, 10, 0, tzinfo=UTC), datetime(2025, 3, 17, 10, 0, tzinfo=UTC)),
        # Monday 03:00: waits for 09:00 the same day.
        (datetime(2025, 3, 17, 3, 0, tzinfo=UTC), datetime(2025, 3, 17, 9, 0, tzinfo=UTC)),
        # Tuesday 17:00 sharp is after work: Wednesday and Thursday are off, so Friday 09:00.
        (datetime(2025, 3, 18, 17, 0, tzinfo=UTC), datetime(2025, 3, 21, 9, 0, tzinfo=UTC)),
        # Friday 13:00: over the weekend to Monday 09:00.
        (datetime(2025, 3, 21, 13, 0, tzinfo=UTC), datetime(2025, 3, 24, 9, 0, tzinfo=UTC)),
        # Summer time: Monday 31 March 09:00 in Lisbon is 08:00 UTC.
        (datetime(2025, 3, 29, 12, 0, tzinfo=UTC), datetime(2025, 3, 31, 8, 0, tzinfo=UTC)),
    ],
)
def test_next_working_moment_waits_for_the_next_window(moment, expected):
    assert next_working_moment(moment, "Europe/Lisbon", LISBON_WEEK) == expected


def test_next_working_moment_without_working_days_or_zone_is_now():
    moment = datetime(2025, 3, 17, 3, 0, tzinfo=UTC)
    assert next_working_moment(moment, "Europe/Lisbon", {}) == moment
    assert next_working_moment(moment, "Europe/Lisbon", None) == moment
    # An unknown zone reads as UTC rather than failing.
    assert next_working_moment(moment, "Mars/Olympus", LISBON_WEEK) == datetime(2025, 3, 17, 9, 0, tzinfo=UTC)
