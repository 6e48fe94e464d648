"""The organization home's "Needs you today": time waiting for review, budgets past an alert,
contracts ending, recent overrides, each linking to where it is acted on."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outsourcer.audit.events import event_record
from outsourcer.contracts import events as contract_events
from outsourcer.home.tests.test_home_queries import HOME_QUERIES
from outsourcer.testing.builders import NOW, TODAY, make_budget, make_contract
from outsourcer.testing.factories import ContractorFactory, EngagementFactory
from outsourcer.testing.fixtures import text
from outsourcer.testing.rows import insert_hourly_contract, insert_time_entry
from outsourcer.testing.work import make_task
from outsourcer.work.services import task_accept, task_send, task_start
from outsourcer.work.services.checkins import checkin_post

URL = reverse("orgs:home", args=["crumb"])

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(personas, frozen):
    # €1,000 a month, far from its alerts unless a test spends it.
    return make_budget(personas, amount_cents=100_000_000)


def _needs(response) -> dict:
    return {section.key: section for section in response.context["needs"]}


def test_it_says_nothing_needs_you_on_a_quiet_day(login_as, personas, frozen):
    response = login_as(personas.alice).get(URL)

    assert response.context["needs"] == []
    assert "Nothing needs you today." in text(response)


def test_it_lists_time_waiting_per_contractor_with_a_link_to_review_it(login_as, personas, budget):
    contract = insert_hourly_contract(budget, personas.carol_engagement)
    insert_time_entry(contract, minutes=90, worked_on=TODAY)
    insert_time_entry(contract, minutes=60, worked_on=TODAY)
    insert_time_entry(contract, minutes=30, worked_on=TODAY, status="approved", reviewed_at=NOW)

    response = login_as(personas.alice).get(URL)

    [item] = _needs(response)["time"].items
    review = reverse("contracts:time-review", args=["crumb"])
    assert item.url == f"{review}?contractor={personas.carol_contractor.pk}"
    assert item.label == "Review Carol Contractor's time"
    assert item.detail.startswith("2 entries, 2 h 30 min, waiting since today")
    assert f'href="{review}?contractor={personas.carol_contractor.pk}"' in text(response)


def test_a_manager_does_not_see_their_own_time_as_waiting_for_them(login_as, personas, budget):
    bobs = ContractorFactory(user=personas.bob, name="Bob Moonlighting")
    contract = insert_hourly_contract(budget, EngagementFactory(organization=personas.org, contractor=bobs))
    insert_time_entry(contract)

    assert "time" not in _needs(login_as(personas.bob).get(URL))
    assert "time" in _needs(login_as(personas.alice).get(URL))


def test_a_viewer_reads_the_same_items_worded_for_reading(login_as, personas, budget):
    insert_time_entry(insert_hourly_contract(budget, personas.carol_engagement))

    response = login_as(personas.vera).get(URL)

    assert _needs(response)["time"].items[0].label == "See Carol Contractor's time"
    assert "Needs attention today" in text(response)


def test_it_lists_budgets_past_their_alert_and_over_with_the_status_rule(login_as, personas, frozen):
    # €60/h × 20 h a week to the end of March (15 days) ≈ €2,571 expected: over a €2,000 budget,
    # past 80 % of a €3,000 one, fine in a €10,000 one.
    for name, amount in (("Over", 200_000), ("Warned", 300_000), ("Fine", 1_000_000)):
        make_contract(personas, make_budget(personas, name=name, amount_cents=amount), title=f"{name} hours")

    needs = _needs(login_as(personas.alice).get(URL))

    items = needs["budgets"].items
    assert [(i.label, i.tone) for i in items] == [("Over", "over"), ("Warned", "warn")]
    assert items[0].detail == "over budget: €571.43 more than its €2,000.00 this period"
    assert items[1].detail == "85 % of €3,000.00 spent or expected, past its 80 % alert; €428.57 left"
    assert items[0].url == reverse("budgets:detail", args=["crumb", items[0].url.rstrip("/").split("/")[-1]])


def test_it_lists_contracts_ending_within_two_weeks_and_those_past_their_end(login_as, personas, budget):
    ending = {
        "Past": TODAY - timedelta(days=2),
        "Today": TODAY,
        "Soon": TODAY + timedelta(days=14),
        "Later": TODAY + timedelta(days=15),
    }
    for title, ends_on in ending.items():
        insert_hourly_contract(budget, personas.carol_engagement, title=title, ends_on=ends_on)
    insert_hourly_contract(budget, personas.carol_engagement, title="Open-ended")

    section = _needs(login_as(personas.bob).get(URL))["contracts"]

    assert [i.label for i in section.items] == [
        "Past · Carol Contractor",
        "Today · Carol Contractor",
        "Soon · Carol Contractor",
    ]
    assert [i.detail for i in section.items] == [
        "ended on Sat 15 Mar and is still active: complete or end it",
        "ends today, on Mon 17 Mar",
        "ends in 14 days, on Mon 31 Mar",
    ]
    assert "next 14 days" in section.note


def test_owners_see_recent_overrides_with_their_reasons(login_as, personas, budget, frozen):
    contract = make_contract(personas, budget, activate=False, title="Launch video")
    event_record(
        action=contract_events.CONTRACT_ACTIVATED_OVER_BUDGET,
        organization=personas.org,
        actor=personas.alice,
        obj=contract,
        reason="The launch pays for it",
    )
    old = event_record(action=contract_events.TIME_ENTRY_APPROVED_WITH_OVERRIDE, organization=personas.org, reason="x")
    old.created_at = frozen - timedelta(days=8)
    old.save()

    response = login_as(personas.alice).get(URL)

    [item] = _needs(response)["overrides"].items
    assert item.label == "Launch video"
    assert item.url == reverse("contracts:detail", args=["crumb", contract.pk])
    assert item.detail == "Alice Owner activated a contract over budget on Mon 17 Mar: “The launch pays for it”"
    assert "overrides" not in _needs(login_as(personas.bob).get(URL))


def test_it_shows_nothing_of_another_organization(login_as, personas, frozen):
    other_budget = make_budget(personas, organization=personas.other_org, amount_cents=100)
    contract = insert_hourly_contract(other_budget, personas.dan_engagement, ends_on=TODAY)
    insert_time_entry(contract)

    assert _needs(login_as(personas.alice).get(URL)) == {}


def _many(personas, n: int, *, start: int = 0) -> None:
    """n contractors with time waiting, each on a contract ending soon that takes its own €1 budget
    over, activated over budget."""
    for i in range(start, start + n):
        engagement = EngagementFactory(organization=personas.org, contractor=ContractorFactory(name=f"C{i}"))
        small = make_budget(personas, name=f"Small {i}", amount_cents=100)
        contract = insert_hourly_contract(small, engagement, title=f"Work {i}", ends_on=TODAY + timedelta(days=3))
        insert_time_entry(contract)
        task = make_task(personas, contract, title=f"Task {i}", duplicate_override_reason="seeded rows")
        task = task_send(task=task, actor=personas.alice, override_reason="matrix")
        task = task_start(task=task_accept(task=task, contractor=task.contractor), contractor=task.contractor)
        checkin_post(task=task, contractor=task.contractor, status="at_risk", percent_done=i, note=f"Note {i}")
        event_record(
            action=contract_events.CONTRACT_ACTIVATED_OVER_BUDGET,
            organization=personas.org,
            actor=personas.alice,
            obj=contract,
            reason=f"Because {i}",
        )


def test_it_runs_the_same_few_queries_for_one_row_as_for_many(login_as, personas, frozen):
    client = login_as(personas.alice)
    _many(personas, 1)
    client.get(URL)  # the first visit stores the current organization in the session
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    _many(personas, 15, start=1)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)

    assert len(one) == len(many) <= HOME_QUERIES, "\n".join(q["sql"][:150] for q in many.captured_queries)
    needs = _needs(response)
    assert {key: len(section.items) for key, section in needs.items()} == {
        "time": 10,
        "budgets": 10,
        "contracts": 10,
        "checkins": 10,
        "overrides": 10,
    }
    assert needs["time"].more_url and needs["contracts"].more_url and needs["budgets"].more_url


def test_it_is_not_for_contractors(login_as, personas):
    assert login_as(personas.carol).get(URL).status_code == 404
