"""The organization's task pages: list, brief form with the live check, send with the override,
answer, milestones."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcer.audit.models import Event
from outsourcer.testing.builders import make_budget, make_contract
from outsourcer.testing.fixtures import text
from outsourcer.testing.work import make_task
from outsourcer.work import services
from outsourcer.work.models import Task, TaskStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(client, personas):
    client.force_login(personas.alice)
    return client


def _form(contract, **overrides):
    data = {
        "contract": contract.pk,
        "title": "Spring menu photos",
        "goal": "More bookings from the spring menu page: guests should see the new dishes before they book.",
        "deliverables": "Twelve photos of the new dishes, one per dish, on a plain light background.",
        "deliverable_format": "JPEG, 2000 px wide",
        "acceptance_criteria": "Every dish has one photo\nSharp at 100 % zoom",
        "references": "https://crumb.example/menu",
        "deadline_at": "2025-03-21T16:00",
        "estimate": "4",
        "priority": "normal",
        "point_of_contact": "",
    }
    data.update(overrides)
    return data


def test_it_lists_open_tasks_and_filters_by_status(alice, personas, org_url, frozen):
    open_task = make_task(personas, title="Open one")
    done = make_task(personas, open_task.contract, title="Cancelled one")
    services.task_cancel(task=done, actor=personas.alice)

    page = text(alice.get(org_url("tasks:list")))
    assert "Open one" in page and "Cancelled one" not in page
    page = text(alice.get(org_url("tasks:list"), {"status": "cancelled"}))
    assert "Cancelled one" in page and "Open one" not in page


def test_an_empty_list_says_what_to_do(alice, org_url):
    page = text(alice.get(org_url("tasks:list")))
    assert "No open tasks." in page and "Write a task" in page


def test_the_list_sends_as_many_queries_for_many_tasks_as_for_one(alice, personas, org_url, frozen):
    task = make_task(personas)

    def queries():
        alice.get(org_url("tasks:list"))
        with CaptureQueriesContext(connection) as captured:
            assert alice.get(org_url("tasks:list")).status_code == 200
        return len(captured.captured_queries)

    one = queries()
    for i in range(30):
        make_task(personas, task.contract, title=f"Task {i}")
    assert queries() == one <= 12


def test_it_creates_a_draft_and_shows_the_task(alice, personas, org_url, frozen):
    contract = make_task(personas).contract
    response = alice.post(org_url("tasks:create"), _form(contract, point_of_contact=personas.bob.pk))
    task = Task.objects.latest("id")
    assert response.status_code == 302 and response["Location"] == org_url("tasks:detail", task_id=task.pk)
    assert task.point_of_contact == personas.bob
    assert task.estimate_minutes == 240
    # The deadline was typed in Alice's own zone.
    assert task.deadline_at == datetime(2025, 3, 21, 16, 0, tzinfo=ZoneInfo(personas.alice.time_zone))
    assert task.acceptance_criteria == ["Every dish has one photo", "Sharp at 100 % zoom"]


def test_a_bad_brief_keeps_what_was_typed(alice, personas, org_url, frozen):
    contract = make_task(personas).contract
    before = Task.objects.count()
    response = alice.post(org_url("tasks:create"), _form(contract, title="", references="menu page", estimate="lots"))
    assert response.status_code == 400
    page = text(response)
    assert "Twelve photos of the new dishes" in page
    assert "is not a link" in page or "This field is required" in page
    assert Task.objects.count() == before


def test_check_brief_shows_the_findings_without_saving(alice, personas, org_url, frozen):
    contract = make_task(personas).contract
    before = Task.objects.count()
    response = alice.post(org_url("tasks:create"), _form(contract, goal="", check="on"))
    assert response.status_code == 200
    assert "The brief does not say why the work is needed." in text(response)
    assert Task.objects.count() == before


def test_the_live_check_answers_the_findings_partial(alice, personas, org_url, frozen):
    contract = make_task(personas).contract
    response = alice.post(
        org_url("tasks:check"), _form(contract, deadline_at="2025-03-22T23:00"), HTTP_HX_REQUEST="true"
    )
    page = text(response)
    assert response.status_code == 200
    assert page.lstrip().startswith('<section id="brief-findings"')
    assert "outside Carol" in page  # Saturday night in Lisbon
    clear = text(alice.post(org_url("tasks:check"), _form(contract, point_of_contact=personas.bob.pk)))
    assert "Nothing to add" in clear


def test_the_form_asks_the_live_check_while_typing(alice, org_url, personas, frozen):
    make_task(personas)
    page = text(alice.get(org_url("tasks:create")))
    assert f'hx-post="{org_url("tasks:check")}"' in page
    assert 'name="check"' in page  # the button that works without JavaScript


def test_sending_with_open_findings_asks_for_a_reason_in_the_page(alice, personas, org_url, frozen):
    task = make_task(personas, goal="")
    response = alice.post(org_url("tasks:send", task_id=task.pk), {"text": ""})
    assert response.status_code == 409
    page = text(response)
    assert "The brief check has" in page and "Send to Carol Contractor anyway" in page
    task.refresh_from_db()
    assert task.status == TaskStatus.DRAFT

    response = alice.post(org_url("tasks:send", task_id=task.pk), {"text": "She wrote the goal herself"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.SENT and task.brief_override_reason == "She wrote the goal herself"
    assert Event.objects.filter(action="task_sent_with_override", reason="She wrote the goal herself").exists()


def test_a_clear_brief_sends_after_the_confirm(alice, personas, org_url, frozen):
    task = make_task(personas)
    page = text(alice.get(org_url("tasks:detail", task_id=task.pk)))
    assert "Nothing to add" in page and '<details class="confirm">' in page
    assert alice.post(org_url("tasks:send", task_id=task.pk)).status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.SENT


def test_the_owner_answers_the_contractors_question(alice, personas, org_url, frozen):
    task = services.task_send(task=make_task(personas), actor=personas.alice)
    services.task_ask(task=task, contractor=personas.carol_contractor, question="Which dishes first?")
    page = text(alice.get(org_url("tasks:detail", task_id=task.pk)))
    assert "Which dishes first?" in page
    assert alice.post(org_url("tasks:answer", task_id=task.pk), {"text": ""}).status_code == 400
    assert alice.post(org_url("tasks:answer", task_id=task.pk), {"text": "The cakes"}).status_code == 302
    task.refresh_from_db()
    assert (task.status, task.answer) == (TaskStatus.SENT, "The cakes")


def test_an_illegal_move_says_why(alice, personas, org_url, frozen):
    task = make_task(personas)
    response = alice.post(org_url("tasks:done", task_id=task.pk), follow=True)
    assert "The task is draft; it cannot be marked done." in text(response)


def test_the_viewer_may_read_but_not_write(client, personas, org_url, frozen):
    task = make_task(personas)
    client.force_login(personas.vera)
    assert client.get(org_url("tasks:detail", task_id=task.pk)).status_code == 200
    assert client.post(org_url("tasks:send", task_id=task.pk)).status_code == 403
    assert client.get(org_url("tasks:create")).status_code == 403


def test_a_bad_milestone_keeps_its_input(alice, personas, org_url, frozen):
    task = make_task(personas)
    response = alice.post(
        org_url("tasks:milestone-add", task_id=task.pk), {"title": "Drafts", "due_on": "", "amount": "12x"}
    )
    assert response.status_code == 400
    assert 'value="Drafts"' in text(response)
    assert not task.milestones.exists()


def test_a_contractor_of_another_organization_gets_404(client, personas, org_url, frozen):
    task = make_task(personas)
    client.force_login(personas.dan)
    assert client.get(org_url("tasks:detail", task_id=task.pk)).status_code == 404


def test_a_fixed_price_task_picks_one_of_the_contracts_milestones(alice, personas, org_url, frozen):
    contract = make_contract(personas, make_budget(personas, name="Fixed", amount_cents=10**9), rate_model="fixed")
    task = make_task(personas, contract)
    page = text(alice.get(org_url("tasks:detail", task_id=task.pk)))
    assert 'name="contract_milestone"' in page and 'name="amount"' not in page
    draft = contract.milestones.first()
    response = alice.post(org_url("tasks:milestone-add", task_id=task.pk), {"contract_milestone": draft.pk})
    assert response.status_code == 302
    assert task.milestones.get().contract_milestone == draft


def test_the_filters_answer_the_results_partial_to_htmx(alice, personas, org_url, frozen):
    make_task(personas, title="Open one")
    response = alice.get(org_url("tasks:list"), {"status": "all"}, HTTP_HX_REQUEST="true")
    page = text(response)
    assert page.lstrip().startswith('<section id="results">') and "Open one" in page
