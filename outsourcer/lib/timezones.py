"""Time zones and working hours: validation, form choices and "their time" text."""

import zoneinfo
from datetime import date, datetime, time, timedelta
from functools import cache

from django.utils import timezone

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_LABELS = dict(
    zip(WEEKDAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"), strict=True)
)
DEFAULT_WORKING_HOURS = {day: ["09:00", "17:00"] for day in WEEKDAYS[:5]}


@cache
def available_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def is_time_zone(name: str) -> bool:
    return name in available_time_zones()


def today_in(name: str) -> date:
    """Today's date in the named zone; UTC when the stored name is not a zone (it must not take a
    page down). A contractor's "today" and an organization's can differ: near midnight UTC, Berlin
    may be a day ahead of Lisbon."""
    zone = zoneinfo.ZoneInfo(name) if is_time_zone(name) else zoneinfo.ZoneInfo("UTC")
    return timezone.localdate(timezone=zone)


def date_in(moment: datetime, name: str) -> date:
    """The date `moment` falls on in the named zone (UTC for a name that is not a zone)."""
    zone = zoneinfo.ZoneInfo(name) if is_time_zone(name) else zoneinfo.ZoneInfo("UTC")
    return timezone.localdate(moment, timezone=zone)


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(available_time_zones())]


class WorkingHoursError(ValueError):
    pass


def _parse_clock(value: str) -> time:
    try:
        hours, minutes = value.split(":")
        return time(int(hours), int(minutes))
    except (ValueError, AttributeError):
        raise WorkingHoursError(f"“{value}” is not a time of day like 09:00.") from None


def clean_working_hours(value: object) -> dict[str, list[str]]:
    """Validate `{"mon": ["09:00", "17:00"], …}`; days left out are days off. Raises WorkingHoursError."""
    if not isinstance(value, dict):
        raise WorkingHoursError("Working hours must map weekdays (mon…sun) to [start, end].")
    cleaned: dict[str, list[str]] = {}
    for day, span in value.items():
        if day not in WEEKDAYS:
            raise WorkingHoursError(f"“{day}” is not a weekday; use mon, tue, wed, thu, fri, sat, sun.")
        if span in (None, [], ""):
            continue
        if not isinstance(span, (list, tuple)) or len(span) != 2:
            raise WorkingHoursError(f"{WEEKDAY_LABELS[day]}: give a start and an end time.")
        start, end = (_parse_clock(str(part)) for part in span)
        if end <= start:
            raise WorkingHoursError(f"{WEEKDAY_LABELS[day]}: the end must be after the start.")
        cleaned[day] = [start.strftime("%H:%M"), end.strftime("%H:%M")]
    return {day: cleaned[day] for day in WEEKDAYS if day in cleaned}


def local_time_text(moment: datetime, time_zone: str) -> str:
    """“Sat 09:00” in `time_zone`."""
    return moment.astimezone(zoneinfo.ZoneInfo(time_zone)).strftime("%a %H:%M")


def next_working_moment(moment: datetime, time_zone: str, working_hours: dict | None) -> datetime:
    """`moment` when it falls inside the working hours (in `time_zone`), else the start of the next
    working window, as an aware datetime. Without any working day, or with an unknown zone, it is
    `moment`: a message must not wait forever for a window that never comes."""
    hours = working_hours or {}
    if not hours:
        return moment
    zone = zoneinfo.ZoneInfo(time_zone) if is_time_zone(time_zone) else zoneinfo.ZoneInfo("UTC")
    local = moment.astimezone(zone)
    for offset in range(8):
        day = local.date() + timedelta(days=offset)
        span = hours.get(WEEKDAYS[day.weekday()])
        if not span:
            continue
        try:
            start, end = (_parse_clock(str(part)) for part in span)
        except WorkingHoursError:
            continue
        opens = datetime.combine(day, start, tzinfo=zone)
        closes = datetime.combine(day, end, tzinfo=zone)
        if offset == 0 and opens <= local < closes:
            return moment
        if local < opens:
            return opens
    return moment
