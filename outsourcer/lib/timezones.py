"""Time zones and working hours: validation, form choices and "their time" text."""

import zoneinfo
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from pathlib import Path

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
    """Any zone the database knows, aliases included: what a stored value may be read as."""
    return name in available_time_zones()


def today_in(name: str) -> date:
    """Today's date in the named zone; UTC when the stored name is not a zone (it must not take a
    page down). A contractor's "today" and an organization's can differ: near midnight UTC, Berlin
    may be a day ahead of Lisbon."""
    return timezone.localdate(timezone=_zone(name))


def date_in(moment: datetime, name: str) -> date:
    """The date of an aware `moment` in the named zone (UTC when the name is not a zone), so it
    compares with `today_in(name)`."""
    return timezone.localdate(moment, timezone=_zone(name))


def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name) if is_time_zone(name) else zoneinfo.ZoneInfo("UTC")


def _tz_table(filename: str) -> list[list[str]]:
    """The rows of one of the time zone database's tables (zone.tab, iso3166.tab, tzdata.zi)."""
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / filename
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            return [line.split("\t") if "\t" in line else line.split() for line in lines if line and line[0] != "#"]
    return []


# The areas canonical zones live in; used only when the database ships without zone.tab.
_AREAS = (
    "Africa/",
    "America/",
    "Antarctica/",
    "Arctic/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
)


@cache
def listed_time_zones() -> dict[str, str]:
    """Zone → the place it is named after ("Lisbon, Portugal"): one zone per region a person lives
    in (zone.tab) and one UTC. Aliases and oddities (Factory, localtime, posixrules, US/Eastern,
    Etc/GMT+5, Asia/Calcutta) are left out; `canonical_time_zone` still understands the aliases."""
    countries = {row[0]: row[1] for row in _tz_table("iso3166.tab") if len(row) >= 2}
    places = {}
    for row in _tz_table("zone.tab"):
        if len(row) >= 3 and row[2] in available_time_zones():
            country = countries.get(row[0], "")
            places[row[2]] = ", ".join(part for part in (_city(row[2]), country) if part)
    if not places:
        places = {name: _city(name) for name in available_time_zones() if name.startswith(_AREAS)}
    places["UTC"] = "Coordinated Universal Time"
    return dict(sorted(places.items()))


def _city(name: str) -> str:
    return name.rsplit("/", 1)[-1].replace("_", " ")


@cache
def _links() -> dict[str, str]:
    """Alias → the listed zone it stands for ("Asia/Calcutta" → "Asia/Kolkata"), from tzdata.zi."""
    listed = listed_time_zones()
    targets = {row[2]: row[1] for row in _tz_table("tzdata.zi") if len(row) == 3 and row[0] == "L"}
    links = {}
    for alias, target in targets.items():
        for _ in range(5):  # links may point at links
            if target in listed or target not in targets:
                break
            target = targets[target]
        if target in listed:
            links[alias] = target
    links.update({"Etc/UTC": "UTC", "Etc/UCT": "UTC", "UCT": "UTC", "Universal": "UTC", "Zulu": "UTC"})
    return links


@cache
def _lowered_names() -> dict[str, str]:
    return {zone.lower(): zone for zone in (*listed_time_zones(), *_links())}


def canonical_time_zone(name: str) -> str | None:
    """The listed zone `name` means (itself, or the zone an alias stands for), case aside; None
    when it names no listed zone."""
    listed = listed_time_zones()
    if name in listed:
        return name
    found = _lowered_names().get(name.strip().lower())
    return _links().get(found, found) if found else None


def time_zone_from_text(text: str) -> str | None:
    """What a person typed into a time zone picker → a listed zone, or None. Takes the picker's own
    labels ("Europe/Lisbon — Lisbon, Portugal (UTC+0)"), zone names and aliases in any case, and a
    city on its own ("lisbon") when only one zone is named after it."""
    head = text.split("—", 1)[0].strip()
    if not head:
        return None
    if zone := canonical_time_zone(head):
        return zone
    wanted = head.lower().replace("_", " ")
    matches = [zone for zone in listed_time_zones() if _city(zone).lower() == wanted]
    return matches[0] if len(matches) == 1 else None


def utc_offset_text(name: str, on: date) -> str:
    """The zone's offset on that day (at noon UTC), like "UTC+1", "UTC+5:30" or "UTC-3"."""
    moment = datetime.combine(on, time(12), tzinfo=UTC).astimezone(zoneinfo.ZoneInfo(name))
    minutes = int(moment.utcoffset().total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def time_zone_label(name: str, on: date) -> str:
    """ "Europe/Lisbon — Lisbon, Portugal (UTC+0)": the name stored, the place, the offset on `on`."""
    place = listed_time_zones().get(name) or _city(name)
    return f"{name} — {place} ({utc_offset_text(name, on)})"


@lru_cache(maxsize=4)
def time_zone_choices(on: date) -> tuple[tuple[str, str], ...]:
    """Every listed zone as (name, label) with the offset on `on` (summer and winter differ), by name."""
    return tuple((name, time_zone_label(name, on)) for name in listed_time_zones())


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


def paired_time_text(moment: datetime, time_zone: str, their_zone: str, their_name: str) -> str:
    """ "Tue 15:00 · 14:00 Tue for Carol": `moment` in `time_zone`, then in theirs. Unknown zones
    read as UTC (a stored oddity must not take a page down)."""
    here = moment.astimezone(_zone(time_zone))
    there = moment.astimezone(_zone(their_zone))
    return f"{here:%a %H:%M} · {there:%H:%M %a} for {their_name}"


def working_window_misses(starts_at: datetime, ends_at: datetime, time_zone: str, working_hours: dict | None) -> bool:
    """True when [starts_at, ends_at) is not inside one of the working windows (in `time_zone`) of
    the day it starts on. Without declared working hours nothing is outside them."""
    hours = working_hours or {}
    if not hours:
        return False
    zone = _zone(time_zone)
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    span = hours.get(WEEKDAYS[start.weekday()])
    if not span:
        return True
    try:
        opens, closes = (_parse_clock(str(part)) for part in span)
    except WorkingHoursError:
        return False
    window_start = datetime.combine(start.date(), opens, tzinfo=zone)
    window_end = datetime.combine(start.date(), closes, tzinfo=zone)
    return not (window_start <= start and end <= window_end)
