"""Check-in cadence arithmetic: weekly and every N working days, in the contractor's own zone and
week, across daylight-saving changes and a Sunday–Thursday week."""

from datetime import UTC, datetime

import pytest

from outsourcer.work.cadence import next_checkin_due

MON_FRI = {day: ["09:00", "17:00"] for day in ("mon", "tue", "wed", "thu", "fri")}
SUN_THU = {day: ["08:00", "16:00"] for day in ("sun", "mon", "tue", "wed", "thu")}


def _at(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("after", "weekday", "zone", "hours", "due"),
    [
        # Berlin, Friday before the spring change (30 March 2025): Monday 17:00 is 15:00 UTC, not 16:00.
        (_at(2025, 3, 28, 12), 0, "Europe/Berlin", MON_FRI, _at(2025, 3, 31, 15)),
        # The week before the change, Monday 17:00 CET is 16:00 UTC.
        (_at(2025, 3, 21, 12), 0, "Europe/Berlin", MON_FRI, _at(2025, 3, 24, 16)),
        # New York, autumn change on 2 November 2025: Monday 17:00 EST is 22:00 UTC (21:00 the week before).
        (_at(2025, 10, 31, 15), 0, "America/New_York", MON_FRI, _at(2025, 11, 3, 22)),
        (_at(2025, 10, 24, 15), 0, "America/New_York", MON_FRI, _at(2025, 10, 27, 21)),
        # On the weekday itself, before the day ends: due that day; after it ends: a week later.
        (_at(2025, 3, 17, 10), 0, "Europe/Lisbon", MON_FRI, _at(2025, 3, 17, 17)),
        (_at(2025, 3, 17, 17, 30), 0, "Europe/Lisbon", MON_FRI, _at(2025, 3, 24, 17)),
        # A weekday they do not work (Sunday in a Mon–Fri week): 17:00 their time.
        (_at(2025, 3, 17, 10), 6, "Europe/Lisbon", MON_FRI, _at(2025, 3, 23, 17)),
        # Dubai's Sunday–Thursday week: Sunday ends at 16:00 (12:00 UTC).
        (_at(2025, 3, 20, 10), 6, "Asia/Dubai", SUN_THU, _at(2025, 3, 23, 12)),
        # Tokyo: Monday in UTC is already Tuesday there; the next Monday is six days on.
        (_at(2025, 3, 17, 20), 0, "Asia/Tokyo", MON_FRI, _at(2025, 3, 24, 8)),
    ],
)
def test_weekly(after, weekday, zone, hours, due):
    assert next_checkin_due(after, kind="weekly", weekday=weekday, time_zone=zone, working_hours=hours) == due


@pytest.mark.parametrize(
    ("after", "every", "zone", "hours", "due"),
    [
        # Sunday–Thursday: from Thursday, two working days are Sunday and Monday (Fri, Sat are off).
        (_at(2025, 3, 27, 6), 2, "Asia/Dubai", SUN_THU, _at(2025, 3, 31, 12)),
        (_at(2025, 3, 27, 6), 1, "Asia/Dubai", SUN_THU, _at(2025, 3, 30, 12)),
        # Mon–Fri from Friday: Monday, then Tuesday.
        (_at(2025, 3, 21, 10), 2, "Europe/Lisbon", MON_FRI, _at(2025, 3, 25, 17)),
        # Across Berlin's spring change: Thursday 27 March + 3 working days = Tuesday 1 April, 17:00 CEST.
        (_at(2025, 3, 27, 10), 3, "Europe/Berlin", MON_FRI, _at(2025, 4, 1, 15)),
        # Across London's autumn change (26 October 2025): Friday + 1 = Monday 17:00 GMT.
        (_at(2025, 10, 24, 10), 1, "Europe/London", MON_FRI, _at(2025, 10, 27, 17)),
        # No working day declared at all: Monday to Friday, 17:00.
        (_at(2025, 3, 21, 10), 1, "Europe/Lisbon", {}, _at(2025, 3, 24, 17)),
        # An unknown zone reads as UTC rather than failing.
        (_at(2025, 3, 21, 10), 1, "Mars/Olympus", MON_FRI, _at(2025, 3, 24, 17)),
    ],
)
def test_every_n_working_days(after, every, zone, hours, due):
    assert next_checkin_due(after, kind="working_days", every_days=every, time_zone=zone, working_hours=hours) == due


def test_the_due_moment_is_always_after_the_start():
    start = _at(2025, 3, 17, 0)
    for hour in range(0, 24 * 14, 5):
        after = datetime.fromtimestamp(start.timestamp() + hour * 3600, tz=UTC)
        for weekday in range(7):
            due = next_checkin_due(
                after, kind="weekly", weekday=weekday, time_zone="Europe/Berlin", working_hours=MON_FRI
            )
            assert after < due <= datetime.fromtimestamp(after.timestamp() + 8 * 86400, tz=UTC)


def test_a_bad_cadence_is_refused():
    with pytest.raises(ValueError):
        next_checkin_due(_at(2025, 3, 17), kind="weekly", weekday=7, time_zone="UTC", working_hours=MON_FRI)
    with pytest.raises(ValueError):
        next_checkin_due(_at(2025, 3, 17), kind="working_days", every_days=0, time_zone="UTC", working_hours=MON_FRI)
