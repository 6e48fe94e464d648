"""Check-in cadence arithmetic, pure: when the next check-in is due, in the contractor's own zone
and working week (a weekly day, or every N of their working days).

A check-in is due at the end of the contractor's working window on its day; on a day they do not
work (a weekly cadence may name one), at DAY_OFF_DUE their time. Wall-clock times are turned into
moments with the zone, so a due moment stays at 17:00 their time across a daylight-saving change.
"""

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

from outsourcer.lib.timezones import WEEKDAYS, is_time_zone
from outsourcer.lib.working_time import usable_working_hours

DAY_OFF_DUE = time(17, 0)
# Mon–Fri when a contractor declared no working day at all: "every N working days" needs some week.
DEFAULT_WORKING_DAYS = frozenset(range(5))
MAX_EVERY_DAYS = 30


def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name if is_time_zone(name) else "UTC")


def _day_end(day: date, hours: dict[str, list[str]], zone: zoneinfo.ZoneInfo) -> datetime:
    span = hours.get(WEEKDAYS[day.weekday()])
    clock = time.fromisoformat(span[1]) if span else DAY_OFF_DUE
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


def next_checkin_due(
    after: datetime,
    *,
    kind: str,
    weekday: int | None = None,
    every_days: int | None = None,
    time_zone: str,
    working_hours: object,
) -> datetime:
    """The first due moment of the cadence strictly after `after` (weekly: the next `weekday`,
    0 = Monday; working days: the end of the `every_days`-th working day after `after`'s own
    day), as a UTC moment."""
    zone = _zone(time_zone)
    hours = usable_working_hours(working_hours)
    start = after.astimezone(zone).date()
    if kind == "weekly":
        if weekday is None or not 0 <= weekday <= 6:
            raise ValueError("a weekly cadence needs a weekday 0–6")
        day = start + timedelta(days=(weekday - start.weekday()) % 7)
        due = _day_end(day, hours, zone)
        return due if due > after else _day_end(day + timedelta(days=7), hours, zone)
    if not every_days or not 1 <= every_days <= MAX_EVERY_DAYS:
        raise ValueError(f"every N working days needs N in 1–{MAX_EVERY_DAYS}")
    working = {WEEKDAYS.index(name) for name in hours} or DEFAULT_WORKING_DAYS
    day, counted = start, 0
    while counted < every_days:
        day += timedelta(days=1)
        counted += day.weekday() in working
    return _day_end(day, hours, zone)


def cadence_due_after(cadence, after: datetime, contractor) -> datetime:
    """A `CheckInCadence`'s first due moment after `after`, in its `Contractor`'s zone and week."""
    return next_checkin_due(
        after,
        kind=cadence.kind,
        weekday=cadence.weekday,
        every_days=cadence.every_days,
        time_zone=contractor.time_zone,
        working_hours=contractor.working_hours,
    )
