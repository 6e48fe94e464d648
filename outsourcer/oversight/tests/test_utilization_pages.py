"""The utilization page, the consolidation advisor, their API, and the over-booking warning in the
task form: Carol is over-booked by Alice's work, and Oscar's task for her never shows to Alice."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcer.testing.builders import make_budget
from outsourcer.testing.factories import EngagementFactory
from outsourcer.testing.fixtures import text
from outsourcer.testing.rows import insert_hourly_contract
from outsourcer.testing.work import make_task
from outsourcer.work.models import Task, TaskStatus

pytestmark = pytest.mark.django_db

FRIDAY = datetime(2025, 3, 21, 17, 0, tzinfo=UTC)
SECRET = "Oscar secret lookbook"


def _allocated(personas, contract, **fields) -> Task:
    task = make_task(personas, contract, **fields)
    Task.objects.filter(pk=task.pk).update(status=TaskStatus.IN_PROGRESS, sent_at=task.created_at)
    return task


@pytest.fixture
def busy_carol(personas, frozen):
    """Alice: 40 h for Carol by Friday (over her 30 h). Oscar: a task of his own for Carol."""
    contract = insert_hourly_contract(make_budget(personas, amount_cents=10**9), personas.carol_engagement)
    _allocated(personas, contract, title="Spring catalogue shoot", estimate_minutes=40 * 60, deadline_at=FRIDAY)
    oscars = EngagementFactory(organization=personas.other_org, contractor=personas.carol_contractor)
    oscars_contract = insert_hourly_contract(make_budget(personas, organization=personas.other_org), oscars)
    _allocated(personas, oscars_contract, title=SECRET, estimate_minutes=8 * 60, deadline_at=FRIDAY)
    return contract


@pytest.fixture
def alice(client, personas):
    client.force_login(personas.alice)
    return client


def test_the_page_flags_the_over_booked_contractor_without_other_clients_work(alice, org_url, busy_carol):
    response = alice.get(org_url("utilization:page"))
    page = text(response)

    assert response.status_code == 200
    assert "Over-booked: Carol Contractor" in page
    assert "<svg" in page and 'class="bar-fill bar-over"' in page
    assert SECRET not in page and "Oscar" not in page


def test_an_empty_organization_says_what_to_do(alice, personas, org_url, frozen):
    personas.carol_engagement.status = "ended"
    personas.carol_engagement.save()

    assert "No active contractor yet" in text(alice.get(org_url("utilization:page")))


def test_the_api_answers_capacity_left_but_not_other_clients_tasks(api_as, personas, busy_carol):
    response = api_as(personas.alice).get("/utilization")
    body = response.json()

    assert response.status_code == 200
    carol = body["contractors"][0]
    assert (carol["name"], carol["weeks"][0]["state"], carol["weeks"][0]["left_minutes"]) == (
        "Carol Contractor",
        "over",
        0,
    )
    assert SECRET not in response.content.decode()


def test_the_capacity_api_names_the_weeks_a_task_would_over_book(api_as, personas, busy_carol):
    url = f"/utilization/contractors/{personas.carol_contractor.pk}"
    response = api_as(personas.alice).get(f"{url}?estimate_minutes=120&deadline_at=2025-03-21T17:00:00Z")

    assert response.status_code == 200
    assert [week["monday"] for week in response.json()["overbooked_weeks"]] == ["2025-03-17"]
    assert SECRET not in response.content.decode()
    # Dan works for Oscar only: not a contractor of Alice's.
    assert api_as(personas.alice).get(f"/utilization/contractors/{personas.dan_contractor.pk}").status_code == 404


def test_the_task_form_warns_before_over_booking(alice, org_url, busy_carol):
    form = {
        "contract": busy_carol.pk,
        "title": "Bread basket photos",
        "goal": "Photos of the bread basket for the menu.",
        "deadline_at": "2025-03-21T16:00",
        "estimate": "4",
        "priority": "normal",
    }
    page = text(alice.post(org_url("tasks:check"), form, HTTP_HX_REQUEST="true"))

    assert "This would over-book Carol Contractor" in page
    assert "Week of 17 Mar: this task needs 4 h" in page
    assert SECRET not in page
    Task.objects.filter(title="Spring catalogue shoot").update(estimate_minutes=60)
    fits = text(alice.post(org_url("tasks:check"), form, HTTP_HX_REQUEST="true"))
    assert "over-book" not in fits


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def _more_tasks(personas, contract, n: int) -> None:
    task = Task.objects.filter(contract=contract).first()
    fields = {f.attname: getattr(task, f.attname) for f in Task._meta.concrete_fields if f.attname != "id"}
    Task.objects.bulk_create([Task(**{**fields, "title": f"Task {i}"}) for i in range(n)])


@pytest.mark.parametrize("page", ["utilization:page", "utilization:consolidation"])
def test_the_pages_send_as_many_queries_for_1000_tasks_as_for_10(alice, personas, org_url, busy_carol, page):
    _more_tasks(personas, busy_carol, 9)
    few = _queries(alice, org_url(page))
    _more_tasks(personas, busy_carol, 990)
    EngagementFactory.create_batch(20, organization=personas.org)

    assert _queries(alice, org_url(page)) == few <= 12


def test_the_task_page_warns_before_sending_a_task_that_would_over_book(alice, personas, org_url, busy_carol):
    draft = make_task(personas, busy_carol, title="Bread basket photos", estimate_minutes=4 * 60, deadline_at=FRIDAY)

    page = text(alice.get(org_url("tasks:detail", task_id=draft.pk)))

    assert "This would over-book Carol Contractor" in page
    assert SECRET not in page


def test_a_draft_contract_whose_weekly_cap_would_over_book_says_so(alice, personas, org_url, busy_carol):
    budget = make_budget(personas, name="More photos", amount_cents=10**9)
    draft = insert_hourly_contract(
        budget, personas.carol_engagement, title="More photos", status="draft", activated_at=None
    )
    draft.weekly_cap_minutes = 10 * 60
    draft.save()

    page = text(alice.get(org_url("contracts:detail", contract_id=draft.pk)))

    assert "weekly cap of 10 h would over-book Carol Contractor" in page
    assert SECRET not in page
    personas.carol_contractor.weekly_capacity_minutes = 100 * 60
    personas.carol_contractor.save()
    assert "would over-book" not in text(alice.get(org_url("contracts:detail", contract_id=draft.pk)))
