"""Budget periods: which stretch of days a spend entry belongs to. Pure functions, no queries.

Recurring budgets follow the calendar: monthly = calendar months, quarterly = Jan–Mar, Apr–Jun,
Jul–Sep, Oct–Dec, yearly = Jan–Dec. The first period begins on `starts_on` (it may be partial),
the last ends on `ends_on` (when set). A one-off budget has one period: starts_on..ends_on.
Calendar periods keep the SQL figures simple (one `Trunc` per kind) and match how small
businesses book; fiscal years that start in another month are a known limitation (docs/money.md).
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from outsourcer.lib.timezones import today_in

ONE_OFF, MONTHLY, QUARTERLY, YEARLY = "one_off", "monthly", "quarterly", "yearly"
PERIOD_MONTHS = {MONTHLY: 1, QUARTERLY: 3, YEARLY: 12}


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clipped to the month's last day (Jan 31 + 1 → Feb 28/29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def calendar_period(kind: str, day: date) -> Period:
    """The calendar month, quarter or year that contains `day`."""
    if kind == MONTHLY:
        start = month_start(day)
    elif kind == QUARTERLY:
        start = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    elif kind == YEARLY:
        start = date(day.year, 1, 1)
    else:
        raise ValueError(f"{kind!r} is not a recurring period")
    return Period(start, add_months(start, PERIOD_MONTHS[kind]) - timedelta(days=1))


def period_for(*, kind: str, starts_on: date, ends_on: date | None, day: date) -> Period:
    """The budget period that contains `day`, clamped into the budget's dates: a day before the
    budget starts maps to its first period, a day after it ends to its last. Callers that must
    reject such days check `covers(...)` first."""
    if kind == ONE_OFF:
        if ends_on is None:
            raise ValueError("a one-off budget needs ends_on")
        return Period(starts_on, ends_on)
    reference = max(day, starts_on)
    if ends_on is not None:
        reference = min(reference, ends_on)
    period = calendar_period(kind, reference)
    return Period(max(period.start, starts_on), min(period.end, ends_on) if ends_on else period.end)


def covers(*, starts_on: date, ends_on: date | None, day: date) -> bool:
    return starts_on <= day and (ends_on is None or day <= ends_on)


def budget_period(budget, day: date) -> Period:
    """`period_for` for a Budget instance."""
    return period_for(kind=budget.period, starts_on=budget.starts_on, ends_on=budget.ends_on, day=day)


def periods_between(*, kind: str, starts_on: date, ends_on: date | None, until: date) -> list[Period]:
    """Every period of a budget from its first one up to the one containing `until` (oldest first)."""
    last = period_for(kind=kind, starts_on=starts_on, ends_on=ends_on, day=until)
    if kind == ONE_OFF:
        return [last]
    periods = []
    day = starts_on
    while True:
        period = period_for(kind=kind, starts_on=starts_on, ends_on=ends_on, day=day)
        periods.append(period)
        if period.start >= last.start:
            return periods
        day = period.end + timedelta(days=1)


def months_in(start: date, end: date) -> list[date]:
    """First days of every calendar month touched by start..end (inclusive); empty when end < start."""
    if end < start:
        return []
    return [add_months(month_start(start), i) for i in range(month_index(end) - month_index(start) + 1)]


def iso_week(day: date) -> Period:
    monday = day - timedelta(days=day.weekday())
    return Period(monday, monday + timedelta(days=6))


def today_for(organization) -> date:
    """Today in the organization's time zone: a budget period turns over at its local midnight."""
    return today_in(organization.time_zone)
