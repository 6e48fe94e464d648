"""Working time: the windows a person works in, in their own zone, and the minutes of work between
two moments.

Working hours have the shape contractors edit (`lib/timezones.clean_working_hours`): `{"mon":
["09:00", "17:00"], …}`, days left out are days off, a window never crosses midnight. A window
is closed at both ends here: a deadline at 17:00 when the day ends at 17:00 is inside it.

Every comparison and subtraction is made in UTC: Python subtracts two datetimes of the same zone
by their wall clocks, which is an hour off across a daylight-saving change.
"""

from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from outsourcer.lib.timezones import WEEKDAYS, WorkingHoursError, _parse_clock, _zone

WorkingHours = Mapping[str, Sequence[str]]
# Working hours read once (working_week): Monday's to Sunday's (start, end), None on a day off.
Week = tuple[tuple[time, time] | None, ...]

# How far the searches for the next or previous window (and for the moment an amount of work is
# done) look: far enough for any estimate a brief may carry, bounded so a bad input cannot spin.
_SEARCH_DAYS = 5 * 366


def _read_span(span: object) -> tuple[time, time] | None:
    if not isinstance(span, (list, tuple)) or len(span) != 2:
        return None
    try:
        start, end = (_parse_clock(str(part)) for part in span)
    except WorkingHoursError:
        return None
    return (start, end) if start < end else None


def _week(working_hours: object) -> Week:
    """Monday's to Sunday's (start, end) wall-clock times, None on a day off or an unreadable span."""
    if isinstance(working_hours, tuple):  # read already (working_week)
        return working_hours
    hours = working_hours if isinstance(working_hours, Mapping) else {}
    return tuple(_read_span(hours.get(day)) for day in WEEKDAYS)


def _window(zone: ZoneInfo, day: date, span: tuple[time, time]) -> tuple[datetime, datetime]:
    # A wall time that does not exist (02:30 on the spring-forward night) is read with the offset
    # before the change, which puts it just after the gap: the window shrinks by the lost hour.
    opens = datetime.combine(day, span[0], tzinfo=zone).astimezone(UTC)
    closes = datetime.combine(day, span[1], tzinfo=zone).astimezone(UTC)
    return opens, closes


def working_week(working_hours: WorkingHours | None) -> Week:
    """Stored working hours read once, for many working_minutes_between calls on the same hours
    (reading them is most of a short count's cost)."""
    return _week(working_hours)


def usable_working_hours(working_hours: object) -> dict[str, list[str]]:
    """The readable days of stored working hours, as `clean_working_hours` would keep them: a
    stored value that went bad (a day with one time, an end before its start) is a day off."""
    return {
        day: [f"{span[0]:%H:%M}", f"{span[1]:%H:%M}"]
        for day, span in zip(WEEKDAYS, _week(working_hours), strict=True)
        if span is not None
    }


def has_working_time(working_hours: WorkingHours | None) -> bool:
    """True when at least one weekday has a readable window."""
    return any(_week(working_hours))


def weekly_working_minutes(working_hours: WorkingHours | None) -> int:
    """The minutes of one ordinary week's windows (wall clock: a clock change is not counted)."""
    return sum(_minutes_of(span) for span in _week(working_hours) if span)


def _minutes_of(span: tuple[time, time]) -> int:
    return (span[1].hour * 60 + span[1].minute) - (span[0].hour * 60 + span[0].minute)


def working_windows(
    start: datetime, end: datetime, *, time_zone: str, working_hours: WorkingHours | Week | None
) -> Iterator[tuple[datetime, datetime]]:
    """The working windows (as UTC moments) that overlap [start, end], each cut to that range, in order."""
    week = _week(working_hours)
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    if end <= start or not any(week):
        return
    zone = _zone(time_zone)
    # A day's window may begin before `start` in UTC terms and still overlap: begin a day early.
    first = start.astimezone(zone).date() - timedelta(days=1)
    last = end.astimezone(zone).date()
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        span = week[day.weekday()]
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
    working_hours: WorkingHours | Week | None,
    limit: int | None = None,
) -> int:
    """Whole minutes of working time between two moments (0 when `end` is not after `start`);
    with `limit`, counting stops once it is reached (the answer is then at least `limit`)."""
    week = _week(working_hours)
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    if end <= start or not any(week):
        return 0
    zone = _zone(time_zone)
    nominal_week = sum(_minutes_of(span) for span in week if span) * 60
    seconds = 0
    # A day's window may begin before `start` in UTC terms and still overlap: begin a day early.
    day, last = start.astimezone(zone).date() - timedelta(days=1), end.astimezone(zone).date()
    while day <= last and (limit is None or seconds < limit * 60):
        # A whole week inside the range without a clock change counts as the ordinary week, so a
        # deadline years away costs a few thousand steps, not tens of thousands.
        week_start = datetime.combine(day, time(0), tzinfo=zone)
        week_end = datetime.combine(day + timedelta(days=7), time(0), tzinfo=zone)
        if (
            start <= week_start.astimezone(UTC)
            and week_end.astimezone(UTC) <= end
            and week_start.utcoffset() == week_end.utcoffset()
        ):
            seconds += nominal_week
            day += timedelta(days=7)
            continue
        span = week[day.weekday()]
        if span is not None:
            opens, closes = _window(zone, day, span)
            opens, closes = max(opens, start), min(closes, end)
            if opens < closes:
                seconds += int((closes - opens).total_seconds())
        day += timedelta(days=1)
    return seconds // 60


def working_minutes_until(
    start: datetime, ends: Sequence[datetime], *, time_zone: str, working_hours: WorkingHours | Week | None
) -> list[int]:
    """working_minutes_between(start, end) for each of `ends`, in their order, from one walk over
    the windows up to the latest (many deadlines of one person cost one count, not one each)."""
    start = start.astimezone(UTC)
    ends = [end.astimezone(UTC) for end in ends]
    latest = max(ends, default=start)
    windows = list(working_windows(start, latest, time_zone=time_zone, working_hours=working_hours))
    closes = [closes for _, closes in windows]
    # Seconds of the windows before each one, each window counted in whole seconds as
    # working_minutes_between counts it.
    before = [0]
    for opens, closes_at in windows:
        before.append(before[-1] + int((closes_at - opens).total_seconds()))
    minutes = []
    for end in ends:
        done = bisect_right(closes, end)  # windows closed by `end`
        seconds = before[done]
        if done < len(windows) and windows[done][0] < end:
            seconds += int((end - windows[done][0]).total_seconds())
        minutes.append(seconds // 60 if end > start else 0)
    return minutes


def is_working_moment(moment: datetime, *, time_zone: str, working_hours: WorkingHours | None) -> bool:
    """True when `moment` falls inside one of the day's windows, both ends included."""
    zone = _zone(time_zone)
    day = moment.astimezone(zone).date()
    span = _week(working_hours)[day.weekday()]
    if span is None:
        return False
    opens, closes = _window(zone, day, span)
    return opens <= moment.astimezone(UTC) <= closes


def previous_working_end(moment: datetime, *, time_zone: str, working_hours: WorkingHours | None) -> datetime | None:
    """The end of the last window that closes at or before `moment`, in `time_zone`; None
    without any working day."""
    zone = _zone(time_zone)
    week = _week(working_hours)
    if not any(week):
        return None
    moment = moment.astimezone(UTC)
    local_day = moment.astimezone(zone).date()
    for offset in range(8):
        day = local_day - timedelta(days=offset)
        span = week[day.weekday()]
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
    week = _week(working_hours)
    if not any(week):
        return None
    start = start.astimezone(UTC)
    left = timedelta(minutes=minutes)
    first = start.astimezone(zone).date() - timedelta(days=1)
    for offset in range(_SEARCH_DAYS):
        day = first + timedelta(days=offset)
        span = week[day.weekday()]
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
    spans = _week(working_hours)
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
