"""Display helpers for contractor pages: working hours, "their time now" and engagement history
(money and durations: the `display` library)."""

from django import template

from outsourcer.contractors import events
from outsourcer.lib.timezones import WEEKDAY_LABELS, WEEKDAYS, local_time_text

register = template.Library()


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


# An engagement's history reads from the contractor's side, not as the activity page's verb phrase.
_EVENT_TEXT = {
    events.CONTRACTOR_ADDED.name: "Added to the directory",
    events.CONTRACTOR_UPDATED.name: "Details or notes edited",
    events.CONTRACTOR_INVITED.name: "Invited to create an account",
    events.CONTRACTOR_JOINED.name: "Accepted the invitation",
    events.CONTRACTOR_PROFILE_UPDATED.name: "Updated their own profile",
    events.ENGAGEMENT_CAPACITY_CHANGED.name: "Changed the hours they give you",
}


@register.filter
def event_text(event) -> str:
    """A readable line for an engagement's audit event."""
    if event.action == events.ENGAGEMENT_STATUS_CHANGED.name:
        before, after = (event.before or {}).get("status", "?"), (event.after or {}).get("status", "?")
        return f"Status changed from {before} to {after}"
    return _EVENT_TEXT.get(event.action, event.action.replace("_", " ").capitalize())
