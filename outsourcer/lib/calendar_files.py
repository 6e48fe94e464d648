"""iCalendar files (RFC 5545) made with the `icalendar` library: one VCALENDAR of any number of
events, for an e-mailed invitation (METHOD:REQUEST, an update with the same UID and a higher
SEQUENCE, METHOD:CANCEL) or a calendar feed (no METHOD). Pure: no models, no settings.

Times are written in UTC ("…Z") unless an event names a `time_zone`: then DTSTART/DTEND carry
that TZID and the calendar holds its VTIMEZONE, so a client shows the meeting where it was set even
if the zone's rules change later. An event on a `date` is an all-day event (DTSTART;VALUE=DATE);
an event without `ends_at` is a moment, such as a deadline (DTSTART alone: RFC 5545 §3.6.1 reads
it as ending when it starts)."""

import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import icalendar
from django.utils import timezone

PRODUCT_ID = "-//Outsourcer//Outsourcer//EN"
METHODS = frozenset({"REQUEST", "CANCEL", "PUBLISH"})
STATUSES = frozenset({"CONFIRMED", "TENTATIVE", "CANCELLED"})
CONTENT_TYPE = "text/calendar"


@dataclass(frozen=True)
class Person:
    """An organizer or attendee: a name to show and the address replies go to."""

    name: str
    email: str


@dataclass(frozen=True)
class CalendarEvent:
    """One VEVENT. `uid` is stable for the life of the meeting; `sequence` grows with each change
    sent to attendees (a rescheduled meeting keeps its uid and gets sequence + 1)."""

    uid: str
    starts_at: datetime | date
    ends_at: datetime | date | None
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    organizer: Person | None = None
    attendees: tuple[Person, ...] = ()
    sequence: int = 0
    status: str = "CONFIRMED"
    time_zone: str = ""
    stamp: datetime | None = None
    categories: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.is_all_day:
            if self.ends_at is not None and (isinstance(self.ends_at, datetime) or self.ends_at <= self.starts_at):
                raise ValueError("An all-day event ends on a later date (the day after its last day).")
        else:
            for moment in (self.starts_at, self.ends_at):
                if moment is None:
                    continue
                if not isinstance(moment, datetime) or moment.tzinfo is None or moment.utcoffset() is None:
                    raise ValueError("Calendar events need aware datetimes.")
            if self.ends_at is not None and self.ends_at <= self.starts_at:
                raise ValueError("A calendar event must end after it starts.")
        if self.status not in STATUSES:
            raise ValueError(f"Unknown event status {self.status!r}.")

    @property
    def is_all_day(self) -> bool:
        return not isinstance(self.starts_at, datetime)

    @property
    def last_moment(self) -> datetime | date:
        return self.starts_at if self.ends_at is None else self.ends_at


def _address(person: Person, **params: str) -> icalendar.vCalAddress:
    address = icalendar.vCalAddress(f"mailto:{person.email}")
    if person.name:
        address.params["CN"] = person.name
    for key, value in params.items():
        address.params[key] = value
    return address


def _moment(moment: datetime, time_zone: str) -> datetime:
    if time_zone:
        return moment.astimezone(zoneinfo.ZoneInfo(time_zone))
    return moment.astimezone(UTC)


def _vevent(event: CalendarEvent, *, now: datetime) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", (event.stamp or now).astimezone(UTC))
    if event.is_all_day:
        vevent.add("dtstart", event.starts_at)
        vevent.add("dtend", event.ends_at or event.starts_at + timedelta(days=1))
    else:
        vevent.add("dtstart", _moment(event.starts_at, event.time_zone))
        if event.ends_at is not None:
            vevent.add("dtend", _moment(event.ends_at, event.time_zone))
    vevent.add("sequence", event.sequence)
    vevent.add("status", event.status)
    vevent.add("summary", event.summary)
    if event.description:
        vevent.add("description", event.description)
    if event.location:
        vevent.add("location", event.location)
    if event.url:
        vevent.add("url", event.url)
    if event.categories:
        vevent.add("categories", list(event.categories))
    if event.organizer is not None:
        vevent.add("organizer", _address(event.organizer))
    for attendee in event.attendees:
        vevent.add(
            "attendee",
            _address(attendee, ROLE="REQ-PARTICIPANT", PARTSTAT="NEEDS-ACTION", RSVP="TRUE", CUTYPE="INDIVIDUAL"),
        )
    return vevent


def calendar_bytes(
    events: Iterable[CalendarEvent], *, method: str | None = "REQUEST", name: str = "", now: datetime | None = None
) -> bytes:
    """The .ics file of `events`: METHOD `method` ("REQUEST" for an invitation or its update,
    "CANCEL" to call it off, None for a feed), a VTIMEZONE for every zone an event names, and
    `name` as the calendar's display name when given."""
    if method is not None and method not in METHODS:
        raise ValueError(f"Unknown iTIP method {method!r}.")
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method is not None:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    now = now or timezone.now()
    events = list(events)
    for event in events:
        calendar.add_component(_vevent(event, now=now))
    timed = [event for event in events if event.time_zone and not event.is_all_day]
    if timed:
        # The zones' rules around the events only: a VTIMEZONE for 1970–2038 is kilobytes of RDATEs.
        first = min(event.starts_at for event in timed).date() - timedelta(days=366)
        last = max(event.last_moment for event in timed).date() + timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def calendar_attachment(
    events: Iterable[CalendarEvent], *, method: str | None = "REQUEST", filename: str = "invite.ics"
) -> tuple[str, bytes, str]:
    """(filename, content, mimetype) of an .ics file, the shape e-mail attachments take."""
    return filename, calendar_bytes(events, method=method), CONTENT_TYPE
