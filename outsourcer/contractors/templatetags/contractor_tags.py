"""Display helpers for contractor pages: money, hours, working hours and "their time now"."""

from django import template

from outsourcer.contractors.forms import minutes_to_hours
from outsourcer.lib.money import format_money
from outsourcer.lib.timezones import WEEKDAY_LABELS, WEEKDAYS, local_time_text

register = template.Library()


@register.simple_tag
def money(cents: int, currency: str) -> str:
    return format_money(cents, currency)


@register.filter
def hours(minutes: int | None) -> str:
    """2400 → "40 h"."""
    return f"{minutes_to_hours(minutes or 0)} h"


@register.filter
def signed_hours(minutes: int) -> str:
    return f"-{minutes_to_hours(-minutes)} h" if minutes < 0 else f"{minutes_to_hours(minutes)} h"


@register.simple_tag
def their_time(moment, time_zone: str) -> str:
    """The contractor's local time for `moment` ("Sat 09:00"); empty for an unknown zone."""
    try:
        return local_time_text(moment, time_zone)
    except (ValueError, KeyError):
        return ""


@register.filter
def working_days(hours: dict | None) -> list[tuple[str, str]]:
    """[("Monday", "09:00–17:00"), …, ("Sunday", "off")]."""
    hours = hours or {}
    return [(WEEKDAY_LABELS[day], "–".join(hours[day]) if day in hours else "off") for day in WEEKDAYS]


_EVENT_TEXT = {
    "contractor_added": "Added to the directory",
    "contractor_updated": "Details or notes edited",
    "contractor_invited": "Invited to create an account",
    "contractor_joined": "Accepted the invitation",
    "contractor_profile_updated": "Updated their own profile",
    "engagement_capacity_changed": "Changed the hours they give you",
}


@register.filter
def event_text(event) -> str:
    """A readable line for an engagement's audit event."""
    if event.action == "engagement_status_changed":
        before, after = (event.before or {}).get("status", "?"), (event.after or {}).get("status", "?")
        return f"Status changed from {before} to {after}"
    return _EVENT_TEXT.get(event.action, event.action.replace("_", " ").capitalize())
