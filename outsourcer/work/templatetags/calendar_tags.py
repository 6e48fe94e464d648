"""The calendar feed's state for the account pages that show it (one query)."""

from django import template

from outsourcer.lib.durations import duration_text
from outsourcer.work.models import CalendarFeed

register = template.Library()


@register.simple_tag
def calendar_feed_of(user):
    if not getattr(user, "is_authenticated", False):
        return None
    return CalendarFeed.objects.filter(user=user).first()


@register.filter
def duration(minutes) -> str:
    """Minutes as "1 h 30 min" (lib/durations.py)."""
    return duration_text(minutes)
