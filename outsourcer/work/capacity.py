"""Capacity used in one week: each committed task's estimate spread evenly over the contractor's
working time from now until its deadline, the week's share summed and set against the weekly
capacity they declared. Pure: no models, no clock.

A task whose deadline has passed, or leaves no working time before it, owes its whole estimate
now: it counts in full in the week that holds `now`. Shares are rounded to the minute."""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime

from outsourcer.lib.working_time import WorkingHours, working_minutes_until, working_week


@dataclass(frozen=True)
class Commitment:
    """A task's estimate (minutes still to work) and its deadline; `key` names it in the answer."""

    key: Hashable
    estimate_minutes: int
    deadline_at: datetime


@dataclass(frozen=True)
class WeekLoad:
    """The minutes each commitment needs in the week, their sum, and the declared capacity."""

    shares: tuple[tuple[Hashable, int], ...]
    planned_minutes: int
    capacity_minutes: int

    @property
    def percent(self) -> int | None:
        """Planned minutes as a whole percentage of capacity; None without any capacity."""
        if self.capacity_minutes <= 0:
            return None
        return (self.planned_minutes * 100 + self.capacity_minutes // 2) // self.capacity_minutes

    @property
    def is_over(self) -> bool:
        return self.planned_minutes > self.capacity_minutes

    @property
    def left_minutes(self) -> int:
        return max(self.capacity_minutes - self.planned_minutes, 0)


def _share(estimate: int, part: int, whole: int) -> int:
    # Integer half-up rounding: the same minutes on every machine.
    return (estimate * part * 2 + whole) // (whole * 2)


def week_load(
    commitments: Iterable[Commitment],
    *,
    week_start: datetime,
    week_end: datetime,
    now: datetime,
    time_zone: str,
    working_hours: WorkingHours | None,
    capacity_minutes: int,
) -> WeekLoad:
    """The load of the week [week_start, week_end) for `commitments`, seen at `now`: a past week
    plans nothing; a commitment counts from `now` (or the week's start, if later) to its deadline."""
    shares = []
    now_in_week = week_start <= now < week_end
    hours = {"time_zone": time_zone, "working_hours": working_week(working_hours)}
    owed = [c for c in commitments if c.estimate_minutes > 0]
    # Each estimate's working time to its deadline, and the week's part of it: one count each.
    wholes = working_minutes_until(now, [c.deadline_at for c in owed], **hours)
    parts = working_minutes_until(max(now, week_start), [min(c.deadline_at, week_end) for c in owed], **hours)
    for commitment, whole, part in zip(owed, wholes, parts, strict=True):
        estimate = commitment.estimate_minutes
        if whole == 0:
            # Overdue, or no working time left: the whole estimate is owed now.
            minutes = estimate if now_in_week else 0
        else:
            minutes = _share(estimate, part, whole)
        if minutes:
            shares.append((commitment.key, minutes))
    return WeekLoad(
        shares=tuple(shares),
        planned_minutes=sum(minutes for _, minutes in shares),
        capacity_minutes=max(capacity_minutes, 0),
    )
