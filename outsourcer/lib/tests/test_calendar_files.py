"""iCalendar files: parsed back with the icalendar library, in UTC or with a TZID and its VTIMEZONE,
for one event or a feed of several; and the working-window check across clock changes."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from outsourcer.lib.calendar_files import CalendarEvent, Person, calendar_attachment, calendar_bytes
from outsourcer.lib.timezones import paired_time_text, working_window_misses

START = datetime(2025, 3, 18, 14, 0, tzinfo=UTC)
STAMP = datetime(2025, 3, 17, 10, 0, tzinfo=UTC)


def _event(**changes) -> CalendarEvent:
    values = {
        "uid": "interview-7@outsourcer.example",
        "starts_at": START,
        "ends_at": START + timedelta(minutes=45),
        "summary": "Interview: Carol Contractor and Crumb & Co.",
        "location": "https://meet.example/crumb",
        "organizer": Person("Alice Owner", "alice@crumb.example"),
        "attendees": (Person("Carol, the photographer", "carol@studio.example"),),
        "stamp": STAMP,
    }
    values.update(changes)
    return CalendarEvent(**values)


def _parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def test_an_invitation_reads_back_with_its_times_in_utc():
    calendar = _parse(calendar_bytes([_event()]))
    [event] = calendar.walk("VEVENT")

    assert (calendar["VERSION"], calendar["METHOD"]) == ("2.0", "REQUEST")
    assert event.decoded("DTSTART") == START and event.decoded("DTEND") == START + timedelta(minutes=45)
    assert event.decoded("DTSTAMP") == STAMP
    assert str(event["UID"]) == "interview-7@outsourcer.example" and event["SEQUENCE"] == 0
    assert str(event["SUMMARY"]) == "Interview: Carol Contractor and Crumb & Co."
    assert str(event["ORGANIZER"]) == "mailto:alice@crumb.example"
    assert event["ORGANIZER"].params["CN"] == "Alice Owner"
    attendee = event["ATTENDEE"]
    assert (str(attendee), attendee.params["CN"], attendee.params["RSVP"]) == (
        "mailto:carol@studio.example",
        "Carol, the photographer",
        "TRUE",
    )
    assert not calendar.walk("VTIMEZONE")


def test_with_a_time_zone_it_writes_the_tzid_and_the_zones_rules():
    data = calendar_bytes([_event(time_zone="America/New_York")])
    calendar = _parse(data)
    [event] = calendar.walk("VEVENT")

    assert b"DTSTART;TZID=America/New_York:20250318T100000" in data
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    assert event.decoded("DTSTART") == START
    assert event.decoded("DTSTART").utcoffset() == timedelta(hours=-4)


def test_an_update_and_a_cancellation_keep_the_uid():
    update = _parse(
        calendar_bytes(
            [_event(sequence=1, starts_at=START + timedelta(days=1), ends_at=START + timedelta(days=1, hours=1))]
        )
    )
    cancel = _parse(calendar_bytes([_event(sequence=2, status="CANCELLED")], method="CANCEL"))
    assert update.walk("VEVENT")[0]["SEQUENCE"] == 1
    assert cancel["METHOD"] == "CANCEL"
    [event] = cancel.walk("VEVENT")
    assert (str(event["UID"]), event["SEQUENCE"], str(event["STATUS"])) == (
        "interview-7@outsourcer.example",
        2,
        "CANCELLED",
    )


def test_a_feed_holds_many_events_and_no_method():
    events = [
        _event(uid=f"task-{n}@x", starts_at=START + timedelta(days=n), ends_at=START + timedelta(days=n, hours=1))
        for n in range(3)
    ]
    calendar = _parse(calendar_bytes(events, method=None, name="Crumb & Co. deadlines"))
    assert "METHOD" not in calendar
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == ["task-0@x", "task-1@x", "task-2@x"]
    assert str(calendar["X-WR-CALNAME"]) == "Crumb & Co. deadlines"


def test_the_attachment_shape_and_the_refusals():
    filename, content, mimetype = calendar_attachment([_event()])
    assert (filename, mimetype) == ("invite.ics", "text/calendar") and content.startswith(b"BEGIN:VCALENDAR")
    with pytest.raises(ValueError):
        _event(starts_at=datetime(2025, 3, 18, 14, 0))
    with pytest.raises(ValueError):
        _event(ends_at=START)
    with pytest.raises(ValueError):
        _event(status="MAYBE")
    with pytest.raises(ValueError):
        calendar_bytes([_event()], method="REPLY-ALL")


def test_an_all_day_event_and_a_moment_without_an_end():
    deadline = datetime(2025, 7, 1, 17, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    events = [
        _event(uid="milestone-1@x", starts_at=date(2025, 3, 21), ends_at=None, organizer=None, attendees=()),
        _event(uid="task-1@x", starts_at=deadline, ends_at=None, time_zone="Europe/Berlin"),
    ]
    calendar = _parse(calendar_bytes(events, method=None))
    day, moment = calendar.walk("VEVENT")

    assert (day.decoded("DTSTART"), day.decoded("DTEND")) == (date(2025, 3, 21), date(2025, 3, 22))
    assert day["DTSTART"].params.get("VALUE") == "DATE"
    assert "DTEND" not in moment and moment["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert moment.decoded("DTSTART").astimezone(UTC) == datetime(2025, 7, 1, 15, 0, tzinfo=UTC)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_an_all_day_event_alone_needs_no_time_zone_and_ends_after_it_starts():
    calendar = _parse(calendar_bytes([_event(starts_at=date(2025, 3, 21), ends_at=date(2025, 3, 23))], method=None))
    [event] = calendar.walk("VEVENT")
    assert event.decoded("DTEND") == date(2025, 3, 23) and not calendar.walk("VTIMEZONE")
    for ends_at in (date(2025, 3, 21), datetime(2025, 3, 22, tzinfo=UTC)):
        with pytest.raises(ValueError):
            _event(starts_at=date(2025, 3, 21), ends_at=ends_at)


HOURS = {day: ["09:00", "17:00"] for day in ("mon", "tue", "wed", "thu", "fri")}


def _misses(moment: datetime, minutes: int = 30, zone: str = "America/New_York", hours=HOURS) -> bool:
    return working_window_misses(moment, moment + timedelta(minutes=minutes), zone, hours)


def test_the_working_window_moves_with_the_clock_change():
    # 13:30 UTC is 08:30 in New York on Friday 7 March 2025 (EST) and 09:30 on Monday 10 March (EDT).
    assert _misses(datetime(2025, 3, 7, 13, 30, tzinfo=UTC))
    assert not _misses(datetime(2025, 3, 10, 13, 30, tzinfo=UTC))
    # Ending after 17:00, or on a day off, misses too; without declared hours nothing does.
    assert _misses(datetime(2025, 3, 10, 20, 45, tzinfo=UTC))
    assert not _misses(datetime(2025, 3, 10, 20, 30, tzinfo=UTC))
    assert _misses(datetime(2025, 3, 9, 15, 0, tzinfo=UTC))
    assert not _misses(datetime(2025, 3, 9, 15, 0, tzinfo=UTC), hours={})


def test_paired_time_text_reads_both_clocks():
    moment = datetime(2025, 3, 21, 16, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert paired_time_text(moment, "Europe/Berlin", "Asia/Tokyo", "Carol") == "Fri 16:00 · 00:00 Sat for Carol"
    assert paired_time_text(moment, "Not/AZone", "UTC", "Carol") == "Fri 15:00 · 15:00 Fri for Carol"
