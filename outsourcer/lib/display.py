"""The template library every page loads for money and durations: `{% load display %}`
(registered in settings.TEMPLATES, so it needs no app)."""

from django import template

from outsourcer.lib.durations import duration_text
from outsourcer.lib.money import format_money

register = template.Library()


@register.filter
def money(cents: int | None, currency: str) -> str:
    """{{ entry.amount_cents|money:entry.currency }} → "€1,200.50"."""
    return format_money(cents, currency)


@register.filter
def duration(minutes: int | None) -> str:
    """{{ entry.minutes|duration }} → "1 h 30 min"; capacities read "40 h"."""
    return duration_text(minutes)
