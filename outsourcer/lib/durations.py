"""Durations are integer minutes everywhere; these are the only conversions to and from text.

- decimal hours ("7.5") for inputs that ask for hours (capacity, hour caps) and for CSV files;
- clock text ("1:30") for the time-entry input, which also takes "90", "1h 30m", "45m";
- `duration_text` ("1 h 30 min", "40 h") for showing a duration anywhere (pages, messages, ledger).
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_CLOCK = re.compile(
    r"^(?:(\d{1,2}):([0-5]\d)|(\d{1,4})|(\d{1,2})\s*h(?:\s*(\d{1,2})\s*m(?:in)?)?|(\d{1,4})\s*m(?:in)?)$"
)


def hours_to_minutes(hours: Decimal | int) -> int:
    """Decimal hours → whole minutes, half a minute rounding up (7.5 → 450, 0.01 → 1)."""
    return int((Decimal(hours) * 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def minutes_to_hours(minutes: int) -> str:
    """Minutes → decimal hours for an input: "40", "7.5", "0.33" (at most two decimals)."""
    text = f"{Decimal(minutes) / 60:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def parse_hours(text: str, *, maximum: Decimal | int | None = None) -> int | None:
    """ "7.5" or "7,5" (hours) → minutes; None unless it is a number from 0 to `maximum`."""
    try:
        hours = Decimal((text or "").strip().replace(",", "."))
    except InvalidOperation:
        return None
    if not hours.is_finite() or hours < 0 or (maximum is not None and hours > maximum):
        return None
    return hours_to_minutes(hours)


def parse_duration(text: str) -> int | None:
    """ "1:30", "90", "1h 30m", "2h", "45m" → minutes; None when it is none of these."""
    match = _CLOCK.match((text or "").strip().lower())
    if not match:
        return None
    hours_colon, minutes_colon, plain, hours_h, minutes_h, minutes_m = match.groups()
    if hours_colon is not None:
        return int(hours_colon) * 60 + int(minutes_colon)
    if plain is not None:
        return int(plain)
    if hours_h is not None:
        return int(hours_h) * 60 + int(minutes_h or 0)
    return int(minutes_m)


def clock_text(minutes: int) -> str:
    """Minutes → "1:30", the form parse_duration reads back."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def duration_text(minutes: int | None) -> str:
    """Minutes → "1 h 30 min", "40 h", "0 h 05 min", "-2 h" (the one way a duration is shown)."""
    minutes = int(minutes or 0)
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours} h {rest:02d} min" if rest else f"{sign}{hours} h"
