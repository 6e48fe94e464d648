"""The owner's home charts: on time by month, utilization in the next 7 days, spend against budget,
each with its numbers as a table."""

from datetime import timedelta

import pytest
from django.urls import reverse

from outsourcer.testing.builders import NOW
from outsourcer.testing.fixtures import text
from outsourcer.testing.work import insert_tasks, task_contract

URL = reverse("orgs:home", args=["crumb"])

pytestmark = pytest.mark.django_db


def _charts(response) -> dict:
    return {chart.key: chart for chart in response.context["charts"]}


def test_on_time_is_the_share_of_tasks_done_by_their_deadline_each_month(login_as, personas, frozen):
    contract = task_contract(personas)
    march, february = NOW - timedelta(days=5), NOW - timedelta(days=30)
    insert_tasks(contract, 3, status="done", done_at=march, deadline_at=march + timedelta(hours=1))
    insert_tasks(contract, 1, status="done", done_at=march, deadline_at=march - timedelta(hours=1))
    insert_tasks(contract, 1, status="done", done_at=february, deadline_at=february - timedelta(days=1))
    insert_tasks(contract, 1, status="done", done_at=march, deadline_at=None)  # no deadline: not counted
    insert_tasks(contract, 1, status="done", done_at=NOW - timedelta(days=200), deadline_at=NOW)  # too old

    response = login_as(personas.alice).get(URL)

    chart = _charts(response)["on_time"]
    assert [(bar.label, bar.percent, bar.cells) for bar in chart.bars] == [
        ("Oct 2024", None, ("0", "0", "–")),
        ("Nov 2024", None, ("0", "0", "–")),
        ("Dec 2024", None, ("0", "0", "–")),
        ("Jan 2025", None, ("0", "0", "–")),
        ("Feb 2025", 0, ("1", "0", "0 %")),
        ("Mar 2025", 75, ("4", "3", "75 %")),
    ]
    assert '<th scope="row">Mar 2025</th><td>4</td><td>3</td><td>75 %</td>' in response.content.decode()


def test_utilization_spreads_accepted_work_over_the_next_seven_days_against_capacity(login_as, personas, frozen):
    contract = task_contract(personas)
    # 20 h to do by a week from now: all of it falls in the next seven days.
    insert_tasks(contract, 1, status="accepted", estimate_minutes=20 * 60, deadline_at=NOW + timedelta(days=7))
    insert_tasks(contract, 1, status="done", estimate_minutes=60 * 60, deadline_at=NOW + timedelta(days=7))

    chart = _charts(login_as(personas.alice).get(URL))["utilization"]

    [bar] = chart.bars
    capacity = personas.carol_contractor.weekly_capacity_minutes
    assert bar.label == "Carol Contractor"
    assert bar.percent == (20 * 60 * 100 + capacity // 2) // capacity
    assert bar.cells[0] == "20 h"


def test_spend_shows_each_budget_and_a_quiet_organization_has_no_charts(login_as, personas, frozen):
    assert login_as(personas.alice).get(URL).context["charts"] == []

    task_contract(personas)  # a budget, nothing spent yet
    response = login_as(personas.alice).get(URL)

    [bar] = _charts(response)["spend"].bars
    assert bar.percent == 0 and bar.cells[-1] == "0 %"
    assert "Spend against budget" in text(response)
