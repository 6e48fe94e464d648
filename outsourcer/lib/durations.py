"""Durations are integer minutes everywhere; these are the only conversions to and from text.

- decimal hours ("7.5") for inputs that ask for hours (capacity, hour caps) and for CSV files;
- the time-entry input (`parse_duration`): hours ("2", "1.5", "1,5"), "1:30", "90m", "2h 15m";
- `duration_text` ("1 h 30 min", "40 h") for showing a duration anywhere (pages, messages, ledger).
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_HOURS = r"h(?:ours?|rs?)?"
_MINUTES = r"m(?:in(?:utes?|s)?)?"
_DURATION = re.compile(
    r"(?P<clock_h>\d{1,2}):(?P<clock_m>[0-5]\d)"
    rf"|(?P<hours>\d{{1,3}}(?:[.,]\d{{1,2}})?|[.,]\d{{1,2}})(?:\s*{_HOURS})?"
    rf"|(?P<h>\d{{1,2}})\s*{_HOURS}\s*(?P<m>\d{{1,2}})(?:\s*{_MINUTES})?"
    rf"|(?P<minutes>\d{{1,4}})\s*{_MINUTES}"
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
    """Time worked as people type it → minutes; None when it is none of these.

    A bare number is hours ("2", "1.5", "1,5"); minutes need their unit ("90m", "45 min"); also
    "1:30", "2h 15m", "2 h 15 min". Decimal hours round to the nearest minute ("0.01" → 1).
    """
    match = _DURATION.fullmatch((text or "").strip().lower())
    if not match:
        return None
    if match["clock_h"] is not None:
        return int(match["clock_h"]) * 60 + int(match["clock_m"])
    if match["hours"] is not None:
        return hours_to_minutes(Decimal(match["hours"].replace(",", ".")))
    if match["h"] is not None:
        minutes = int(match["m"])
        return int(match["h"]) * 60 + minutes if minutes < 60 else None
    return int(match["minutes"])


def clock_text(minutes: int) -> str:
    """Minutes → "1:30", the form parse_duration reads back."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def duration_text(minutes: int | None) -> str:
    """Minutes → "1 h 30 min", "40 h", "0 h 05 min", "-2 h" (the one way a duration is shown)."""
    minutes = int(minutes or 0)
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours} h {rest:02d} min" if rest else f"{sign}{hours} h"
