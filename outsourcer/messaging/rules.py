"""Pure rules of threads: what an attachment may be, and how a held message's arrival reads
to the sender ("reaches Carol at 09:00 their time (in 7 h)")."""

import math
import zoneinfo
from datetime import datetime

from outsourcer.lib.timezones import is_time_zone

MAX_BODY = 5_000
ATTACHMENT_KINDS = ("pdf", "png", "jpeg", "webp")
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


def first_name(name: str) -> str:
    return (name.split() or ["them"])[0]


def wait_text(minutes: int) -> str:
    """45 → "45 min"; 420 → "7 h"; 450 → "7 h 30 min"."""
    if minutes < 60:
        return f"{max(minutes, 1)} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h" + (f" {rest} min" if rest else "")


def arrival_text(deliver_at: datetime, now: datetime, *, time_zone: str, name: str) -> str:
    """ "reaches Carol at 09:00 their time (in 7 h)" — or "on Mon at 09:00" when it is not their
    today. The wait is real elapsed time, so a clock change in between does not skew it."""
    zone = zoneinfo.ZoneInfo(time_zone if is_time_zone(time_zone) else "UTC")
    there, today = deliver_at.astimezone(zone), now.astimezone(zone)
    when = f"at {there:%H:%M}" if there.date() == today.date() else f"on {there:%a} at {there:%H:%M}"
    minutes = math.ceil((deliver_at - now).total_seconds() / 60)
    return f"reaches {first_name(name)} {when} their time (in {wait_text(minutes)})"
