from datetime import date

import pytest

from outsourcer.budgets.periods import (
    Period,
    add_months,
    calendar_period,
    iso_week,
    months_in,
    period_for,
    periods_between,
)


@pytest.mark.parametrize(
    ("kind", "day", "expected"),
    [
        ("monthly", date(2025, 2, 14), Period(date(2025, 2, 1), date(2025, 2, 28))),
        ("monthly", date(2024, 2, 29), Period(date(2024, 2, 1), date(2024, 2, 29))),
        ("quarterly", date(2025, 5, 31), Period(date(2025, 4, 1), date(2025, 6, 30))),
        ("quarterly", date(2025, 12, 31), Period(date(2025, 10, 1), date(2025, 12, 31))),
        ("yearly", date(2025, 7, 4), Period(date(2025, 1, 1), date(2025, 12, 31))),
    ],
)
def test_it_maps_a_day_to_its_calendar_period(kind, day, expected):
    assert calendar_period(kind, day) == expected


def test_it_cuts_the_first_and_last_period_to_the_budget_dates():
    args = {"kind": "monthly", "starts_on": date(2025, 1, 15), "ends_on": date(2025, 3, 10)}

    assert period_for(**args, day=date(2025, 1, 20)) == Period(date(2025, 1, 15), date(2025, 1, 31))
    assert period_for(**args, day=date(2025, 2, 20)) == Period(date(2025, 2, 1), date(2025, 2, 28))
    assert period_for(**args, day=date(2025, 3, 5)) == Period(date(2025, 3, 1), date(2025, 3, 10))


def test_it_clamps_days_outside_the_budget_to_its_first_and_last_period():
    args = {"kind": "quarterly", "starts_on": date(2025, 2, 1), "ends_on": date(2025, 8, 31)}

    assert period_for(**args, day=date(2024, 12, 1)) == Period(date(2025, 2, 1), date(2025, 3, 31))
    assert period_for(**args, day=date(2026, 1, 1)) == Period(date(2025, 7, 1), date(2025, 8, 31))


def test_a_one_off_budget_has_one_period():
    args = {"kind": "one_off", "starts_on": date(2025, 1, 10), "ends_on": date(2025, 6, 30)}

    assert period_for(**args, day=date(2025, 3, 1)) == Period(date(2025, 1, 10), date(2025, 6, 30))
    assert periods_between(**args, until=date(2026, 1, 1)) == [Period(date(2025, 1, 10), date(2025, 6, 30))]


def test_it_lists_every_period_up_to_a_day():
    periods = periods_between(kind="quarterly", starts_on=date(2025, 2, 1), ends_on=None, until=date(2025, 7, 1))

    assert [p.start for p in periods] == [date(2025, 2, 1), date(2025, 4, 1), date(2025, 7, 1)]


def test_month_and_week_helpers():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 1), 3) == date(2026, 2, 1)
    assert months_in(date(2025, 1, 20), date(2025, 3, 1)) == [date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)]
    assert months_in(date(2025, 3, 2), date(2025, 3, 1)) == []
    assert iso_week(date(2025, 3, 19)) == Period(date(2025, 3, 17), date(2025, 3, 23))
