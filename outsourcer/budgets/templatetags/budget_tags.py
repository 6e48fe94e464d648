"""Display helpers for budget, contract and time pages: money, percentages, durations."""

from django import template

from outsourcer.lib.money import format_money

register = template.Library()

STATUS_TEXT = {"ok": "On track", "warn": "Watch it", "over": "Over budget"}


@register.filter
def money(cents: int | None, currency: str) -> str:
    """{{ entry.amount_cents|money:entry.currency }} → "€1,200.50"."""
    return format_money(cents, currency)


@register.filter
def bar_width(percent: int | None) -> int:
    """A percentage clamped to 0–100 for a bar's width (the text shows the real number)."""
    return max(0, min(int(percent or 0), 100))


@register.filter
def budget_status(status: str) -> str:
    return STATUS_TEXT.get(status, status)


@register.filter
def duration(minutes: int | None) -> str:
    """95 → "1:35 h"; time entries are shown as hours:minutes, as people log them."""
    minutes = int(minutes or 0)
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours}:{rest:02d} h"


@register.filter
def percent_of(part: int | None, whole: int | None) -> str:
    """ "18 %" (floor), or "—" when there is no whole."""
    if not whole:
        return "—"
    return f"{int(part or 0) * 100 // int(whole)} %"


@register.filter
def rate(micros: int | None) -> str:
    """An exchange rate stored as micros: 921345 → "0.921345"."""
    from outsourcer.budgets.exchange import rate_text

    return rate_text(micros) if micros else "—"
