"""budgets/periods.py: the branches and boundaries test_periods.py leaves out (errors, open and
closed ends, year boundaries, the organization's today), written against mutants."""

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest
import time_machine
from django.utils import timezone

from outsourcer.budgets.periods import (
    Period,
    add_months,
    budget_period,
    calendar_period,
    covers,
    iso_week,
    month_end,
    month_index,
    month_start,
    months_in,
    period_for,
    periods_between,
    today_for,
)


def test_a_period_counts_its_days_and_contains_both_ends():
    period = Period(date(2025, 2, 1), date(2025, 2, 28))

    assert period.days == 28
    assert Period(date(2025, 3, 5), date(2025, 3, 5)).days == 1
    assert date(2025, 2, 1) in period and date(2025, 2, 28) in period
    assert date(2025, 1, 31) not in period and date(2025, 3, 1) not in period


def test_month_helpers_at_the_edges():
    assert month_start(date(2025, 12, 31)) == date(2025, 12, 1)
    assert month_end(date(2024, 2, 10)) == date(2024, 2, 29)
    assert month_end(date(2025, 2, 10)) == date(2025, 2, 28)
    assert month_end(date(2025, 12, 1)) == date(2025, 12, 31)
    assert month_index(date(2025, 3, 9)) == 2025 * 12 + 2
    assert month_index(date(2026, 1, 1)) - month_index(date(2025, 12, 31)) == 1
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 12, 15), 1) == date(2026, 1, 15)
    assert add_months(date(2025, 3, 31), -1) == date(2025, 2, 28)
    assert add_months(date(2025, 5, 20), 0) == date(2025, 5, 20)


@pytest.mark.parametrize(
    ("kind", "day", "expected"),
    [
        ("quarterly", date(2025, 1, 1), Period(date(2025, 1, 1), date(2025, 3, 31))),
        ("quarterly", date(2025, 3, 31), Period(date(2025, 1, 1), date(2025, 3, 31))),
        ("quarterly", date(2025, 4, 1), Period(date(2025, 4, 1), date(2025, 6, 30))),
        ("quarterly", date(2025, 9, 30), Period(date(2025, 7, 1), date(2025, 9, 30))),
        ("quarterly", date(2025, 10, 1), Period(date(2025, 10, 1), date(2025, 12, 31))),
        ("monthly", date(2025, 12, 31), Period(date(2025, 12, 1), date(2025, 12, 31))),
        ("yearly", date(2024, 12, 31), Period(date(2024, 1, 1), date(2024, 12, 31))),
    ],
)
def test_calendar_period_boundaries(kind, day, expected):
    assert calendar_period(kind, day) == expected


@pytest.mark.parametrize("kind", ["one_off", "weekly", ""])
def test_calendar_period_refuses_a_kind_that_does_not_recur(kind):
    with pytest.raises(ValueError, match=f"^{kind!r} is not a recurring period$"):
        calendar_period(kind, date(2025, 1, 1))


def test_a_one_off_budget_without_an_end_is_an_error():
    with pytest.raises(ValueError, match="^a one-off budget needs ends_on$"):
        period_for(kind="one_off", starts_on=date(2025, 1, 1), ends_on=None, day=date(2025, 1, 2))


def test_an_open_ended_budget_runs_whole_calendar_periods_after_the_first():
    args = {"kind": "yearly", "starts_on": date(2025, 6, 15), "ends_on": None}

    assert period_for(**args, day=date(2025, 1, 1)) == Period(date(2025, 6, 15), date(2025, 12, 31))
    assert period_for(**args, day=date(2027, 3, 3)) == Period(date(2027, 1, 1), date(2027, 12, 31))


def test_the_last_day_belongs_to_the_last_period():
    args = {"kind": "monthly", "starts_on": date(2025, 1, 1), "ends_on": date(2025, 3, 31)}

    assert period_for(**args, day=date(2025, 3, 31)) == Period(date(2025, 3, 1), date(2025, 3, 31))
    assert period_for(**args, day=date(2025, 4, 1)) == Period(date(2025, 3, 1), date(2025, 3, 31))


def test_covers_includes_both_ends():
    assert covers(starts_on=date(2025, 1, 1), ends_on=date(2025, 1, 31), day=date(2025, 1, 1))
    assert covers(starts_on=date(2025, 1, 1), ends_on=date(2025, 1, 31), day=date(2025, 1, 31))
    assert not covers(starts_on=date(2025, 1, 1), ends_on=date(2025, 1, 31), day=date(2025, 2, 1))
    assert not covers(starts_on=date(2025, 1, 1), ends_on=None, day=date(2024, 12, 31))
    assert covers(starts_on=date(2025, 1, 1), ends_on=None, day=date(2099, 1, 1))


def test_budget_period_reads_the_budgets_fields():
    budget = SimpleNamespace(period="quarterly", starts_on=date(2025, 2, 10), ends_on=date(2025, 11, 20))

    assert budget_period(budget, date(2025, 2, 11)) == Period(date(2025, 2, 10), date(2025, 3, 31))
    assert budget_period(budget, date(2025, 11, 1)) == Period(date(2025, 10, 1), date(2025, 11, 20))


def test_periods_between_stops_at_the_budgets_end():
    periods = periods_between(
        kind="monthly", starts_on=date(2025, 1, 20), ends_on=date(2025, 3, 10), until=date(2025, 12, 1)
    )

    assert periods == [
        Period(date(2025, 1, 20), date(2025, 1, 31)),
        Period(date(2025, 2, 1), date(2025, 2, 28)),
        Period(date(2025, 3, 1), date(2025, 3, 10)),
    ]


def test_periods_between_lists_consecutive_months_across_a_year():
    periods = periods_between(kind="monthly", starts_on=date(2025, 11, 1), ends_on=None, until=date(2026, 2, 1))

    assert [p.start for p in periods] == [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]


def test_periods_between_on_the_first_day_is_one_period():
    assert periods_between(kind="yearly", starts_on=date(2025, 1, 1), ends_on=None, until=date(2025, 1, 1)) == [
        Period(date(2025, 1, 1), date(2025, 12, 31))
    ]


def test_months_in_edges():
    assert months_in(date(2025, 3, 1), date(2025, 3, 1)) == [date(2025, 3, 1)]
    assert months_in(date(2025, 12, 31), date(2026, 1, 1)) == [date(2025, 12, 1), date(2026, 1, 1)]
    assert months_in(date(2025, 3, 2), date(2025, 3, 1)) == []


def test_iso_week_runs_monday_to_sunday():
    assert iso_week(date(2025, 3, 17)) == Period(date(2025, 3, 17), date(2025, 3, 23))
    assert iso_week(date(2025, 3, 23)) == Period(date(2025, 3, 17), date(2025, 3, 23))
    assert iso_week(date(2025, 1, 1)) == Period(date(2024, 12, 30), date(2025, 1, 5))


@time_machine.travel(datetime(2025, 3, 31, 23, 30, tzinfo=UTC), tick=False)
def test_today_is_the_organizations_local_day():
    assert today_for(SimpleNamespace(time_zone="UTC")) == date(2025, 3, 31)
    assert today_for(SimpleNamespace(time_zone="Europe/Lisbon")) == date(2025, 4, 1)
    assert today_for(SimpleNamespace(time_zone="America/New_York")) == date(2025, 3, 31)


@time_machine.travel(datetime(2025, 3, 31, 23, 30, tzinfo=UTC), tick=False)
def test_an_invalid_stored_zone_falls_back_to_utc():
    # Not to the request's active zone: Tokyo is already in April.
    with timezone.override("Asia/Tokyo"):
        assert today_for(SimpleNamespace(time_zone="Mars/Olympus")) == date(2025, 3, 31)
        assert today_for(SimpleNamespace(time_zone="")) == date(2025, 3, 31)
