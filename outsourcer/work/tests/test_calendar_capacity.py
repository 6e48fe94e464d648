"""The week's capacity used: estimates spread over working time until each deadline, in the
contractor's zone, across a clock change and with a week that is not Monday–Friday."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from outsourcer.work.capacity import Commitment, WeekLoad, week_load

BERLIN = ZoneInfo("Europe/Berlin")
WEEKDAYS_9_TO_5 = {day: ["09:00", "17:00"] for day in ("mon", "tue", "wed", "thu", "fri")}
# Monday 17 March 2025, 00:00 in Berlin, and the week after.
WEEK = datetime(2025, 3, 17, tzinfo=BERLIN)
NEXT_WEEK = WEEK + timedelta(days=7)


def _load(commitments, *, now=WEEK, week=WEEK, hours=WEEKDAYS_9_TO_5, zone="Europe/Berlin", capacity=40 * 60):
    return week_load(
        commitments,
        week_start=week,
        week_end=datetime.combine((week + timedelta(days=7)).date(), week.timetz()),
        now=now,
        time_zone=zone,
        working_hours=hours,
        capacity_minutes=capacity,
    )


def test_it_spreads_an_estimate_over_the_working_time_until_the_deadline():
    # Due next Friday 17:00: ten working days from Monday 00:00, half of them this week.
    task = Commitment("a", 600, datetime(2025, 3, 28, 17, 0, tzinfo=BERLIN))
    assert _load([task]).shares == (("a", 300),)
    assert _load([task], week=NEXT_WEEK).shares == (("a", 300),)


def test_it_counts_a_task_due_this_week_in_full_and_sums_against_capacity():
    tasks = [
        Commitment("a", 8 * 60, datetime(2025, 3, 19, 17, 0, tzinfo=BERLIN)),
        Commitment("b", 40 * 60, datetime(2025, 3, 21, 17, 0, tzinfo=BERLIN)),
    ]
    load = _load(tasks)
    assert load == WeekLoad(shares=(("a", 480), ("b", 2400)), planned_minutes=2880, capacity_minutes=2400)
    assert (load.percent, load.is_over, load.left_minutes) == (120, True, 0)


def test_it_starts_from_now_mid_week():
    # Wednesday 13:00: 4 h left today, Thu and Fri: 20 h of working time, all before the deadline.
    now = datetime(2025, 3, 19, 13, 0, tzinfo=BERLIN)
    task = Commitment("a", 20 * 60, datetime(2025, 3, 28, 17, 0, tzinfo=BERLIN))
    # 60 h of working time until the deadline, 20 h of them this week: a third.
    assert _load([task], now=now).shares == (("a", 400),)


def test_an_overdue_task_is_owed_now_and_a_past_week_plans_nothing():
    now = datetime(2025, 3, 19, 13, 0, tzinfo=BERLIN)
    overdue = Commitment("late", 90, datetime(2025, 3, 18, 17, 0, tzinfo=BERLIN))
    assert _load([overdue], now=now).shares == (("late", 90),)
    assert _load([overdue], now=now, week=NEXT_WEEK).shares == ()
    past = WEEK - timedelta(days=7)
    assert _load([Commitment("a", 600, datetime(2025, 3, 28, 17, 0, tzinfo=BERLIN))], now=now, week=past).shares == ()


def test_a_deadline_outside_working_time_after_the_last_window_counts_like_one_inside():
    # Due Saturday: the working time ends Friday 17:00, so the whole estimate falls this week.
    task = Commitment("a", 300, datetime(2025, 3, 22, 12, 0, tzinfo=BERLIN))
    assert _load([task]).shares == (("a", 300),)


def test_a_sunday_to_thursday_week_in_another_zone():
    hours = {day: ["08:00", "16:00"] for day in ("sun", "mon", "tue", "wed", "thu")}
    week = datetime(2025, 3, 17, tzinfo=ZoneInfo("Asia/Jerusalem"))
    # Due Sunday 30 March 16:00 there: Mon–Thu and Sunday of each week (40 h a week), half now;
    # a deadline next Monday: 40 h this week, 8 h next.
    task = Commitment("a", 500, datetime(2025, 3, 30, 16, 0, tzinfo=ZoneInfo("Asia/Jerusalem")))
    assert _load([task], week=week, now=week, hours=hours, zone="Asia/Jerusalem").shares == (("a", 250),)
    task = Commitment("b", 480, datetime(2025, 3, 24, 16, 0, tzinfo=ZoneInfo("Asia/Jerusalem")))
    assert _load([task], week=week, now=week, hours=hours, zone="Asia/Jerusalem").shares == (("b", 400),)


def test_the_clock_change_week_counts_working_hours_not_wall_days():
    # Europe springs forward on Sunday 30 March 2025; the windows are 09–17 local on both sides.
    week = datetime(2025, 3, 24, tzinfo=BERLIN)
    task = Commitment("a", 800, datetime(2025, 4, 4, 17, 0, tzinfo=BERLIN))
    assert _load([task], week=week, now=week).shares == (("a", 400),)
    assert _load([task], week=week + timedelta(days=7), now=week).shares == (("a", 400),)


@pytest.mark.parametrize(
    ("commitment", "capacity", "expected"),
    [
        (Commitment("zero", 0, datetime(2025, 3, 21, 17, tzinfo=UTC)), 2400, (0, 0)),
        (Commitment("a", 60, datetime(2025, 3, 21, 17, tzinfo=UTC)), 0, (60, None)),
    ],
)
def test_no_estimate_plans_nothing_and_no_capacity_has_no_percentage(commitment, capacity, expected):
    load = _load([commitment], capacity=capacity)
    assert (load.planned_minutes, load.percent) == expected
