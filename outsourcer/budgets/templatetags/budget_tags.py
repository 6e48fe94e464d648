"""Display helpers for budget and contract pages: bars, statuses, percentages, exchange rates
(money and durations: the `display` library)."""

from django import template

register = template.Library()

STATUS_TEXT = {"ok": "On track", "warn": "Watch it", "over": "Over budget"}


@register.filter
def bar_width(percent: int | None) -> int:
    """A percentage clamped to 0–100 for a bar's width (the text shows the real number)."""
    return max(0, min(int(percent or 0), 100))


@register.filter
def budget_status(status: str) -> str:
    return STATUS_TEXT.get(status, status)


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
