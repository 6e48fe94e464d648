"""Similar work on the task and job forms: the live partial names the work it looks like and who
holds it, saving asks for a reason, and the task or job page shows the reason given."""

import pytest

from outsourcer.testing.builders import make_budget, make_contract
from outsourcer.testing.factories import EngagementFactory
from outsourcer.testing.fixtures import text
from outsourcer.testing.work import make_task
from outsourcer.work.models import Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(client, personas):
    client.force_login(personas.alice)
    return client


@pytest.fixture
def dans_task(personas):
    EngagementFactory(organization=personas.org, contractor=personas.dan_contractor)
    budget = make_budget(personas, name="Dan's budget", amount_cents=10**9)
    contract = make_contract(personas, budget, contractor=personas.dan_contractor, title="Dan's tasks")
    return make_task(personas, contract, title="Refresh the shop photos", goal="New photos of every product")


def _form(contract, **overrides):
    data = {
        "contract": contract.pk,
        "title": "Retake product pictures for the online shop",
        "goal": "Every product in the shop needs a new photo.",
        "deliverables": "One JPEG per product.",
        "priority": "normal",
    }
    return data | overrides


def test_the_live_check_names_the_similar_task_and_who_has_it(alice, personas, org_url, dans_task, frozen):
    carols = make_contract(personas, make_budget(personas, name="Carol's", amount_cents=10**9), title="Carol's")

    page = alice.post(org_url("tasks:check"), _form(carols))

    assert page.status_code == 200
    assert "Looks like “Refresh the shop photos”, already with Dan Contractor (" in text(page)
    assert org_url("tasks:detail", task_id=dans_task.pk) in page.content.decode()
    assert 'name="duplicate_override_reason"' in page.content.decode()


def test_saving_a_duplicate_asks_for_a_reason_then_keeps_it(alice, personas, org_url, dans_task, frozen):
    carols = make_contract(personas, make_budget(personas, name="Carol's", amount_cents=10**9), title="Carol's")

    refused = alice.post(org_url("tasks:create"), _form(carols))
    assert refused.status_code == 400
    assert "already with Dan Contractor" in text(refused)
    assert 'value="Retake product pictures for the online shop"' in refused.content.decode()
    assert not Task.objects.filter(contract=carols).exists()

    saved = alice.post(org_url("tasks:create"), _form(carols, duplicate_override_reason="Dan does the café"))
    task = Task.objects.get(contract=carols)
    assert saved.status_code == 302
    assert "Saved although it looked like other work: “Dan does the café”" in text(
        alice.get(org_url("tasks:detail", task_id=task.pk))
    )


def test_a_brief_like_nothing_shows_no_similar_work(alice, personas, org_url, dans_task, frozen):
    carols = make_contract(personas, make_budget(personas, name="Carol's", amount_cents=10**9), title="Carol's")

    page = alice.post(org_url("tasks:check"), _form(carols, title="Write the May newsletter", goal="", deliverables=""))

    assert "Similar work" not in text(page)


def test_the_job_form_shows_similar_work_and_asks_for_a_reason(alice, personas, org_url, dans_task, frozen):
    budget = make_budget(personas, name="Photos", amount_cents=10**9)
    job = {"title": "Retake the shop photos", "budget": budget.pk, "goal": "Every product", "rate_model": "fixed"}

    partial = alice.post(org_url("hiring:job-similar"), job)
    assert "Looks like “Refresh the shop photos”, already with Dan Contractor" in text(partial)

    refused = alice.post(org_url("hiring:job-create"), job)
    assert refused.status_code == 400
    assert "Reason to save it anyway" in text(refused)
    saved = alice.post(org_url("hiring:job-create"), {**job, "duplicate_override_reason": "Both shops"})
    assert saved.status_code == 302
    assert "“Both shops”" in text(alice.get(saved["Location"]))


def test_a_viewer_gets_no_partial(client, personas, org_url):
    client.force_login(personas.vera)

    assert client.post(org_url("hiring:job-similar"), {"title": "Shop photos"}).status_code == 403
