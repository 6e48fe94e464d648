"""Display helpers for task pages: a moment in a named zone (the contractor's, the organization's)."""

from django import template

from outsourcer.lib.working_time import moment_text

register = template.Library()


@register.filter
def in_zone(moment, time_zone: str) -> str:
    """ "Fri 21 Mar 2025 17:00" in `time_zone` (UTC when it is not a zone); "" without a moment."""
    if moment is None:
        return ""
    return moment_text(moment, time_zone or "UTC", with_date=True)
