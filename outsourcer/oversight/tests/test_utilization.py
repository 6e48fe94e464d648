"""Utilization figures, computed by hand: Carol (Lisbon, Mon–Fri 09:00–17:00, 30 h a week) seen at
09:00 on Monday 17 March 2025 (Lisbon is on UTC then), with a task of Alice's and one of Oscar's."""

from datetime import UTC, date, datetime, timedelta

import pytest

from outsourcer.oversight.selectors.utilization import (
    _clock,
    _week_use,
    capacity_check,
    capacity_left_for_contractor,
    utilization_for_organization,
)
from outsourcer.testing.builders import make_budget
from outsourcer.testing.factories import EngagementFactory
from outsourcer.testing.rows import insert_hourly_contract, insert_time_entry
from outsourcer.testing.work import make_task
from outsourcer.work.capacity import Commitment, week_load
from outsourcer.work.models import Task, TaskStatus
from outsourcer.work.week import week_bounds, zone_of

pytestmark = pytest.mark.django_db

MONDAY = date(2025, 3, 17)
AT_NINE = datetime(2025, 3, 17, 9, 0, tzinfo=UTC)
THIS_FRIDAY_FIVE = datetime(2025, 3, 21, 17, 0, tzinfo=UTC)
NEXT_FRIDAY_FIVE = datetime(2025, 3, 28, 17, 0, tzinfo=UTC)
H = 60


def allocated(personas, contract, *, title: str, estimate_minutes: int, deadline_at, status=TaskStatus.IN_PROGRESS):
    task = make_task(personas, contract, title=title, estimate_minutes=estimate_minutes, deadline_at=deadline_at)
    Task.objects.filter(pk=task.pk).update(status=status, sent_at=AT_NINE - timedelta(days=3))
    return task


@pytest.fixture
def carols_week(personas):
    """Alice: 20 h due this Friday, 3 h of it logged today. Oscar: 16 h due next Friday."""
    alice_contract = insert_hourly_contract(make_budget(personas, amount_cents=10**9), personas.carol_engagement)
    oscars_engagement = EngagementFactory(organization=personas.other_org, contractor=personas.carol_contractor)
    oscars_budget = make_budget(personas, organization=personas.other_org, amount_cents=10**9)
    oscars_contract = insert_hourly_contract(oscars_budget, oscars_engagement, title="Oscar's shoot")
    task = allocated(
        personas, alice_contract, title="Spring menu photos", estimate_minutes=20 * H, deadline_at=THIS_FRIDAY_FIVE
    )
    allocated(
        personas, oscars_contract, title="Oscar secret lookbook", estimate_minutes=16 * H, deadline_at=NEXT_FRIDAY_FIVE
    )
    insert_time_entry(alice_contract, minutes=3 * H, worked_on=MONDAY, task=task)
    return alice_contract


def test_it_spreads_remaining_estimates_and_adds_logged_time(personas, carols_week):
    weeks = utilization_for_organization(organization=personas.org, today=MONDAY, now=AT_NINE).rows[0].weeks

    this, following = weeks[0], weeks[1]
    # Alice's 17 h left all fall in the 40 working hours to Friday; Oscar's 16 h spread over 80
    # working hours, 40 of them this week: 8 h. Used: 17 + 8 + 3 logged = 28 h of 30.
    assert (this.own_allocated_minutes, this.allocated_minutes, this.logged_minutes) == (17 * H, 25 * H, 3 * H)
    assert (this.own_logged_minutes, this.left_minutes, this.percent, this.state) == (3 * H, 2 * H, 93, "ok")
    assert (following.own_allocated_minutes, following.allocated_minutes, following.percent) == (0, 8 * H, 27)
    assert following.state == "under"
    assert [week.monday for week in weeks] == [MONDAY + timedelta(days=7 * n) for n in range(4)]


def test_a_new_task_that_would_overbook_her_names_the_week_and_what_is_left(personas, carols_week):
    over = capacity_check(
        contractor=personas.carol_contractor,
        estimate_minutes=6 * H,
        deadline_at=THIS_FRIDAY_FIVE,
        today=MONDAY,
        now=AT_NINE,
    )

    # 28 h used + 6 h = 34 h of 30: 113 %.
    assert [(w.monday, w.task_minutes, w.left_before_minutes, w.capacity_minutes, w.percent_after) for w in over] == [
        (MONDAY, 6 * H, 2 * H, 30 * H, 113)
    ]


def test_a_task_that_fits_warns_of_nothing(personas, carols_week):
    assert (
        capacity_check(
            contractor=personas.carol_contractor,
            estimate_minutes=2 * H,
            deadline_at=THIS_FRIDAY_FIVE,
            today=MONDAY,
            now=AT_NINE,
        )
        == []
    )
    assert (
        capacity_check(
            contractor=personas.carol_contractor, estimate_minutes=None, deadline_at=None, today=MONDAY, now=AT_NINE
        )
        == []
    )


def test_editing_a_task_does_not_count_it_twice(personas, carols_week):
    task = Task.objects.get(title="Spring menu photos")

    over = capacity_check(
        contractor=personas.carol_contractor,
        estimate_minutes=20 * H,
        deadline_at=THIS_FRIDAY_FIVE,
        today=MONDAY,
        now=AT_NINE,
        exclude_task_id=task.pk,
    )

    # Without the task itself: 8 h (Oscar's) + 3 h logged + 20 h = 31 h of 30.
    assert [(w.left_before_minutes, w.percent_after) for w in over] == [(19 * H, 103)]


def test_drafts_done_and_declined_tasks_take_no_capacity(personas, carols_week):
    Task.objects.filter(title="Oscar secret lookbook").update(status=TaskStatus.DONE)
    contract = carols_week
    for status in (TaskStatus.DRAFT, TaskStatus.CANCELLED, TaskStatus.SUBMITTED):
        allocated(
            personas, contract, title=status, estimate_minutes=30 * H, deadline_at=THIS_FRIDAY_FIVE, status=status
        )

    this = capacity_left_for_contractor(contractor=personas.carol_contractor, today=MONDAY, now=AT_NINE)[0]

    assert (this.allocated_minutes, this.logged_minutes) == (17 * H, 3 * H)


def test_an_overdue_task_is_owed_in_full_this_week(personas, carols_week):
    Task.objects.filter(title="Spring menu photos").update(deadline_at=AT_NINE - timedelta(days=1))

    this, following = capacity_left_for_contractor(contractor=personas.carol_contractor, today=MONDAY, now=AT_NINE)[:2]

    assert (this.allocated_minutes, this.percent, this.state) == (25 * H, 93, "ok")
    assert following.allocated_minutes == 8 * H


def test_a_contractor_without_capacity_is_over_booked_by_any_work(personas, carols_week):
    personas.carol_contractor.weekly_capacity_minutes = 0
    personas.carol_contractor.save()

    this = utilization_for_organization(organization=personas.org, today=MONDAY, now=AT_NINE).rows[0].current

    assert (this.percent, this.state, this.left_minutes) == (None, "over", 0)


def test_flags_sort_the_over_booked_from_the_under_used(personas, carols_week):
    Task.objects.filter(title="Spring menu photos").update(estimate_minutes=40 * H)
    idle = EngagementFactory(organization=personas.org)

    data = utilization_for_organization(organization=personas.org, today=MONDAY, now=AT_NINE)

    assert [row.contractor for row in data.over_booked] == [personas.carol_contractor]
    assert [row.contractor for row in data.under_used] == [idle.contractor]


def test_an_organization_without_active_contractors_has_no_rows(personas):
    personas.carol_engagement.status = "paused"
    personas.carol_engagement.save()

    assert utilization_for_organization(organization=personas.org, today=MONDAY, now=AT_NINE).rows == []


def test_the_shares_are_work_capacitys_week_load(personas):
    # The page's cumulative working clock gives what work/capacity.py gives task by task: here
    # for deadlines over a clock change (Lisbon, 30 March), overdue ones, and half-hour marks.
    carol = personas.carol_contractor
    carol.working_hours = {"mon": ["08:30", "12:00"], "tue": ["09:00", "17:45"], "thu": ["13:00", "19:00"]}
    deadlines = [AT_NINE + timedelta(hours=h, minutes=m) for h in range(-30, 700, 37) for m in (0, 30)]
    commitments = [Commitment(n % 3, 60 + 47 * n, deadline) for n, deadline in enumerate(deadlines)]
    clock = _clock(carol, commitments, now=AT_NINE, last_monday=MONDAY + timedelta(days=28))
    for week in range(5):
        monday = MONDAY + timedelta(days=7 * week)
        start, end = week_bounds(monday, zone_of(carol.time_zone))
        expected = week_load(
            commitments,
            week_start=start,
            week_end=end,
            now=AT_NINE,
            time_zone=carol.time_zone,
            working_hours=carol.working_hours,
            capacity_minutes=carol.weekly_capacity_minutes,
        )
        use = _week_use(clock, carol, commitments, [], monday=monday, organization_id=1)

        assert use.allocated_minutes == expected.planned_minutes
        assert use.own_allocated_minutes == sum(minutes for key, minutes in expected.shares if key == 1)
