"""Working time: the windows a person works in, in their own zone, and the minutes of work between
two moments.

Working hours have the shape contractors edit (`lib/timezones.clean_working_hours`): `{"mon":
["09:00", "17:00"], …}`, days left out are days off, a window never crosses midnight. A window
is closed at both ends here: a deadline at 17:00 when the day ends at 17:00 is inside it.

Every comparison and subtraction is made in UTC: Python subtracts two datetimes of the same zone
by their wall clocks, which is an hour off across a daylight-saving change.
"""

from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from outsourcer.lib.timezones import WEEKDAYS, WorkingHoursError, _parse_clock, _zone

WorkingHours = Mapping[str, Sequence[str]]

# How far the searches for the next or previous window (and for the moment an amount of work is
# done) look: far enough for any estimate a brief may carry, bounded so a bad input cannot spin.
_SEARCH_DAYS = 5 * 366


def _span(working_hours: WorkingHours, day: date) -> tuple[time, time] | None:
    """The day's (start, end) wall-clock times, or None on a day off or an unreadable span."""
    span = working_hours.get(WEEKDAYS[day.weekday()])
    if not isinstance(span, (list, tuple)) or len(span) != 2:
        return None
    try:
        start, end = (_parse_clock(str(part)) for part in span)
    except WorkingHoursError:
        return None
    return (start, end) if start < end else None


def _window(zone: ZoneInfo, day: date, span: tuple[time, time]) -> tuple[datetime, datetime]:
    # A wall time that does not exist (02:30 on the spring-forward night) is read with the offset
    # before the change, which puts it just after the gap: the window shrinks by the lost hour.
    opens = datetime.combine(day, span[0], tzinfo=zone).astimezone(UTC)
    closes = datetime.combine(day, span[1], tzinfo=zone).astimezone(UTC)
    return opens, closes


def usable_working_hours(working_hours: object) -> dict[str, list[str]]:
    """The readable days of stored working hours, as `clean_working_hours` would keep them: a
    stored value that went bad (a day with one time, an end before its start) is a day off."""
    hours = working_hours if isinstance(working_hours, Mapping) else {}
    usable = {}
    for offset in range(7):
        day = date(2024, 1, 1) + timedelta(days=offset)  # 1 January 2024 is a Monday
        span = _span(hours, day)
        if span:
            usable[WEEKDAYS[offset]] = [f"{span[0]:%H:%M}", f"{span[1]:%H:%M}"]
    return usable


def has_working_time(working_hours: WorkingHours | None) -> bool:
    """True when at least one weekday has a readable window."""
    hours = working_hours or {}
    return any(_span(hours, date(2024, 1, 1) + timedelta(days=offset)) for offset in range(7))


def weekly_working_minutes(working_hours: WorkingHours | None) -> int:
    """The minutes of one ordinary week's windows (wall clock: a clock change is not counted)."""
    hours = working_hours or {}
    total = 0
    for offset in range(7):
        span = _span(hours, date(2024, 1, 1) + timedelta(days=offset))  # 1 January 2024 is a Monday
        if span:
            total += (span[1].hour * 60 + span[1].minute) - (span[0].hour * 60 + span[0].minute)
    return total


def working_windows(
    start: datetime, end: datetime, *, time_zone: str, working_hours: WorkingHours | None
) -> Iterator[tuple[datetime, datetime]]:
    """The working windows (as UTC moments) that overlap [start, end], each cut to that range, in order."""
    hours = working_hours or {}
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    if end <= start or not hours:
        return
    zone = _zone(time_zone)
    # A day's window may begin before `start` in UTC terms and still overlap: begin a day early.
    first = start.astimezone(zone).date() - timedelta(days=1)
    last = end.astimezone(zone).date()
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        span = _span(hours, day)
        if span is None:
            continue
        opens, closes = _window(zone, day, span)
        opens, closes = max(opens, start), min(closes, end)
        if opens < closes:
            yield opens, closes


def working_minutes_between(
    start: datetime,
    end: datetime,
    *,
    time_zone: str,
    working_hours: WorkingHours | None,
    limit: int | None = None,
) -> int:
    """Whole minutes of working time between two moments (0 when `end` is not after `start`);
    with `limit`, counting stops once it is reached (the answer is then at least `limit`)."""
    seconds = 0
    for opens, closes in working_windows(start, end, time_zone=time_zone, working_hours=working_hours):
        seconds += int((closes - opens).total_seconds())
        if limit is not None and seconds >= limit * 60:
            break
    return seconds // 60


def is_working_moment(moment: datetime, *, time_zone: str, working_hours: WorkingHours | None) -> bool:
    """True when `moment` falls inside one of the day's windows, both ends included."""
    zone = _zone(time_zone)
    day = moment.astimezone(zone).date()
    span = _span(working_hours or {}, day)
    if span is None:
        return False
    opens, closes = _window(zone, day, span)
    return opens <= moment.astimezone(UTC) <= closes


def previous_working_end(moment: datetime, *, time_zone: str, working_hours: WorkingHours | None) -> datetime | None:
    """The end of the last window that closes at or before `moment`, in `time_zone`; None
    without any working day."""
    zone = _zone(time_zone)
    hours = working_hours or {}
    if not has_working_time(hours):
        return None
    moment = moment.astimezone(UTC)
    local_day = moment.astimezone(zone).date()
    for offset in range(8):
        day = local_day - timedelta(days=offset)
        span = _span(hours, day)
        if span is None:
            continue
        closes = _window(zone, day, span)[1]
        if closes <= moment:
            return closes.astimezone(zone)
    return None


def working_time_done_at(
    start: datetime, minutes: int, *, time_zone: str, working_hours: WorkingHours | None
) -> datetime | None:
    """The moment `minutes` of working time after `start` are used up, in `time_zone` (`start`
    itself for 0); None without any working day or when it lies beyond the search (five years)."""
    zone = _zone(time_zone)
    if minutes <= 0:
        return start.astimezone(zone)
    hours = working_hours or {}
    if not has_working_time(hours):
        return None
    start = start.astimezone(UTC)
    left = timedelta(minutes=minutes)
    first = start.astimezone(zone).date() - timedelta(days=1)
    for offset in range(_SEARCH_DAYS):
        day = first + timedelta(days=offset)
        span = _span(hours, day)
        if span is None:
            continue
        opens, closes = _window(zone, day, span)
        opens = max(opens, start)
        if opens >= closes:
            continue
        if closes - opens >= left:
            return (opens + left).astimezone(zone)
        left -= closes - opens
    return None


def moment_text(moment: datetime, time_zone: str, *, with_date: bool = False) -> str:
    """ "Sat 02:00" (or "Sat 14 Mar 2026 02:00" `with_date`) in `time_zone`; UTC when it is not a zone."""
    return moment.astimezone(_zone(time_zone)).strftime("%a %d %b %Y %H:%M" if with_date else "%a %H:%M")


_SHORT_DAYS = dict(zip(WEEKDAYS, ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), strict=True))


def working_hours_text(working_hours: WorkingHours | None) -> str:
    """ "Mon–Fri 09:00–17:00", "Sun–Thu 08:00–16:00", "Mon 09:00–12:00, Wed 14:00–18:00", or
    "no working days": runs of days with the same hours, the week starting after a day off."""
    hours = working_hours or {}
    spans = [_span(hours, date(2024, 1, 1) + timedelta(days=offset)) for offset in range(7)]
    if not any(spans):
        return "no working days"
    # Start the week on the first working day that follows a day off (Sun for a Sun–Thu week).
    begin = next((i for i in range(7) if spans[i] and not spans[i - 1]), 0)
    order = [(begin + i) % 7 for i in range(7)]
    runs: list[tuple[list[int], tuple[time, time]]] = []
    previous = None
    for index in order:
        span = spans[index]
        if span and runs and previous == span:
            runs[-1][0].append(index)
        elif span:
            runs.append(([index], span))
        previous = span
    parts = []
    for days, (start, end) in runs:
        names = _SHORT_DAYS[WEEKDAYS[days[0]]]
        if len(days) > 1:
            names += f"–{_SHORT_DAYS[WEEKDAYS[days[-1]]]}"
        parts.append(f"{names} {start:%H:%M}–{end:%H:%M}")
    return ", ".join(parts)
